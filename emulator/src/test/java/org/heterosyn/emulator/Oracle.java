package org.heterosyn.emulator;

import org.heterosyn.emulator.blocks.Hw;

import org.heterosyn.learning.FastEngine;
import org.heterosyn.manifest.CycleModel;
import org.heterosyn.manifest.DesignId;
import org.heterosyn.protocol.Command;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.PackedInputs;
import org.heterosyn.protocol.Param;
import org.heterosyn.protocol.Status;
import org.heterosyn.protocol.StatusWord;
import org.heterosyn.spec.DesignSpec;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Random commands, valid and malformed, each with the response docs/protocol.md defines for it and
 * its cycle count from CycleModel. The expected values come from a {@link FastEngine} that executes
 * each valid command as it is made, so after running a step on the emulator both should hold the
 * same state; a malformed command is built to fail one check on purpose, so its status is known by
 * construction and it changes nothing.
 */
final class Oracle {
    /** One command: what it is, its words, the expected response and cycles. */
    record Step(String what, int[] words, int[] expected, long cycles) {}

    private final DesignSpec spec;
    private final FastEngine fast;
    private final CycleModel cm;
    private final int designId;
    private final int wb;
    private final int vb;
    /** The device's input table, values sign-extended: 0 at power-up. */
    private final int[] table = new int[PackedInputs.TABLE_ENTRIES];
    private int ok;
    private int err;

    Oracle(DesignSpec spec) {
        this.spec = spec;
        this.fast = new FastEngine(spec);
        this.cm = new CycleModel(spec);
        this.designId = (int) DesignId.of(spec);
        this.wb = spec.numerics().weightBits();
        this.vb = spec.numerics().valueBits();
        // The hardware's memories start at zero, not at the initial weights the fast model starts from.
        for (int k = 0; k < spec.weightLayers(); k++) {
            fast.loadForward(k, new int[spec.fanIn(k) * spec.fanOut(k)]);
            if (spec.hasFeedback(k)) fast.loadFeedback(k, new int[spec.fanIn(k) * spec.fanOut(k)]);
        }
    }

    FastEngine fast() { return fast; }

    /**
     * LOAD_WEIGHTS commands that give every matrix random weights (extremes included), in random
     * pieces, each handed to {@code run} as soon as the fast model has executed it.
     */
    void randomWeights(SplittableRandom rng, Consumer<Step> run) {
        for (int k = 0; k < spec.weightLayers(); k++) {
            for (int m = 0; m < (spec.hasFeedback(k) ? 2 : 1); m++) {
                int n = spec.fanIn(k) * spec.fanOut(k);
                int start = 0;
                while (start < n) {
                    int count = 1 + rng.nextInt(Math.min(n - start, Header.MAX_LENGTH));
                    int[] raw = new int[count];
                    for (int i = 0; i < count; i++) raw[i] = weightWord(rng);
                    run.accept(load(k, m, start, raw));
                    start += count;
                }
            }
        }
    }

    /** One random command; {@code status} false leaves out STATUS (whose design id differs between lanes). */
    Step next(SplittableRandom rng, boolean status) {
        int pick = rng.nextInt(100);
        if (pick < 20) return train(rng);
        if (pick < 30) return trainPacked(rng);
        if (pick < 37) return infer(rng);
        if (pick < 42) return inferPacked(rng);
        if (pick < 45) return loadTable(rng);
        if (pick < 52) return read(rng);
        if (pick < 58) return loadSome(rng);
        if (pick < 63) return setSample(rng);
        if (pick < 68 && status) return status();
        return malformed(rng);
    }

    Step train(SplittableRandom rng) {
        int label = rng.nextInt(spec.outputs());
        int[] words = inputWords(rng);
        int[] cmd = new Command.Train(label, words).words();
        fast.trainRaw(values(words), label);
        return ok("TRAIN label " + label, cmd, fast.lastOutputs(), cm.train().value());
    }

    Step infer(SplittableRandom rng) {
        int[] words = inputWords(rng);
        return ok("INFER", new Command.Infer(words).words(), fast.inferRaw(values(words)), cm.infer().value());
    }

    /** A random input table (extremes included, junk above the value bits). */
    Step loadTable(SplittableRandom rng) {
        int[] words = inputWords(rng, PackedInputs.TABLE_ENTRIES);
        int[] values = values(words);
        System.arraycopy(values, 0, table, 0, table.length);
        return ok("LOAD_INPUT_TABLE", new Command.LoadInputTable(words).words(), new int[0], cm.loadInputTable().value());
    }

    Step trainPacked(SplittableRandom rng) {
        int label = rng.nextInt(spec.outputs());
        int[] codes = codes(rng);
        int[] cmd = padWithJunk(new Command.TrainPacked(label, codes).words(), rng);
        fast.trainRaw(lookUp(codes), label);
        return ok("TRAIN_PACKED label " + label, cmd, fast.lastOutputs(), cm.trainPacked().value());
    }

    Step inferPacked(SplittableRandom rng) {
        int[] codes = codes(rng);
        return ok("INFER_PACKED", padWithJunk(new Command.InferPacked(codes).words(), rng), fast.inferRaw(lookUp(codes)),
                cm.inferPacked().value());
    }

    private int[] codes(SplittableRandom rng) {
        int[] c = new int[spec.inputs()];
        for (int i = 0; i < c.length; i++) c[i] = rng.nextInt(PackedInputs.TABLE_ENTRIES);
        return c;
    }

    private int[] lookUp(int[] codes) {
        int[] x = new int[codes.length];
        for (int i = 0; i < x.length; i++) x[i] = table[codes[i]];
        return x;
    }

    /** The padding bytes of the last code word hold junk: the device ignores them. */
    private int[] padWithJunk(int[] words, SplittableRandom rng) {
        int used = spec.inputs() % PackedInputs.CODES_PER_WORD;
        if (used != 0) words[words.length - 1] |= rng.nextInt() << PackedInputs.CODE_BITS * used;
        return words;
    }

    Step read(SplittableRandom rng) {
        int k = rng.nextInt(spec.weightLayers());
        int m = spec.hasFeedback(k) && rng.nextBoolean() ? 1 : 0;
        int[] mat = m == 0 ? fast.rawForward(k) : fast.rawFeedback(k);
        int start = rng.nextInt(mat.length);
        int count = 1 + rng.nextInt(mat.length - start);
        int[] slice = java.util.Arrays.copyOfRange(mat, start, start + count);
        return ok("READ " + k + "/" + m + " @" + start + " x" + count, new Command.ReadWeights(k, m, start, count).words(),
                slice, cm.read(k, m, start, count));
    }

    private Step loadSome(SplittableRandom rng) {
        int k = rng.nextInt(spec.weightLayers());
        int m = spec.hasFeedback(k) && rng.nextBoolean() ? 1 : 0;
        int n = spec.fanIn(k) * spec.fanOut(k);
        int start = rng.nextInt(n);
        int[] raw = new int[1 + rng.nextInt(n - start)];
        for (int i = 0; i < raw.length; i++) raw[i] = weightWord(rng);
        return load(k, m, start, raw);
    }

    private Step load(int k, int m, int start, int[] raw) {
        int[] mat = m == 0 ? fast.rawForward(k) : fast.rawFeedback(k);
        for (int i = 0; i < raw.length; i++) mat[start + i] = Hw.sext(raw[i], wb);
        return ok("LOAD " + k + "/" + m + " @" + start + " x" + raw.length, new Command.LoadWeights(k, m, start, raw).words(),
                new int[0], cm.load(k, m, start, raw.length));
    }

    private Step setSample(SplittableRandom rng) {
        // Near the 32-bit wrap now and then, so the counter's carry is exercised.
        int v = rng.nextBoolean() ? rng.nextInt() : -1 - rng.nextInt(3);
        fast.setSampleCount(v);
        return ok("SET_PARAM " + v, new Command.SetParam(Param.SAMPLE_COUNTER, v).words(), new int[0], cm.setParam().value());
    }

    private Step status() {
        int[] payload = StatusWord.payload(w -> switch (w) {
            case MAGIC -> Header.MAGIC;
            case DESIGN_ID -> designId;
            case SAMPLE_COUNTER -> fast.sampleCount();
            case COMMANDS_OK -> ok;
            case COMMANDS_REJECTED -> err;
        });
        return ok("STATUS", new Command.StatusRequest().words(), payload, cm.status().value());
    }

    /** A command that fails exactly one check, with junk in the words it must drain. */
    Step malformed(SplittableRandom rng) {
        int n0 = spec.inputs();
        switch (rng.nextInt(4)) {
            case 0 -> {
                int op;
                do op = rng.nextInt(256); while (Opcode.of(op) != null);
                int word = op << 24 | rng.nextInt(1 << 24);
                return rejected("unknown opcode " + op, op, Status.UNKNOWN_OPCODE, new int[] {word},
                        CycleModel.rejectedAtHeader(null, word & 0xFFFF));
            }
            case 1 -> {
                Opcode op = Opcode.values()[rng.nextInt(Opcode.values().length)];
                int len = switch (op) {
                    case SET_PARAM -> rng.nextBoolean() ? 0 : 2 + rng.nextInt(3);
                    case LOAD_WEIGHTS, READ_WEIGHTS -> 0;
                    case INFER, TRAIN, INFER_PACKED, TRAIN_PACKED -> rng.nextBoolean() ? rng.nextInt(n0) : n0 + 1 + rng.nextInt(3);
                    case STATUS -> 1 + rng.nextInt(3);
                    case LOAD_INPUT_TABLE -> rng.nextBoolean() ? rng.nextInt(PackedInputs.TABLE_ENTRIES)
                            : PackedInputs.TABLE_ENTRIES + 1 + rng.nextInt(3);
                };
                return headerReject("bad length " + op + " " + len, op, rng.nextInt(256), len, Status.BAD_LENGTH, rng);
            }
            case 2 -> {
                Opcode op = Opcode.values()[rng.nextInt(Opcode.values().length)];
                int len = switch (op) {
                    case SET_PARAM -> 1;
                    case LOAD_WEIGHTS, READ_WEIGHTS -> 1 + rng.nextInt(3);
                    case INFER, TRAIN, INFER_PACKED, TRAIN_PACKED -> n0;
                    case STATUS -> 0;
                    case LOAD_INPUT_TABLE -> PackedInputs.TABLE_ENTRIES;
                };
                int arg;
                if (op == Opcode.LOAD_WEIGHTS || op == Opcode.READ_WEIGHTS) {
                    do arg = rng.nextInt(256); while (namesMatrix(arg));
                } else {
                    arg = 1 + rng.nextInt(255);
                }
                return headerReject("bad argument " + op + " " + arg, op, arg, len, Status.BAD_ARGUMENT, rng);
            }
            default -> {
                if (rng.nextInt(3) == 0) {
                    int label = rng.nextBoolean() ? spec.outputs() + rng.nextInt(4) : -1 - rng.nextInt(4);
                    boolean packed = rng.nextBoolean();
                    Opcode op = packed ? Opcode.TRAIN_PACKED : Opcode.TRAIN;
                    int[] w = packed ? new Command.TrainPacked(0, codes(rng)).words() : new Command.Train(0, inputWords(rng)).words();
                    w[1] = label;
                    return rejected(op + " label " + Integer.toUnsignedString(label), op.code(), Status.OUT_OF_RANGE, w,
                            cm.rejectedLabel(op));
                }
                boolean load = rng.nextBoolean();
                int k = rng.nextInt(spec.weightLayers());
                int m = spec.hasFeedback(k) && rng.nextBoolean() ? 1 : 0;
                int n = spec.fanIn(k) * spec.fanOut(k);
                int count = 1 + rng.nextInt(4);
                int start = rng.nextInt(4) == 0 ? -1 - rng.nextInt(3) : n - count + 1 + rng.nextInt(3);
                Opcode op = load ? Opcode.LOAD_WEIGHTS : Opcode.READ_WEIGHTS;
                int[] w = new int[load ? 2 + count : 2];
                w[0] = new Header(op.code(), Header.matrixSelect(k, m), count).word();
                w[1] = start;
                for (int i = 2; i < w.length; i++) w[i] = rng.nextInt();
                return rejected(op + " @" + Integer.toUnsignedString(start) + " x" + count, op.code(), Status.OUT_OF_RANGE, w,
                        CycleModel.rejectedRange(op, count));
            }
        }
    }

    private boolean namesMatrix(int arg) {
        int k = arg >>> 1;
        return k < spec.weightLayers() && ((arg & 1) == 0 || spec.hasFeedback(k));
    }

    private Step headerReject(String what, Opcode op, int arg, int len, Status s, SplittableRandom rng) {
        int[] w = new int[1 + op.followingWords(len)];
        w[0] = new Header(op.code(), arg, len).word();
        for (int i = 1; i < w.length; i++) w[i] = rng.nextInt();
        return rejected(what, op.code(), s, w, CycleModel.rejectedAtHeader(op, len));
    }

    private Step ok(String what, int[] words, int[] payload, long cycles) {
        int[] e = new int[1 + payload.length];
        e[0] = new Header(words[0] >>> 24, Status.OK.code(), payload.length).word();
        System.arraycopy(payload, 0, e, 1, payload.length);
        ok++;
        return new Step(what, words, e, cycles);
    }

    private Step rejected(String what, int op, Status s, int[] words, long cycles) {
        err++;
        return new Step(what, words, new int[] {new Header(op, s.code(), 0).word()}, cycles);
    }

    /** Input words: a value in the low valueBits bits (extremes included), junk above. */
    private int[] inputWords(SplittableRandom rng) { return inputWords(rng, spec.inputs()); }

    private int[] inputWords(SplittableRandom rng, int n) {
        int[] w = new int[n];
        long lo = spec.numerics().valueMin();
        long hi = spec.numerics().valueMax();
        for (int i = 0; i < w.length; i++) {
            long v = switch (rng.nextInt(8)) {
                case 0 -> lo;
                case 1 -> hi;
                case 2 -> 0;
                default -> lo + rng.nextLong(hi - lo + 1);
            };
            w[i] = junkAbove((int) v, vb, rng);
        }
        return w;
    }

    private int weightWord(SplittableRandom rng) {
        long lo = spec.numerics().weightMin();
        long hi = spec.numerics().weightMax();
        long v = switch (rng.nextInt(8)) {
            case 0 -> lo;
            case 1 -> hi;
            default -> lo + rng.nextLong(hi - lo + 1);
        };
        return junkAbove((int) v, wb, rng);
    }

    private static int junkAbove(int v, int bits, SplittableRandom rng) {
        int mask = bits >= 32 ? -1 : (1 << bits) - 1;
        return rng.nextInt(4) == 0 ? (v & mask) | (rng.nextInt() & ~mask) : v & mask;
    }

    private int[] values(int[] words) {
        int[] x = new int[words.length];
        for (int i = 0; i < x.length; i++) x[i] = Hw.sext(words[i], vb);
        return x;
    }
}
