package org.heterosyn.emulator;

import org.heterosyn.manifest.Manifest;
import org.heterosyn.manifest.Phase;
import org.heterosyn.numerics.InitialWeights;
import org.heterosyn.protocol.Command;
import org.heterosyn.protocol.Header;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.SpecJson;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The emulator's speed on TRAIN commands: emulated clock cycles per second of wall time, and
 * synaptic updates per second (W of every layer and plastic B, updated once per TRAIN). A TRAIN
 * command takes the same cycles whatever its inputs (the schedule skips nothing), so random inputs
 * measure what Fashion-MNIST would. Not a test: the figures depend on the machine.
 *
 * <pre>
 *   java -cp ... org.heterosyn.emulator.CycleBench [default | tiny | SPEC.json] [SAMPLES]
 * </pre>
 */
public final class CycleBench {
    /** Commands in flight at once: enough to keep the emulator busy, few enough to stay small. */
    private static final int BATCH = 32;

    /** One measurement; {@code synapses} counts the weights one TRAIN updates. */
    public record Result(DesignSpec spec, long samples, long cycles, double seconds, long synapses) {
        public double cyclesPerSecond() { return cycles / seconds; }

        public double samplesPerSecond() { return samples / seconds; }

        public double synapticUpdatesPerSecond() { return samplesPerSecond() * synapses; }

        public long cyclesPerSample() { return cycles / samples; }

        /** Two lines: the design and the command's cycles, then the rates. */
        public String describe() {
            return String.format(Locale.ROOT, "%s %s %s, %d lanes, %s: %d TRAIN commands of %d cycles%n"
                            + "  %.2f M cycles/s, %.1f samples/s, %.3e synaptic updates/s (%d synapses)", spec.name(),
                    spec.layers(), spec.rule().id(), spec.lanes(), spec.memory().id(), samples, cyclesPerSample(),
                    cyclesPerSecond() / 1e6, samplesPerSecond(), synapticUpdatesPerSecond(), synapses);
        }
    }

    private CycleBench() {}

    /** Loads the initial weights, trains {@code warmup} samples (so the JIT compiles), then measures {@code samples}. */
    public static Result run(DesignSpec spec, int warmup, int samples, long seed) {
        if (samples < 1 || warmup < 0) throw new IllegalArgumentException("samples must be >= 1 and warmup >= 0");
        CycleEmulator emu = new CycleEmulator(spec);
        emu.reset(Manifest.RESET_CYCLES);
        int mask = (int) ((1L << spec.numerics().weightBits()) - 1);
        for (int k = 0; k < spec.weightLayers(); k++) {
            load(emu, k, Command.MATRIX_W, InitialWeights.forward(spec, k), mask);
            if (spec.hasFeedback(k)) load(emu, k, Command.MATRIX_B, InitialWeights.feedback(spec, k), mask);
        }
        finish(emu);
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] inputs = new int[BATCH][];
        int valueMask = (int) ((1L << spec.numerics().valueBits()) - 1);
        for (int b = 0; b < BATCH; b++) {
            inputs[b] = new int[spec.inputs()];
            // Values in [0, 1), as pixel intensities.
            for (int i = 0; i < inputs[b].length; i++) inputs[b][i] = rng.nextInt(1 << spec.numerics().valueFrac()) & valueMask;
        }
        train(emu, spec, inputs, warmup);
        long c0 = emu.cycle();
        long t0 = System.nanoTime();
        train(emu, spec, inputs, samples);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        return new Result(spec, samples, emu.cycle() - c0, seconds, updatedSynapses(spec));
    }

    /** The weights one TRAIN command updates: W of every layer, and B where it is stored and plastic. */
    public static long updatedSynapses(DesignSpec spec) {
        long synapses = spec.synapses();
        for (int k = 0; k < spec.weightLayers(); k++) {
            if (spec.hasFeedback(k) && spec.rule().plasticFeedback()) synapses += (long) spec.fanIn(k) * spec.fanOut(k);
        }
        return synapses;
    }

    private static void load(CycleEmulator emu, int k, int matrix, int[] w, int mask) {
        for (int start = 0; start < w.length; start += Header.MAX_LENGTH) {
            int[] part = new int[Math.min(Header.MAX_LENGTH, w.length - start)];
            for (int i = 0; i < part.length; i++) part[i] = w[start + i] & mask;
            emu.push(new Command.LoadWeights(k, matrix, start, part).words());
        }
    }

    private static void train(CycleEmulator emu, DesignSpec spec, int[][] inputs, int samples) {
        int words = 1 + spec.outputs();
        for (int done = 0; done < samples; ) {
            int n = Math.min(BATCH, samples - done);
            for (int i = 0; i < n; i++) emu.push(new Command.Train((done + i) % spec.outputs(), inputs[i]).words());
            emu.runUntil((long) n * words, Long.MAX_VALUE);
            emu.pop();
            done += n;
        }
        finish(emu);
    }

    /** Runs until every queued command has completed (the last TRAIN's updates follow its response). */
    private static void finish(CycleEmulator emu) {
        while (emu.pendingIn() > 0 || emu.state("u_cmd.out_valid_q") != 0 || emu.state("u_ctrl.state_q") != Phase.IDLE.code()) {
            emu.step(1);
        }
        emu.pop();
    }

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "default";
        DesignSpec spec = switch (which) {
            case "default" -> SpecJson.readDefault();
            case "tiny" -> SpecJson.readShipped("tiny.json");
            default -> SpecJson.read(Path.of(which));
        };
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        System.out.println(run(spec, Math.max(1, samples / 2), samples, 1).describe());
    }
}
