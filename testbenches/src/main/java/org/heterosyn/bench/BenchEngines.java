package org.heterosyn.bench;

import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.board.Boards;
import org.heterosyn.cosim.BoardBuild;
import org.heterosyn.data.Dataset;
import org.heterosyn.driver.Devices;
import org.heterosyn.driver.VerilatorDevice;
import org.heterosyn.learning.FastEngine;
import org.heterosyn.learning.ReferenceEngine;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.rtl.Generator;
import org.heterosyn.spec.DesignSpec;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The engines `heterosyn bench --out` knows, by the names of its --engines option. Opening one
 * first prepares what every instance shares (a generated design, a Verilator build), then hands
 * out fresh instances: one for the warm-up, one for the measured samples.
 */
public final class BenchEngines {
    public static final String REFERENCE = "reference";
    public static final String FAST = "fast";
    public static final String EMU = "emu";
    public static final String VERILATOR = "verilator:";
    public static final String BOARD = "board";
    public static final String COSIM = "cosim";
    /** Every engine, in the order the bench runs them by default. */
    public static final List<String> ALL = List.of(REFERENCE, FAST, EMU, VERILATOR, BOARD, COSIM);
    public static final String NAMES = "reference, fast, fast:KERNEL (vector, scalar), emu, verilator: (or verilator:DIR), "
            + "board, cosim";

    private BenchEngines() {}

    /** A one-line error for a name the bench does not know, or null when it knows it. */
    public static String unknown(String name) {
        boolean known = name.equals(REFERENCE) || name.equals(FAST) || name.startsWith(FAST + ":") || name.equals(EMU)
                || name.startsWith(VERILATOR) || name.equals(BOARD) || name.equals(COSIM);
        return known ? null : "--engines: unknown engine '" + name + "'; allowed: " + NAMES;
    }

    /** Engines that run the RTL need Verilator; the reason one cannot run here, or null when it can. */
    public static String unavailable(String name) { return unavailable(name, System.getenv("PATH")); }

    /** As above, with {@code path} as the PATH to search. */
    static String unavailable(String name, String path) {
        boolean rtl = name.startsWith(VERILATOR) || name.equals(BOARD) || name.equals(COSIM);
        if (rtl && !onPath("verilator", path)) return "verilator is not on PATH (Debian: apt-get install verilator)";
        return null;
    }

    /** Slow engines clock the hardware cycle by cycle; the bench gives them fewer samples. */
    public static boolean clocked(String name) { return !name.equals(REFERENCE) && !name.startsWith(FAST); }

    /**
     * Prepares {@code name} for {@code spec} in the scratch directory {@code work}; progress lines
     * (generation, Verilator build) go to {@code log}.
     */
    static Supplier<BenchEngine> open(String name, DesignSpec spec, Dataset data, Path work, PrintStream log) {
        if (name.equals(REFERENCE)) return () -> new LearningBenchEngine(REFERENCE, new ReferenceEngine(spec), () -> BenchEngine.NO_CLOCK, () -> { });
        if (name.equals(FAST) || name.startsWith(FAST + ":")) return fast(name, spec);
        if (name.equals(EMU)) return () -> LearningBenchEngine.of(EMU, Devices.open(EMU, spec));
        if (name.startsWith(VERILATOR)) return verilator(name, spec, work, log);
        if (name.equals(BOARD)) return board(spec, work, log);
        if (name.equals(COSIM)) return cosim(spec, data, work, log);
        throw new IllegalArgumentException(unknown(name));
    }

    private static Supplier<BenchEngine> fast(String name, DesignSpec spec) {
        String kernel = name.equals(FAST) ? null : name.substring(FAST.length() + 1);
        return () -> {
            FastEngine f = kernel == null ? new FastEngine(spec) : new FastEngine(spec, kernel);
            return new LearningBenchEngine(FAST + "/" + f.kernel(), f, () -> BenchEngine.NO_CLOCK, () -> { });
        };
    }

    /** verilator: generates the design into {@code work}; verilator:DIR takes a design `generate` wrote. */
    private static Supplier<BenchEngine> verilator(String name, DesignSpec spec, Path work, PrintStream log) {
        Path dir = name.equals(VERILATOR) ? generate(spec, work.resolve("design"), log).outDir() : Path.of(name.substring(VERILATOR.length()));
        String uri = VERILATOR + dir;
        new VerilatorDevice(uri, dir).close();  // builds (or finds the cached build) before the clock starts
        return () -> {
            VerilatorDevice d = new VerilatorDevice(uri, dir);
            if (!spec.equals(d.spec())) {
                d.close();
                throw new IllegalArgumentException(uri + " holds design " + d.spec().name() + ", not the benched " + spec.name());
            }
            return LearningBenchEngine.of("verilator", d);
        };
    }

    private static Supplier<BenchEngine> board(DesignSpec spec, Path work, PrintStream log) {
        BoardTopConfig cfg = BoardTopConfig.defaults();
        Path lib = BoardBuild.library(spec, Boards.load(Boards.DEFAULT), cfg, work.resolve("board"), log);
        return () -> {
            try {
                return new BoardBenchEngine(spec, lib, cfg);
            } catch (IOException e) {
                throw new UncheckedIOException("emulated board: cannot open a pseudo-terminal: " + e.getMessage(), e);
            }
        };
    }

    private static Supplier<BenchEngine> cosim(DesignSpec spec, Dataset data, Path work, PrintStream log) {
        Path dir = work.resolve("cosim-design");
        Manifest m = generate(spec, dir, log).manifest();
        return () -> new CosimBenchEngine(spec, dir, m, work.resolve("cosim-mismatch"), data);
    }

    private static Generator.Result generate(DesignSpec spec, Path dir, PrintStream log) {
        Generator.Result g = Generator.generate(spec, dir);
        Generator.print(g, log);
        return g;
    }

    /** Whether an executable of that name is in one of {@code path}'s directories. */
    private static boolean onPath(String program, String path) {
        if (path == null) return false;
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) return true;
        }
        return false;
    }
}
