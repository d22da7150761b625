package org.heterosyn.driver;

import org.heterosyn.protocol.Command;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.Param;
import org.heterosyn.protocol.Status;
import org.heterosyn.spec.DesignSpec;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A differential fuzzer of the command protocol (docs/protocol.md): a reproducible stream of valid,
 * mutated and random commands goes through the fast model and another device, which must answer
 * word for word alike; every command the fast model rejects must leave its weights and sample
 * counter as they were; at the end both devices' weights and status must be equal.
 */
public final class ProtocolFuzzer {
    /** Longest command the fuzzer builds (header included), so a random length cannot make one stream huge. */
    static final int MAX_COMMAND_WORDS = 1024;

    public record Report(long seed, long words, long commands, long rejected, String digest) {}

    private final DesignSpec spec;
    private final SplittableRandom rng;

    public ProtocolFuzzer(DesignSpec spec, long seed) {
        this.spec = spec;
        this.rng = new SplittableRandom(seed);
    }

    /** One command: 60% valid, 25% a valid one with bits flipped, 15% a random header; framed whole either way. */
    public int[] nextCommand() {
        int r = rng.nextInt(100);
        if (r < 60) return valid();
        if (r < 85) return reframe(mutate(valid()));
        return reframe(new int[] {rng.nextInt()});
    }

    private int[] valid() {
        int layer = rng.nextInt(spec.weightLayers());
        boolean feedback = spec.hasFeedback(layer) && rng.nextBoolean();
        int matrix = feedback ? Command.MATRIX_B : Command.MATRIX_W;
        int size = spec.fanIn(layer) * spec.fanOut(layer);
        int start = rng.nextInt(size);
        int count = 1 + rng.nextInt(size - start);
        Command c = switch (rng.nextInt(6)) {
            case 0 -> new Command.SetParam(Param.SAMPLE_COUNTER, rng.nextInt());
            case 1 -> new Command.LoadWeights(layer, matrix, start, randomWords(count));
            case 2 -> new Command.ReadWeights(layer, matrix, start, count);
            case 3 -> new Command.Infer(randomWords(spec.inputs()));
            case 4 -> new Command.Train(rng.nextInt(spec.outputs()), randomWords(spec.inputs()));
            default -> new Command.StatusRequest();
        };
        return c.words();
    }

    private int[] randomWords(int n) {
        int[] w = new int[n];
        // Small values most of the time (they train), any 32-bit word sometimes (only the low bits count).
        for (int i = 0; i < n; i++) w[i] = rng.nextInt(4) == 0 ? rng.nextInt() : rng.nextInt(-4096, 4096);
        return w;
    }

    /** Flips 1 to 3 random bits, in the header half of the time (opcode, arg, length) and in the body otherwise. */
    private int[] mutate(int[] words) {
        int[] w = words.clone();
        int flips = 1 + rng.nextInt(3);
        for (int f = 0; f < flips; f++) {
            int at = rng.nextBoolean() || w.length == 1 ? 0 : 1 + rng.nextInt(w.length - 1);
            w[at] ^= 1 << rng.nextInt(32);
        }
        return w;
    }

    /** Cuts or pads the body to what the (possibly mutated) header announces, as the device will frame it. */
    private int[] reframe(int[] words) {
        int header = words[0];
        Opcode op = Opcode.of(Header.decode(header).opcode());
        int follow = op == null ? 0 : op.followingWords(header & Header.LENGTH_MASK);
        if (1 + follow > MAX_COMMAND_WORDS) {
            header = (header & ~Header.LENGTH_MASK) | rng.nextInt(MAX_COMMAND_WORDS / 2);
            follow = op.followingWords(header & Header.LENGTH_MASK);
        }
        int[] w = Arrays.copyOf(words, 1 + follow);
        w[0] = header;
        for (int i = words.length; i < w.length; i++) w[i] = rng.nextInt();
        return w;
    }

    /**
     * Streams at least {@code words} command words through {@code fast} and {@code other} in batches
     * of about {@code batchWords}; throws {@link DeviceException} at the first divergence or state
     * change by a rejected command, naming the seed, batch and word.
     */
    public static Report run(FastDevice fast, Device other, long seed, long words, int batchWords) {
        ProtocolFuzzer fuzz = new ProtocolFuzzer(fast.spec(), seed);
        long sent = 0;
        long commands = 0;
        long rejected = 0;
        for (long batch = 0; sent < words; batch++) {
            IntBuffer cmds = new IntBuffer();
            IntBuffer expected = new IntBuffer();
            while (cmds.size < batchWords) {
                int[] c = fuzz.nextCommand();
                byte[] before = state(fast);
                int[] rsp = fast.stream(c);
                if (Header.decode(rsp[0]).arg() != Status.OK.code()) {
                    rejected++;
                    if (!Arrays.equals(before, state(fast))) {
                        throw new DeviceException(String.format("seed %d batch %d: rejected command %s changed the state", seed, batch,
                                hex(c)));
                    }
                }
                cmds.add(c);
                expected.add(rsp);
                commands++;
            }
            compare(seed, batch, other, cmds.toArray(), expected.toArray());
            sent += cmds.size;
        }
        int[] probe = finalProbe(fast.spec());
        compare(seed, -1, other, probe, fast.stream(probe));
        return new Report(seed, sent, commands, rejected, HexFormat.of().formatHex(fast.engine().weightsDigest()));
    }

    private static void compare(long seed, long batch, Device other, int[] cmds, int[] expected) {
        int[] got = other.stream(cmds);
        int n = Math.min(got.length, expected.length);
        for (int i = 0; i < n; i++) {
            if (got[i] != expected[i]) {
                throw new DeviceException(String.format("seed %d batch %d: %s answered %08x at response word %d, the fast model %08x",
                        seed, batch, other.uri(), got[i], i, expected[i]));
            }
        }
        if (got.length != expected.length) {
            throw new DeviceException(String.format("seed %d batch %d: %s answered %d words, the fast model %d", seed, batch,
                    other.uri(), got.length, expected.length));
        }
    }

    /** READ_WEIGHTS of every matrix and a STATUS: the end state, compared like any response. */
    private static int[] finalProbe(DesignSpec spec) {
        IntBuffer b = new IntBuffer();
        for (int k = 0; k < spec.weightLayers(); k++) {
            int size = spec.fanIn(k) * spec.fanOut(k);
            b.add(new Command.ReadWeights(k, Command.MATRIX_W, 0, size).words());
            if (spec.hasFeedback(k)) b.add(new Command.ReadWeights(k, Command.MATRIX_B, 0, size).words());
        }
        b.add(new Command.StatusRequest().words());
        return b.toArray();
    }

    /** Weights and sample counter: what a rejected command must not touch (its own counter of rejections aside). */
    private static byte[] state(FastDevice fast) {
        byte[] d = fast.engine().weightsDigest();
        int s = fast.engine().sampleCount();
        byte[] out = Arrays.copyOf(d, d.length + 4);
        for (int i = 0; i < 4; i++) out[d.length + i] = (byte) (s >>> (8 * i));
        return out;
    }

    private static String hex(int[] words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(words.length, 8); i++) b.append(String.format("%08x ", words[i]));
        return b.append(words.length > 8 ? "..." : "").toString().strip();
    }

    private static final class IntBuffer {
        int[] a = new int[256];
        int size;

        void add(int[] w) {
            if (size + w.length > a.length) a = Arrays.copyOf(a, Math.max(2 * a.length, size + w.length));
            System.arraycopy(w, 0, a, size, w.length);
            size += w.length;
        }

        int[] toArray() { return Arrays.copyOf(a, size); }
    }
}
