package org.heterosyn.cosim;

import org.heterosyn.driver.verilator.VerilatorBuild;
import org.heterosyn.driver.verilator.VerilatorModel;
import org.heterosyn.emulator.ClockedModel;
import org.heterosyn.emulator.CycleEmulator;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.rtl.Generator;
import org.heterosyn.spec.DesignSpec;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The speed of lockstep co-simulation next to the speed of its two models alone, on the same
 * random command stream ({@link Stimulus}, one seed) from reset, so every contender simulates the
 * same cycles: the Verilator model (a FAST build, and the co-simulation build digesting its state),
 * the cycle emulator (alone, and digesting), and lockstep co-simulation (digests on two threads and
 * on one, and the word-by-word comparison). The contenders take turns, round by round, so a
 * machine that slows down meanwhile affects them alike. Not a test: the figures depend on the machine.
 */
public final class CosimBench {
    /** Back-pressure share of the runs (as `heterosyn cosim`'s default). */
    private static final int READY = 80;
    private static final long SEED = 1;
    /** One batch of the co-simulation: the least a contender runs. */
    public static final int MIN_CYCLES = Cosim.BATCH;

    /** One contender's rounds: cycles per second of wall time and of the process's CPU time. */
    public record Figure(String name, double[] wall, double[] cpu) {
        public double medianWall() { return median(wall); }

        public double medianCpu() { return median(cpu); }

        public String line() {
            return String.format(Locale.ROOT, "%-44s %8.3f %19s %10.3f", name, medianWall() / 1e6,
                    String.format(Locale.ROOT, "(%.3f - %.3f)", Arrays.stream(wall).min().orElse(0) / 1e6,
                            Arrays.stream(wall).max().orElse(0) / 1e6), medianCpu() / 1e6);
        }
    }

    private record Contender(String name, long cycles, Runnable run) {}

    private CosimBench() {}

    /**
     * @param cycles cycles per round of each contender (the word-by-word comparison runs a tenth, it is slow)
     * @param progress told each contender's name as it starts
     */
    public static List<Figure> run(DesignSpec spec, Path designDir, long cycles, int rounds, Consumer<String> progress)
            throws IOException {
        if (cycles < MIN_CYCLES || rounds < 1) throw new IllegalArgumentException("cycles must be >= " + MIN_CYCLES + ", rounds >= 1");
        Manifest m = Generator.generate(spec, designDir).manifest();
        Layout lay = new Layout(spec);
        WatchList watch = new WatchList(m, lay);
        Path fast = VerilatorBuild.build(designDir, m.top(), VerilatorBuild.defaultCache()).library();
        Supplier<LockstepModel> rtl = () -> new VerilatorSide(designDir, m.top(), watch);
        Supplier<LockstepModel> emu = () -> new EmulatorSide(spec, watch);
        Cosim.Options o = new Cosim.Options(cycles, SEED, READY, designDir.resolveSibling("bench-mismatch"), 0);
        long slow = Math.max(Cosim.BATCH, cycles / 10);
        List<Contender> all = List.of(
                new Contender("verilator model alone (FAST build)", cycles, () -> alone(new VerilatorModel(fast), spec, cycles)),
                new Contender("verilator model digesting (cosim build)", cycles, () -> digesting(rtl.get(), spec, cycles)),
                new Contender("cycle emulator alone", cycles, () -> alone(new CycleEmulator(spec), spec, cycles)),
                new Contender("cycle emulator digesting", cycles, () -> digesting(emu.get(), spec, cycles)),
                new Contender("lockstep, digests, 2 threads", cycles, () -> lockstep(m, lay, rtl, emu, o.with(Cosim.Compare.DIGEST, true))),
                new Contender("lockstep, digests, 1 thread", cycles, () -> lockstep(m, lay, rtl, emu, o.with(Cosim.Compare.DIGEST, false))),
                new Contender("lockstep, word by word, 1 thread (as before)", slow, () -> lockstep(m, lay, rtl, emu,
                        new Cosim.Options(slow, SEED, READY, o.mismatchDir(), 0, Cosim.Compare.FULL, false))));
        // Warm-up: the JIT compiles the emulator's and the harness's hot loops before anything is timed.
        for (Contender c : all) if (c.cycles() == cycles) c.run().run();
        double[][] wall = new double[all.size()][rounds];
        double[][] cpu = new double[all.size()][rounds];
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < all.size(); i++) {
                Contender c = all.get(i);
                progress.accept(String.format(Locale.ROOT, "round %d/%d: %s", r + 1, rounds, c.name()));
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                c.run().run();
                wall[i][r] = c.cycles() / ((System.nanoTime() - t0) * 1e-9);
                cpu[i][r] = c.cycles() / ((os.getProcessCpuTime() - c0) * 1e-9);
            }
        }
        List<Figure> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) out.add(new Figure(all.get(i).name(), wall[i], cpu[i]));
        return out;
    }

    /** The table's header, matching {@link Figure#line()}. */
    public static String header() {
        return String.format(Locale.ROOT, "%-44s %8s %19s %10s", "M cycles/s", "median", "(slowest - fastest)", "per CPU-s");
    }

    private static void alone(ClockedModel m, DesignSpec spec, long cycles) {
        try (m) {
            drive(m, spec, cycles, () -> {});
        }
    }

    private static void digesting(LockstepModel side, DesignSpec spec, long cycles) {
        try (side) {
            side.digests(true);
            drive(side.model(), spec, cycles, () -> side.takeDigests(Cosim.BATCH));
        }
    }

    /** As Cosim drives a side: reset, back-pressure, a batch of commands whenever fewer wait, BATCH cycles at a time. */
    private static void drive(ClockedModel m, DesignSpec spec, long cycles, Runnable perBatch) {
        Stimulus stim = new Stimulus(spec, SEED);
        m.reset(Manifest.RESET_CYCLES);
        m.backpressure((int) SEED | 1, READY);
        for (long done = 0; done < cycles; done += Cosim.BATCH) {
            if (m.pendingIn() < Cosim.BATCH) m.push(stim.next(Cosim.BATCH));
            m.step(Math.min(Cosim.BATCH, cycles - done));
            m.pop();
            perBatch.run();
        }
    }

    private static void lockstep(Manifest m, Layout lay, Supplier<LockstepModel> rtl, Supplier<LockstepModel> emu, Cosim.Options o) {
        try {
            Cosim.Report r = Cosim.run(m, lay, rtl, emu, o);
            if (!r.passed()) throw new IllegalStateException("the co-simulation being measured failed: " + r.mismatch());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int k = s.length / 2;
        return s.length % 2 == 1 ? s[k] : 0.5 * (s[k - 1] + s[k]);
    }
}
