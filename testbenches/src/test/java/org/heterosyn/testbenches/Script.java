package org.heterosyn.testbenches;

import org.heterosyn.learning.FastEngine;
import org.heterosyn.manifest.CycleModel;
import org.heterosyn.manifest.DesignId;
import org.heterosyn.protocol.Command;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.PackedInputs;
import org.heterosyn.protocol.Param;
import org.heterosyn.protocol.Response;
import org.heterosyn.protocol.Status;
import org.heterosyn.protocol.StatusWord;
import org.heterosyn.spec.DesignSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A command stream and, for every command, the response and cycle count the hardware must give,
 * taken from FastEngine (the fixed-point fast model) and CycleModel. A STATUS command follows every
 * command, so each command's cycles are the distance between the STATUS response headers around it
 * minus the STATUS command's own cycles.
 */
final class Script {
    /** One command: what it is, its words, the response it must get, its cycle count (null: not checked). */
    record Step(String what, int[] words, Response expected, Long cycles) {}

    private final DesignSpec spec;
    private final FastEngine model;
    private final CycleModel cycles;
    private final int designId;
    private final List<Step> steps = new ArrayList<>();
    /** The device's input table, sign-extended: 0 at power-up. */
    private final int[] table = new int[PackedInputs.TABLE_ENTRIES];
    private int ok;
    private int rejected;

    Script(DesignSpec spec) {
        this.spec = spec;
        this.model = new FastEngine(spec);
        this.cycles = new CycleModel(spec);
        this.designId = (int) DesignId.of(spec);
        status();
    }

    FastEngine model() { return model; }

    List<Step> steps() { return List.copyOf(steps); }

    int[] words() {
        int n = steps.stream().mapToInt(s -> s.words().length).sum();
        int[] w = new int[n];
        int i = 0;
        for (Step s : steps) {
            System.arraycopy(s.words(), 0, w, i, s.words().length);
            i += s.words().length;
        }
        return w;
    }

    private void add(String what, int[] words, Response expected, Long cycleCount) {
        steps.add(new Step(what, words, expected, cycleCount));
        if (expected.ok()) ok++;
        else rejected++;
        status();
    }

    private void status() {
        int[] payload = StatusWord.payload(w -> switch (w) {
            case MAGIC -> Header.MAGIC;
            case DESIGN_ID -> designId;
            case SAMPLE_COUNTER -> model.sampleCount();
            case COMMANDS_OK -> ok;
            case COMMANDS_REJECTED -> rejected;
        });
        steps.add(new Step("status", new Command.StatusRequest().words(),
                new Response(Opcode.STATUS.code(), Status.OK, payload), cycles.status().value()));
        ok++;
    }

    private int[] matrix(int k, int m) { return (m == 0 ? model.rawForward(k) : model.rawFeedback(k)).clone(); }

    void load(int k, int m, int start, int[] values) {
        int[] full = matrix(k, m);
        int bits = spec.numerics().weightBits();
        for (int i = 0; i < values.length; i++) full[start + i] = (values[i] << (32 - bits)) >> (32 - bits);
        if (m == 0) model.loadForward(k, full);
        else model.loadFeedback(k, full);
        add("load " + (m == 0 ? "W" : "B") + k + "[" + start + "+" + values.length + "]",
                new Command.LoadWeights(k, m, start, values).words(),
                new Response(Opcode.LOAD_WEIGHTS.code(), Status.OK, new int[0]), cycles.load(k, m, start, values.length));
    }

    void read(int k, int m, int start, int count) {
        add("read " + (m == 0 ? "W" : "B") + k + "[" + start + "+" + count + "]",
                new Command.ReadWeights(k, m, start, count).words(),
                new Response(Opcode.READ_WEIGHTS.code(), Status.OK, Arrays.copyOfRange(matrix(k, m), start, start + count)),
                cycles.read(k, m, start, count));
    }

    void readAll() {
        for (int k = 0; k < spec.weightLayers(); k++) {
            read(k, 0, 0, model.rawForward(k).length);
            if (spec.hasFeedback(k)) read(k, 1, 0, model.rawFeedback(k).length);
        }
    }

    void setSample(int value) {
        model.setSampleCount(value);
        add("set sample " + value, new Command.SetParam(Param.SAMPLE_COUNTER, value).words(),
                new Response(Opcode.SET_PARAM.code(), Status.OK, new int[0]), cycles.setParam().value());
    }

    void train(int label, int[] x) {
        int[] y = model.inferRaw(x);
        model.trainRaw(x, label);
        add("train label " + label, new Command.Train(label, x).words(),
                new Response(Opcode.TRAIN.code(), Status.OK, y), cycles.train().value());
    }

    void infer(int[] x) {
        add("infer", new Command.Infer(x).words(), new Response(Opcode.INFER.code(), Status.OK, model.inferRaw(x)),
                cycles.infer().value());
    }

    void loadTable(int[] values) {
        int bits = spec.numerics().valueBits();
        for (int i = 0; i < table.length; i++) table[i] = (values[i] << (32 - bits)) >> (32 - bits);
        add("load input table", new Command.LoadInputTable(values).words(),
                new Response(Opcode.LOAD_INPUT_TABLE.code(), Status.OK, new int[0]), cycles.loadInputTable().value());
    }

    void trainPacked(int label, int[] codes) {
        int[] x = lookUp(codes);
        int[] y = model.inferRaw(x);
        model.trainRaw(x, label);
        add("train_packed label " + label, junkPadding(new Command.TrainPacked(label, codes).words()),
                new Response(Opcode.TRAIN_PACKED.code(), Status.OK, y), cycles.trainPacked().value());
    }

    void inferPacked(int[] codes) {
        add("infer_packed", junkPadding(new Command.InferPacked(codes).words()),
                new Response(Opcode.INFER_PACKED.code(), Status.OK, model.inferRaw(lookUp(codes))), cycles.inferPacked().value());
    }

    private int[] lookUp(int[] codes) {
        int[] x = new int[codes.length];
        for (int i = 0; i < x.length; i++) x[i] = table[codes[i]];
        return x;
    }

    /** Junk in the padding bytes of the last code word: the device must ignore them. */
    private int[] junkPadding(int[] words) {
        int used = spec.inputs() % PackedInputs.CODES_PER_WORD;
        if (used != 0) words[words.length - 1] |= 0xA5A5_A5A5 << PackedInputs.CODE_BITS * used;
        return words;
    }

    /** A malformed command: its raw words, the status it must get, its cycles. */
    void reject(String what, int[] words, Status status, long cycleCount) {
        add(what, words, new Response(Header.decode(words[0]).opcode(), status, new int[0]), cycleCount);
    }

    /** Random byte codes, 0 and 255 included. */
    static int[] codes(DesignSpec spec, java.util.SplittableRandom rng) {
        int[] c = new int[spec.inputs()];
        for (int i = 0; i < c.length; i++) c[i] = rng.nextInt(PackedInputs.TABLE_ENTRIES);
        c[0] = 0;
        c[c.length - 1] = PackedInputs.TABLE_ENTRIES - 1;
        return c;
    }

    /** Valid-looking inputs in [-0.5, 1.5) of the value format. */
    static int[] inputs(DesignSpec spec, java.util.SplittableRandom rng) {
        int one = 1 << spec.numerics().valueFrac();
        int[] x = new int[spec.inputs()];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextInt(2 * one) - one / 2;
        return x;
    }
}
