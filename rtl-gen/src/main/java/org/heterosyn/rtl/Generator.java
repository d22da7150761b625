package org.heterosyn.rtl;

import org.heterosyn.files.IoReason;
import org.heterosyn.files.OutputDir;
import org.heterosyn.files.OutputException;
import org.heterosyn.manifest.DesignDir;
import org.heterosyn.manifest.DesignStamp;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.manifest.ManifestJson;
import org.heterosyn.board.Board;
import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.rtl.blocks.BoardTop;
import org.heterosyn.rtl.blocks.Top;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.ExtModule;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Spram;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
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
        spec.rule().requireHardware("generate");
        return Top.circuit(new Layout(spec));
    }

    public Result run(DesignSpec spec, Path outDir) {
        spec.rule().requireHardware("generate");
        return write(Top.circuit(new Layout(spec)), Manifest.of(spec), outDir);
    }

    /**
     * A board design (docs/board-top.md): the board top with the core as u_core, its PLL's
     * simulation model beside the SPRAM one, and the board manifest.
     */
    public Result runBoard(DesignSpec spec, Board board, BoardTopConfig cfg, Path outDir) {
        spec.rule().requireHardware("generate");
        return write(BoardTop.circuit(new Layout(spec), board, cfg), Manifest.board(spec, cfg), outDir);
    }

    /**
     * Writes the design into a fresh directory beside {@code outDir}, stamps it, and swaps it in whole
     * ({@link OutputDir}): a second generation into the same directory meanwhile fails as busy, and
     * readers never see one design's manifest beside another's RTL.
     */
    private Result write(Circuit c, Manifest manifest, Path outDir) {
        long t0 = System.nanoTime();
        try (OutputDir out = OutputDir.open(outDir, DesignDir::generated)) {
            Written w = writeFiles(c, manifest, out.stage());
            DesignStamp.write(out.stage());
            out.commit();
            return new Result(outDir, manifest, moved(w.sources(), out.stage(), outDir), moved(w.sim(), out.stage(), outDir),
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            throw new OutputException("cannot write the design into " + outDir + ": " + IoReason.of(e), e);
        }
    }

    private record Written(List<Path> sources, List<Path> sim) {}

    /** Every file of the design into an empty directory. */
    private Written writeFiles(Circuit c, Manifest manifest, Path dir) throws IOException {
        Path fir = dir.resolve(DesignDir.FIR);
        Files.writeString(fir, c.emit());
        List<Path> sources = new ArrayList<>(writeOwnLeaves(c, dir));
        for (Path p : firtool.lower(fir, dir)) {
            if (p.getFileName().toString().equals(FIRTOOL_EXTERN_LIST)) {
                Files.deleteIfExists(p);
            } else {
                sources.add(p);
            }
        }
        StringBuilder list = new StringBuilder();
        for (Path p : sources) list.append(p.getFileName()).append('\n');
        Files.writeString(dir.resolve(DesignDir.FILELIST), list.toString());
        // Lint waivers for firtool's own names (the resource explains them).
        copyResource(DesignDir.LINT_WAIVERS, dir.resolve(DesignDir.LINT_WAIVERS));
        List<Path> sim = new ArrayList<>();
        List<String> models = manifest.files().simulationModels();
        simModel(dir, DesignDir.SPRAM_MODEL, Spram.PRIMITIVE + ".v", models.contains(DesignDir.SPRAM_MODEL), sim);
        simModel(dir, DesignDir.PLL_MODEL, DesignDir.PLL_PRIMITIVE + ".v", models.contains(DesignDir.PLL_MODEL), sim);
        ManifestJson.write(manifest, dir.resolve(DesignDir.MANIFEST));
        return new Written(sources, sim);
    }

    private static void simModel(Path dir, String file, String resource, boolean used, List<Path> sim) throws IOException {
        if (!used) return;
        Path model = dir.resolve(file);
        Files.createDirectories(model.getParent());
        copyResource(resource, model);
        sim.add(model);
    }

    /** The paths the staged files have once the stage is the output directory. */
    private static List<Path> moved(List<Path> staged, Path stage, Path outDir) {
        return staged.stream().map(p -> outDir.resolve(stage.relativize(p))).toList();
    }

    /** The Verilog of external modules the generator writes itself (SignedMultiplier): leaves, so listed first. */
    private static List<Path> writeOwnLeaves(Circuit c, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (ModuleDef d : c.modules()) {
            if (d instanceof ExtModule e && e.verilog().isPresent()) {
                Path p = dir.resolve(e.name() + ".sv");
                Files.writeString(p, e.verilog().get());
                out.add(p);
            }
        }
        return out;
    }

    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = Generator.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " missing from rtl-gen");
            Files.write(to, in.readAllBytes());
        }
    }
}
