package org.heterosyn.cli;

import org.heterosyn.cosim.CosimBench;
import org.heterosyn.data.Dataset;
import org.heterosyn.driver.DeviceEngine;
import org.heterosyn.driver.VerilatorDevice;
import org.heterosyn.driver.verilator.VerilatorModel;
import org.heterosyn.emulator.CycleBench;
import org.heterosyn.learning.FastEngine;
import org.heterosyn.learning.LearningEngine;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.spec.DesignSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Measure training throughput of each engine on the same samples of the same design, side by side.",
            "",
            "With --out DIR: every engine that can run here (default: " + BenchCommand.ALL + "), each in a JVM of its own, "
                + "writes DIR/bench.json and DIR/bench.png (samples/s per engine, log axis). Each engine is built, warmed "
                + "up on a separate instance of itself, then trains the first samples of the data set one at a time from "
                + "its initial weights; the engines take turns over --rounds rounds. reference and fast train --samples "
                + "samples, the clocked engines (emu, verilator:, board, cosim) --slow-samples; every figure is per second. "
                + "Per engine: samples/s (median over the rounds, quartiles, slowest and fastest round), cycles/s where a "
                + "clock runs, synaptic updates/s, peak RSS of its process (VmHWM), the weights' SHA-256. Engines that "
                + "cannot run (no verilator on PATH) are listed as skipped with the reason. See docs/performance.md.",
            "",
            "Without --out: the engines run in this JVM and a table is printed. Each engine first warms up (so the JIT "
                + "has compiled its hot loops); then the engines take turns, "
                + "round by round, each training on its next share of the measured samples, so that a machine "
                + "that slows down or speeds up meanwhile affects them alike. Per engine: the median over the "
                + "rounds of samples per second of wall time (with the slowest and fastest round), samples per "
                + "second of the thread's CPU time (which leaves out time it waited for a CPU), synaptic updates per "
                + "second (samples/s times the number of synapses, W and plastic B), and the median over the "
                + "rounds of its rate divided by the first engine's in the same round.",
            "",
            "Engines: reference, fast (its kernel as FastEngine picks it: vector where the Vector API runs, "
                + "see docs/performance.md), fast:vector, fast:scalar (a kernel by name), emu (the cycle emulator, through "
                + "the command protocol); with --out also verilator: (the design generated and built with Verilator, "
                + "trained through the driver; verilator:DIR a design `generate` wrote), board (the board top under "
                + "Verilator behind a pseudo-terminal, as `board emulate` runs it, trained through serial:) and cosim "
                + "(lockstep co-simulation of the RTL against the emulator on the same TRAIN commands)."},
        footer = {"", "Example: bin/heterosyn bench --spec spec/specs/default.json --samples 20000 --slow-samples 60 --out out/bench",
            "         bin/heterosyn bench --engines reference,fast,fast:scalar --samples 20000 --rounds 5"})
final class BenchCommand implements Callable<Integer> {
    @Mixin SpecOptions specOptions;
    @Mixin DataOptions dataOptions;

    /** What --out runs when --engines is not given. */
    static final String ALL = "reference,fast,emu,verilator:,board,cosim";
    /** What runs in this JVM when --engines is not given. */
    private static final String IN_PROCESS = "reference,fast";

    @Option(names = "--engines", paramLabel = "LIST", split = ",",
            description = "Engines to compare, comma separated. Default: " + ALL + " with --out, " + IN_PROCESS + " without.")
    List<String> engines;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run every engine in its own JVM and write DIR/bench.json and DIR/bench.png (written whole or "
                    + "not at all).")
    Path out;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "20000",
            description = "Measured samples per engine (with --out: of reference and fast), over all rounds. "
                    + "Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--slow-samples", paramLabel = "N", defaultValue = "60",
            description = "With --out: measured samples of the clocked engines (emu, verilator:, board, cosim), which run "
                    + "hundreds to thousands of times slower. Default: ${DEFAULT-VALUE}.")
    int slowSamples;

    @Option(names = "--slow-warmup", paramLabel = "N", defaultValue = "10",
            description = "With --out: warm-up samples of the clocked engines. Default: ${DEFAULT-VALUE}.")
    int slowWarmup;

    @Option(names = "--profile", paramLabel = "DIR",
            description = "With --out: each engine's JVM also records a Java Flight Recorder profile, DIR/N-ENGINE.jfr "
                    + "(read it with `jfr print --events jdk.ExecutionSample` or JDK Mission Control).")
    Path profile;

    @Option(names = "--quiet", description = "With --out: no progress bar.")
    boolean quiet;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "5",
            description = "Rounds the measured samples are split into, engines taking turns. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5000",
            description = "Warm-up samples (with --out: of reference and fast). Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--digest",
            description = "Also print each fixed-point engine's weights digest after the run (warm-up and measured "
                    + "samples, in order): equal digests mean the engines computed the same bits (scripts/bench-peers "
                    + "checks its C peer with it).")
    boolean digest;

    @Option(names = "--driver", paramLabel = "DIR",
            description = "Instead: measure the Verilator driver on the design in DIR (written by `generate`): cycles/s of "
                    + "training through the driver against the model's raw native loop on the same commands, and the "
                    + "start time of a cached build. Uses --samples training samples (default 20000 is long; try 200).")
    Path driver;

    @Option(names = "--cycles",
            description = "Instead: the cycle emulator's speed on the design's TRAIN commands, emulated cycles/s and "
                    + "synaptic updates/s, after --warmup samples (default 20000 is long on the default design; try "
                    + "--samples 300 --warmup 100).")
    boolean cycles;

    @Option(names = "--cosim", paramLabel = "CYCLES",
            description = "Instead: lockstep co-simulation's speed next to its two models' alone, on the same random command "
                    + "stream from reset, CYCLES cycles per contender and round (try 1000000 --rounds 3), in M cycles/s of "
                    + "wall time (median, slowest, fastest round) and per second of the process's CPU time. The design is "
                    + "generated into --design.")
    Long cosim;

    @Option(names = "--design", paramLabel = "DIR", description = "With --cosim: where the RTL is generated. Default: out/bench/<design>/rtl.")
    Path design;

    @Spec CommandSpec command;

    /** The arguments as given, for bench.json's record of how it was made. */
    List<String> commandLine() { return command.commandLine().getParseResult().originalArgs(); }

    @Override
    public Integer call() throws Exception {
        if (cosim != null) return cosimBench();
        if (samples < 1 || warmup < 0) throw new IllegalArgumentException("--samples must be >= 1 and --warmup >= 0");
        if (rounds < 1 || rounds > samples) throw new IllegalArgumentException("--rounds must be in [1, --samples]");
        if (driver != null) return driverBench();
        if (out != null) return EveryEngineBench.run(this);
        if (engines == null) engines = List.of(IN_PROCESS.split(","));
        if (cycles) {
            System.out.println(CycleBench.run(specOptions.load(), warmup, samples, 1).describe());
            return 0;
        }
        DesignSpec spec = specOptions.load();
        Dataset data = dataOptions.load(spec);
        int n = data.trainSize();
        long synapses = CycleBench.updatedSynapses(spec);
        int m = engines.size();
        LearningEngine[] es = new LearningEngine[m];
        String[] names = new String[m];
        for (int i = 0; i < m; i++) {
            es[i] = engine(engines.get(i).trim(), spec);
            names[i] = es[i] instanceof FastEngine f ? "fast/" + f.kernel() : es[i].kind();
        }
        System.out.printf(Locale.ROOT, "bench: %s %s rule %s %s, %d measured samples per engine in %d interleaved rounds "
                        + "after %d warm-up; java %s, %d cpus%n", spec.name(), spec.layers(), spec.rule().id(),
                spec.numerics().rounding().id(), samples, rounds, warmup, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        int[] next = new int[m];
        for (int i = 0; i < m; i++) {
            for (int s = 0; s < warmup; s++) es[i].train(data.trainX().get(s % n), data.trainY()[s % n]);
            next[i] = warmup;
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        boolean cpuTime = cpu.isCurrentThreadCpuTimeSupported();
        double[][] wall = new double[m][rounds];
        double[][] onCpu = new double[m][rounds];
        for (int r = 0; r < rounds; r++) {
            int share = samples / rounds + (r < samples % rounds ? 1 : 0);
            for (int i = 0; i < m; i++) {
                long c0 = cpuTime ? cpu.getCurrentThreadCpuTime() : 0;
                long t0 = System.nanoTime();
                for (int s = 0; s < share; s++) {
                    int at = next[i]++ % n;
                    es[i].train(data.trainX().get(at), data.trainY()[at]);
                }
                wall[i][r] = share / ((System.nanoTime() - t0) * 1e-9);
                onCpu[i][r] = cpuTime ? share / ((cpu.getCurrentThreadCpuTime() - c0) * 1e-9) : Double.NaN;
            }
        }
        System.out.printf(Locale.ROOT, "%-18s %11s %21s %15s %20s %9s%n", "engine", "samples/s", "(slowest - fastest)",
                "cpu samples/s", "synaptic updates/s", "vs first");
        for (int i = 0; i < m; i++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) ratio[r] = wall[i][r] / wall[0][r];
            double med = median(wall[i]);
            System.out.printf(Locale.ROOT, "%-18s %11.0f %21s %15.0f %20.3e %8.2fx%n", names[i], med,
                    String.format(Locale.ROOT, "(%.0f - %.0f)", min(wall[i]), max(wall[i])), median(onCpu[i]),
                    med * synapses, median(ratio));
        }
        for (int i = 0; digest && i < m; i++) {
            if (es[i] instanceof FastEngine) {
                System.out.printf(Locale.ROOT, "digest %s %s after %d samples%n", names[i],
                        HexFormat.of().formatHex(es[i].weightsDigest()), next[i]);
            }
        }
        return 0;
    }

    /** An engine of --engines: fast:KERNEL picks the fast model's kernel by name, the rest as --engine. */
    private static LearningEngine engine(String name, DesignSpec spec) {
        if (name.startsWith("fast:")) return new FastEngine(spec, name.substring("fast:".length()));
        return Engines.create(name, spec);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int k = s.length / 2;
        return s.length % 2 == 1 ? s[k] : 0.5 * (s[k - 1] + s[k]);
    }

    private static double min(double[] v) { return Arrays.stream(v).min().orElse(Double.NaN); }

    private static double max(double[] v) { return Arrays.stream(v).max().orElse(Double.NaN); }

    /**
     * The same TRAIN commands twice on fresh models: once pushed in one batch and run by the shim's
     * native loop (hs_run, a handful of JNA calls), once sample by sample through DeviceEngine, as
     * training does. The difference is what the driver costs.
     */
    private int driverBench() {
        long t0 = System.nanoTime();
        VerilatorDevice first = new VerilatorDevice("verilator:" + driver, driver);
        double openMs = (System.nanoTime() - t0) / 1e6;
        first.close();
        t0 = System.nanoTime();
        VerilatorDevice dev = new VerilatorDevice("verilator:" + driver, driver);
        double cachedMs = (System.nanoTime() - t0) / 1e6;
        DesignSpec spec = dev.spec();
        Dataset data = dataOptions.load(spec);
        int n = Math.min(samples, data.trainSize());
        System.out.printf(Locale.ROOT, "bench driver: %s %s, %d TRAIN commands%n", spec.name(), spec.layers(), n);
        System.out.printf(Locale.ROOT, "  open with a cached build: %.0f ms (first open in this run: %.0f ms, %s)%n",
                cachedMs, openMs, dev.build().cached() ? "cached" : "built");
        List<org.heterosyn.protocol.Command> trains = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            trains.add(DeviceEngine.trainCommand(spec.numerics(), data.trainX().get(s), data.trainY()[s]));
        }
        int[] words = words(trains);
        double raw;
        try (VerilatorModel model = new VerilatorModel(dev.build().library())) {
            model.reset(Manifest.RESET_CYCLES);
            List<org.heterosyn.protocol.Command> init = DeviceEngine.initialCommands(spec);
            model.push(words(init));
            model.runUntil(init.size(), Long.MAX_VALUE);  // one header word per response
            model.pop();
            model.push(words);
            long c0 = model.cycle();
            long s0 = System.nanoTime();
            model.runUntil((long) n * (1 + spec.outputs()), Long.MAX_VALUE);
            raw = (model.cycle() - c0) / ((System.nanoTime() - s0) * 1e-9);
        }
        DeviceEngine eng = new DeviceEngine(dev);
        long c0 = dev.cycles();
        long s0 = System.nanoTime();
        for (int s = 0; s < n; s++) eng.train(data.trainX().get(s), data.trainY()[s]);
        double driven = (dev.cycles() - c0) / ((System.nanoTime() - s0) * 1e-9);
        dev.close();
        System.out.printf(Locale.ROOT, "  raw native loop (one batch):      %.3f M cycles/s%n", raw / 1e6);
        System.out.printf(Locale.ROOT, "  through the driver (per sample):  %.3f M cycles/s (%.1f samples/s)%n", driven / 1e6,
                n / ((System.nanoTime() - s0) * 1e-9));
        System.out.printf(Locale.ROOT, "  driver cost: %.1f%%%n", 100 * (1 - driven / raw));
        return 0;
    }

    /** Lockstep co-simulation against its two models alone (CosimBench). */
    private int cosimBench() throws java.io.IOException {
        if (cosim < CosimBench.MIN_CYCLES) throw new IllegalArgumentException("--cosim: at least " + CosimBench.MIN_CYCLES + " cycles");
        if (rounds < 1) throw new IllegalArgumentException("--rounds must be at least 1");
        DesignSpec spec = specOptions.load();
        Path dir = design != null ? design : Path.of("out", "bench", spec.name(), "rtl");
        System.out.printf(Locale.ROOT, "bench cosim: %s %s, %d lanes, %s: %d cycles per contender and round, %d rounds, "
                        + "random commands (seed 1, 80%% ready); java %s, %d cpus%n", spec.name(), spec.layers(), spec.lanes(),
                spec.memory().id(), cosim, rounds, Runtime.version(), Runtime.getRuntime().availableProcessors());
        List<CosimBench.Figure> figures = CosimBench.run(spec, dir, cosim, rounds, what -> System.err.println("  " + what));
        System.out.println(CosimBench.header());
        for (CosimBench.Figure f : figures) System.out.println(f.line());
        return 0;
    }

    private static int[] words(List<org.heterosyn.protocol.Command> commands) {
        return commands.stream().flatMapToInt(c -> Arrays.stream(c.words())).toArray();
    }
}
