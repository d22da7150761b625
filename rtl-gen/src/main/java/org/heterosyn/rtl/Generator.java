package org.heterosyn.rtl;

import org.heterosyn.manifest.DesignDir;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.manifest.ManifestJson;
import org.heterosyn.board.Board;
import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.rtl.blocks.BoardTop;
import org.heterosyn.rtl.blocks.Top;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Spram;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generates a design directory ({@link DesignDir}): the FIRRTL (3.3.0), one SystemVerilog file per
 * module lowered by firtool, the file list (synthesis sources, leaves first), the manifest, Verilator
 * lint waivers and, for SPRAM designs, the SB_SPRAM256KA simulation model.
 */
public final class Generator {
    /** firtool's comment-only file naming the external modules; it holds no module, so it is dropped. */
    private static final String FIRTOOL_EXTERN_LIST = "extern_modules.sv";

    /** What a generation produced, and how long it took. */
    public record Result(Path outDir, Manifest manifest, List<Path> sources, List<Path> simSources,
                         long millis) {}

    private final Firtool firtool;

    public Generator(Firtool firtool) { this.firtool = firtool; }

    /** Generates with the firtool of the classpath and prints the time taken to {@code System.out}. */
    public static Result generate(DesignSpec spec, Path outDir) {
        Result r = new Generator(Firtool.fromClasspath()).run(spec, outDir);
        print(r, System.out);
        return r;
    }

    public static void print(Result r, PrintStream out) {
        out.printf(Locale.ROOT, "generated %s (%d modules, top %s) in %s in %.2f s%n", r.manifest().design(),
                r.sources().size(), r.manifest().top(), r.outDir(), r.millis() / 1000.0);
    }

    /** The FIRRTL circuit of a design (no files written). */
    public static Circuit circuit(DesignSpec spec) {
        return Top.circuit(new Layout(spec));
    }

    public Result run(DesignSpec spec, Path outDir) {
        Layout lay = new Layout(spec);
        return write(spec, Top.circuit(lay), Manifest.of(spec), outDir);
    }

    /**
     * A board design (docs/board-top.md): the board top with the core as u_core, its PLL's
     * simulation model beside the SPRAM one, and the board manifest.
     */
    public Result runBoard(DesignSpec spec, Board board, BoardTopConfig cfg, Path outDir) {
        Layout lay = new Layout(spec);
        Circuit c = BoardTop.circuit(lay, board, cfg);
        return write(spec, c, Manifest.board(spec, cfg), outDir);
    }

    private Result write(DesignSpec spec, Circuit c, Manifest manifest, Path outDir) {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(outDir);
            Layout lay = new Layout(spec);
            Path fir = outDir.resolve(DesignDir.FIR);
            Files.writeString(fir, c.emit());
            for (Path old : listSv(outDir)) Files.delete(old);
            List<Path> emitted = firtool.lower(fir, outDir);
            List<Path> sources = new ArrayList<>();
            for (Path p : emitted) {
                if (p.getFileName().toString().equals(FIRTOOL_EXTERN_LIST)) {
                    Files.deleteIfExists(p);
                } else {
                    sources.add(p);
                }
            }
            StringBuilder list = new StringBuilder();
            for (Path p : sources) list.append(p.getFileName()).append('\n');
            Files.writeString(outDir.resolve(DesignDir.FILELIST), list.toString());
            // Lint waivers for firtool's own names (the resource explains them).
            copyResource(DesignDir.LINT_WAIVERS, outDir.resolve(DesignDir.LINT_WAIVERS));
            List<Path> sim = new ArrayList<>();
            // A design regenerated where another was must not pick up models it does not use.
            simModel(outDir, DesignDir.SPRAM_MODEL, Spram.PRIMITIVE + ".v", lay.spram(), sim);
            simModel(outDir, DesignDir.PLL_MODEL, DesignDir.PLL_PRIMITIVE + ".v",
                    manifest.files().simulationModels().contains(DesignDir.PLL_MODEL), sim);
            ManifestJson.write(manifest, outDir.resolve(DesignDir.MANIFEST));
            return new Result(outDir, manifest, sources, sim, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the design into " + outDir, e);
        }
    }

    private static void simModel(Path outDir, String file, String resource, boolean used, List<Path> sim) throws IOException {
        Path model = outDir.resolve(file);
        if (!used) {
            Files.deleteIfExists(model);
            return;
        }
        Files.createDirectories(model.getParent());
        copyResource(resource, model);
        sim.add(model);
    }

    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = Generator.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " missing from rtl-gen");
            Files.write(to, in.readAllBytes());
        }
    }

    private static List<Path> listSv(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".sv")).toList();
        }
    }
}
