package org.heterosyn.rtl;

import org.heterosyn.manifest.DesignDir;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.manifest.ManifestJson;
import org.heterosyn.rtl.blocks.Top;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.ExtModule;
import org.heterosyn.rtl.firrtl.ModuleDef;
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
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(outDir);
            Layout lay = new Layout(spec);
            Circuit c = Top.circuit(lay);
            Path fir = outDir.resolve(DesignDir.FIR);
            Files.writeString(fir, c.emit());
            for (Path old : listSv(outDir)) Files.delete(old);
            List<Path> emitted = firtool.lower(fir, outDir);
            List<Path> sources = new ArrayList<>(writeOwnLeaves(c, outDir));
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
            Path model = outDir.resolve(DesignDir.SPRAM_MODEL);
            if (lay.spram()) {
                Files.createDirectories(model.getParent());
                copyResource(Spram.PRIMITIVE + ".v", model);
                sim.add(model);
            } else {
                // A generic design regenerated where an SPRAM one was must not pick up its model.
                Files.deleteIfExists(model);
            }
            Manifest manifest = Manifest.of(spec);
            ManifestJson.write(manifest, outDir.resolve(DesignDir.MANIFEST));
            return new Result(outDir, manifest, sources, sim, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the design into " + outDir, e);
        }
    }

    /** The Verilog of external modules the generator writes itself (SignedMultiplier): leaves, so listed first. */
    private static List<Path> writeOwnLeaves(Circuit c, Path outDir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (ModuleDef d : c.modules()) {
            if (d instanceof ExtModule e && e.verilog().isPresent()) {
                Path p = outDir.resolve(e.name() + ".sv");
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

    private static List<Path> listSv(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".sv")).toList();
        }
    }
}
