package org.heterosyn.cosim;

import org.heterosyn.driver.DeviceEngine;
import org.heterosyn.protocol.Command;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.PackedInputs;
import org.heterosyn.protocol.Param;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Numerics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random command streams for co-simulation: the initial weights (and input table) first, then a
 * mix of valid commands of every kind, packed inputs included, and malformed ones (unknown opcode,
 * bad length, bad argument, start or count out of range, label out of range), all from one seed so
 * a failure replays exactly.
 */
public final class Stimulus implements CommandSource {
    private final DesignSpec spec;
    private final Numerics num;
    private final SplittableRandom rng;
    private boolean started;

    public Stimulus(DesignSpec spec, long seed) {
        this.spec = spec;
        this.num = spec.numerics();
        this.rng = new SplittableRandom(seed);
    }

    @Override
    public int[] next(int minWords) {
        List<int[]> parts = new ArrayList<>();
        int n = 0;
        if (!started) {
            started = true;
            for (Command c : DeviceEngine.initialCommands(spec)) n += add(parts, c.words());
        }
        while (n < minWords) n += add(parts, command());
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static int add(List<int[]> parts, int[] words) {
        parts.add(words);
        return words.length;
    }

    private int[] command() {
        int r = rng.nextInt(100);
        if (r < 28) return new Command.Train(rng.nextInt(spec.outputs()), inputs()).words();
        if (r < 40) return junkPadding(new Command.TrainPacked(rng.nextInt(spec.outputs()), codes()).words());
        if (r < 50) return new Command.Infer(inputs()).words();
        if (r < 54) return junkPadding(new Command.InferPacked(codes()).words());
        if (r < 55) return new Command.LoadInputTable(values(PackedInputs.TABLE_ENTRIES)).words();
        if (r < 62) {
            int k = rng.nextInt(spec.weightLayers());
            int matrix = spec.hasFeedback(k) && rng.nextBoolean() ? 1 : 0;
            int size = spec.fanIn(k) * spec.fanOut(k);
            int start = rng.nextInt(size);
            return new Command.ReadWeights(k, matrix, start, 1 + rng.nextInt(Math.min(size - start, 64))).words();
        }
        if (r < 69) {
            int k = rng.nextInt(spec.weightLayers());
            int matrix = spec.hasFeedback(k) && rng.nextBoolean() ? 1 : 0;
            int size = spec.fanIn(k) * spec.fanOut(k);
            int start = rng.nextInt(size);
            int[] v = new int[1 + rng.nextInt(Math.min(size - start, 64))];
            int mask = (int) ((1L << num.weightBits()) - 1);
            for (int i = 0; i < v.length; i++) v[i] = (int) value(num.weightMin(), num.weightMax(), num.weightFrac()) & mask;
            return new Command.LoadWeights(k, matrix, start, v).words();
        }
        if (r < 73) return new Command.SetParam(Param.SAMPLE_COUNTER, rng.nextInt()).words();
        if (r < 77) return new Command.StatusRequest().words();
        return malformed();
    }

    private int[] malformed() {
        int k = rng.nextInt(spec.weightLayers());
        int size = spec.fanIn(k) * spec.fanOut(k);
        return switch (rng.nextInt(9)) {
            case 0 -> new int[] {(0x10 + rng.nextInt(0xF0)) << Header.OPCODE_SHIFT | rng.nextInt(1 << 16)};
            case 1 -> {
                int len = spec.inputs() + 1 + rng.nextInt(3);
                int[] w = new int[1 + len];
                w[0] = new Header(Opcode.INFER.code(), 0, len).word();
                yield w;
            }
            case 2 -> new int[] {new Header(Opcode.SET_PARAM.code(), 1 + rng.nextInt(255), 1).word(), rng.nextInt()};
            case 3 -> {
                int[] v = new int[1 + rng.nextInt(4)];
                yield new Command.LoadWeights(k, 0, size - v.length + 1 + rng.nextInt(4), v).words();
            }
            case 4 -> new Command.ReadWeights(k, 0, size + rng.nextInt(100), 1 + rng.nextInt(8)).words();
            case 5 -> {
                // A packed command whose length is not n_0: it still drains the words its length announces.
                int len = spec.inputs() + 1 + rng.nextInt(8);
                int[] w = new int[1 + Opcode.INFER_PACKED.followingWords(len)];
                w[0] = new Header(Opcode.INFER_PACKED.code(), 0, len).word();
                yield w;
            }
            case 6 -> new Command.TrainPacked(spec.outputs() + rng.nextInt(1000), codes()).words();
            case 7 -> {
                int[] w = new Command.LoadInputTable(values(PackedInputs.TABLE_ENTRIES)).words();
                w[0] |= (1 + rng.nextInt(255)) << Header.ARG_SHIFT;
                yield w;
            }
            default -> new Command.Train(spec.outputs() + rng.nextInt(1000), inputs()).words();
        };
    }

    /** Inputs mostly in [-2, 2], a few at the ends of the range (saturation paths). */
    private int[] inputs() { return values(spec.inputs()); }

    /** Junk in the padding bytes of a packed command's last word: the device ignores them. */
    private int[] junkPadding(int[] words) {
        int used = spec.inputs() % PackedInputs.CODES_PER_WORD;
        if (used != 0) words[words.length - 1] |= rng.nextInt() << PackedInputs.CODE_BITS * used;
        return words;
    }

    private int[] codes() {
        int[] c = new int[spec.inputs()];
        for (int i = 0; i < c.length; i++) c[i] = rng.nextInt(PackedInputs.TABLE_ENTRIES);
        return c;
    }

    /** {@code n} values in the low valueBits bits of their words, as {@link #inputs}. */
    private int[] values(int n) {
        int[] x = new int[n];
        int mask = (int) ((1L << num.valueBits()) - 1);
        for (int i = 0; i < x.length; i++) x[i] = (int) value(num.valueMin(), num.valueMax(), num.valueFrac()) & mask;
        return x;
    }

    private long value(long min, long max, int frac) {
        int r = rng.nextInt(50);
        if (r == 0) return min;
        if (r == 1) return max;
        long span = Math.min(max, 2L << frac);
        return -span + rng.nextLong(2 * span + 1);
    }
}
