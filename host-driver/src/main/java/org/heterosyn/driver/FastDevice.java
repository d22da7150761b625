package org.heterosyn.driver;

import org.heterosyn.learning.FastEngine;
import org.heterosyn.manifest.DesignId;
import org.heterosyn.protocol.Command;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.PackedInputs;
import org.heterosyn.protocol.Status;
import org.heterosyn.protocol.StatusWord;
import org.heterosyn.spec.DesignSpec;

import java.util.Arrays;

/**
 * The fast model behind the command protocol: the same decoding, checks, status precedence and
 * responses as the RTL's controller (docs/protocol.md), with the arithmetic done a whole command
 * at a time by {@link FastEngine}. It has no clock.
 */
public final class FastDevice implements Device {
    private final String uri;
    private final DesignSpec spec;
    private final FastEngine engine;
    private final int designId;
    /** The input table (LOAD_INPUT_TABLE), values sign-extended; all 0 at power-up, as in the RTL. */
    private final int[] inputTable = new int[PackedInputs.TABLE_ENTRIES];
    private int okCount;
    private int errCount;

    public FastDevice(String uri, DesignSpec spec) {
        // The command protocol is the hardware's: a rule the hardware does not build has no device either.
        spec.rule().requireHardware("device");
        this.uri = uri;
        this.spec = spec;
        this.engine = new FastEngine(spec);
        // Power-up state of the RTL and the emulator: every weight memory holds zeros.
        for (int k = 0; k < spec.weightLayers(); k++) {
            engine.loadForward(k, new int[spec.fanIn(k) * spec.fanOut(k)]);
            if (spec.hasFeedback(k)) engine.loadFeedback(k, new int[spec.fanIn(k) * spec.fanOut(k)]);
        }
        this.designId = (int) DesignId.of(spec);
    }

    public FastEngine engine() { return engine; }

    @Override public DesignSpec spec() { return spec; }

    @Override public String uri() { return uri; }

    @Override public long cycles() { return -1; }

    @Override public void close() {}

    @Override
    public int[] stream(int[] words) {
        CommandFraming.count(words);
        IntList out = new IntList();
        int i = 0;
        while (i < words.length) i = execute(words, i, out);
        return out.toArray();
    }

    /** Executes the command at words[i]; returns the index after it. */
    private int execute(int[] words, int i, IntList out) {
        Header h = Header.decode(words[i]);
        Opcode op = Opcode.of(h.opcode());
        int next = i + 1 + (op == null ? 0 : op.followingWords(h.length()));
        Status s = h.check(spec);
        if (s != Status.OK) return reject(h.opcode(), s, next, out);
        int layer = Header.selectedLayer(h.arg());
        int matrix = Header.selectedMatrix(h.arg());
        int len = h.length();
        switch (op) {
            case SET_PARAM -> {
                engine.setSampleCount(words[i + 1]);
                ok(op, new int[0], out);
            }
            case LOAD_WEIGHTS, READ_WEIGHTS -> {
                long start = words[i + 1] & 0xFFFF_FFFFL;
                int[] m = matrix == Command.MATRIX_W ? engine.rawForward(layer) : engine.rawFeedback(layer);
                if (start + len > m.length) return reject(h.opcode(), Status.OUT_OF_RANGE, next, out);
                if (op == Opcode.LOAD_WEIGHTS) {
                    int bits = spec.numerics().weightBits();
                    for (int t = 0; t < len; t++) m[(int) start + t] = DeviceEngine.signExtend(words[i + 2 + t], bits);
                    ok(op, new int[0], out);
                } else {
                    ok(op, Arrays.copyOfRange(m, (int) start, (int) start + len), out);
                }
            }
            case INFER -> ok(op, engine.inferRaw(inputs(words, i + 1)), out);
            case INFER_PACKED -> ok(op, engine.inferRaw(lookUp(words, i + 1)), out);
            case TRAIN, TRAIN_PACKED -> {
                if ((words[i + 1] & 0xFFFF_FFFFL) >= spec.outputs()) return reject(h.opcode(), Status.OUT_OF_RANGE, next, out);
                engine.trainRaw(op == Opcode.TRAIN ? inputs(words, i + 2) : lookUp(words, i + 2), words[i + 1]);
                ok(op, engine.lastOutputs(), out);
            }
            case LOAD_INPUT_TABLE -> {
                int bits = spec.numerics().valueBits();
                for (int c = 0; c < inputTable.length; c++) inputTable[c] = DeviceEngine.signExtend(words[i + 1 + c], bits);
                ok(op, new int[0], out);
            }
            case STATUS -> ok(op, StatusWord.payload(w -> switch (w) {
                case MAGIC -> Header.MAGIC;
                case DESIGN_ID -> designId;
                case SAMPLE_COUNTER -> engine.sampleCount();
                case COMMANDS_OK -> okCount;
                case COMMANDS_REJECTED -> errCount;
            }), out);
        }
        return next;
    }

    private int[] inputs(int[] words, int from) {
        int bits = spec.numerics().valueBits();
        int[] x = new int[spec.inputs()];
        for (int j = 0; j < x.length; j++) x[j] = DeviceEngine.signExtend(words[from + j], bits);
        return x;
    }

    /** Packed input codes from words[from] on, each replaced by its input-table value. */
    private int[] lookUp(int[] words, int from) {
        int[] x = new int[spec.inputs()];
        for (int j = 0; j < x.length; j++) x[j] = inputTable[PackedInputs.code(words, from, j)];
        return x;
    }

    private void ok(Opcode op, int[] payload, IntList out) {
        out.add(new Header(op.code(), Status.OK.code(), payload.length).word());
        out.addAll(payload);
        okCount++;
    }

    private int reject(int opcode, Status s, int next, IntList out) {
        out.add(new Header(opcode, s.code(), 0).word());
        errCount++;
        return next;
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] a = new int[64];
        private int n;

        void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, 2 * n);
            a[n++] = v;
        }

        void addAll(int[] v) {
            if (n + v.length > a.length) a = Arrays.copyOf(a, Math.max(2 * a.length, n + v.length));
            System.arraycopy(v, 0, a, n, v.length);
            n += v.length;
        }

        int[] toArray() { return Arrays.copyOf(a, n); }
    }
}
