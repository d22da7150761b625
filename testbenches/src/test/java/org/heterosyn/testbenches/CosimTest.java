package org.heterosyn.testbenches;

import org.heterosyn.manifest.Layout;
import org.heterosyn.numerics.InitialWeights;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.PackedInputs;
import org.heterosyn.protocol.Param;
import org.heterosyn.protocol.Response;
import org.heterosyn.protocol.Status;
import org.heterosyn.rtl.Firtool;
import org.heterosyn.rtl.Generator;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The generated RTL, simulated by Verilator, against the fast model: weights loaded in pieces, the
 * sample counter set near its wrap, several train commands (outputs and, read back afterwards,
 * every weight must equal FastEngine's), an infer, the same with packed inputs through a random input
 * table (its extremes and junk above the value bits included), malformed commands that must be rejected without
 * changing any state, and every command's cycle count against CycleModel. The same stream replayed
 * with random valid/ready stalls must give the same response words. Every rule and both roundings,
 * one to fully parallel lanes, ragged lane counts (fixed and random), generic and SPRAM memories.
 */
@Tag("cosim")
class CosimTest {
    private static final int TRAINS = 4;
    /** Sample counter before the first train: the counter wraps to 0 during the run. */
    private static final int SAMPLE_START = -2;
    private static final long STALL_SEED = 7;
    private static Generator gen;

    @BeforeAll
    static void tools() {
        ExternalTool.require("verilator", "co-simulation needs Verilator 5.006 or later");
        gen = new Generator(Firtool.fromClasspath());
    }

    private static Arguments design(Rule rule, Rounding r, int lanes, List<Integer> layers, MemoryStyle mem) {
        DesignSpec s = DesignSpec.tiny().withLayers(layers).withRule(rule).withMemory(mem).withLanes(lanes);
        s = s.withNumerics(s.numerics().withRounding(r));
        String label = rule.id() + "-" + r.id() + "-L" + lanes + "-" + layers.stream().map(String::valueOf)
                .reduce((a, b) -> a + "x" + b).orElseThrow() + "-" + mem.id();
        return Arguments.of(label, s.withName(label));
    }

    static Stream<Arguments> designs() {
        List<Integer> t432 = List.of(4, 3, 2);
        List<Integer> t442 = List.of(4, 4, 2);
        List<Arguments> out = new ArrayList<>(List.of(
                design(Rule.BP, Rounding.NEAREST, 1, t432, MemoryStyle.GENERIC),
                design(Rule.BP, Rounding.STOCHASTIC, 4, t442, MemoryStyle.SPRAM),
                design(Rule.FA, Rounding.NEAREST, 2, t442, MemoryStyle.SPRAM),
                design(Rule.FA, Rounding.STOCHASTIC, 1, t432, MemoryStyle.GENERIC),
                design(Rule.SS, Rounding.NEAREST, 8, t442, MemoryStyle.GENERIC),
                design(Rule.SS, Rounding.STOCHASTIC, 1, t432, MemoryStyle.SPRAM),
                design(Rule.KP, Rounding.NEAREST, 16, t442, MemoryStyle.GENERIC),
                design(Rule.KP, Rounding.STOCHASTIC, 1, t432, MemoryStyle.GENERIC),
                design(Rule.KP, Rounding.STOCHASTIC, 2, t442, MemoryStyle.SPRAM),
                design(Rule.KP, Rounding.STOCHASTIC, 12, t432, MemoryStyle.GENERIC),
                design(Rule.URF, Rounding.NEAREST, 1, t432, MemoryStyle.SPRAM),
                design(Rule.URF, Rounding.STOCHASTIC, 4, List.of(8, 4, 4, 2), MemoryStyle.GENERIC),
                // Lane counts that are not powers of two: 3 columns per chunk; 3 rows per chunk.
                design(Rule.KP, Rounding.STOCHASTIC, 3, List.of(3, 6, 2), MemoryStyle.GENERIC),
                design(Rule.URF, Rounding.STOCHASTIC, 6, List.of(2, 6, 4), MemoryStyle.SPRAM),
                design(Rule.FA, Rounding.NEAREST, 30, List.of(6, 5, 3), MemoryStyle.GENERIC),
                // 18 lanes, 12 used at most: six lanes without an update unit.
                design(Rule.KP, Rounding.STOCHASTIC, 18, List.of(4, 3, 2), MemoryStyle.SPRAM),
                // Ragged lane counts (docs/architecture.md, "Ragged chunks"): rows of 10 and 5 in chunks
                // of 3 + 3 + 3 + 1 and 3 + 2; of 7 + 3 (and 5 in one chunk of 7 lanes); of 2 + 2 + 2 + 1
                // and 2 + 2 + 1; row groups with idle rows in the output layer (3-2-5 on 6) and in a
                // hidden layer whose padded slots the next layer's idle lanes read (2-5-3 on 4).
                design(Rule.KP, Rounding.STOCHASTIC, 3, List.of(10, 5, 4), MemoryStyle.SPRAM),
                design(Rule.BP, Rounding.NEAREST, 7, List.of(10, 5, 4), MemoryStyle.GENERIC),
                design(Rule.FA, Rounding.STOCHASTIC, 2, List.of(7, 5, 3), MemoryStyle.GENERIC),
                design(Rule.URF, Rounding.STOCHASTIC, 6, List.of(3, 2, 5), MemoryStyle.SPRAM),
                design(Rule.SS, Rounding.STOCHASTIC, 4, List.of(2, 5, 3), MemoryStyle.SPRAM)));
        out.addAll(randomRagged(Long.getLong("heterosyn.cosimSeed", 20261122L), 2));
        // Narrow formats and other shifts: 12-bit values, 10-bit weights in 16-bit SPRAM words.
        DesignSpec narrow = DesignSpec.tiny().withLayers(List.of(6, 4, 3)).withLanes(2).withMemory(MemoryStyle.SPRAM)
                .withNumerics(new Numerics(12, 8, 10, 7, 5, 6, 3, Rounding.STOCHASTIC)).withName("kp-narrow");
        out.add(Arguments.of("kp-stochastic-L2-6x4x3-spram-V12W10", narrow));
        return out.stream();
    }

    /** Random designs with at least one ragged layer (seed printed; -Dheterosyn.cosimSeed=K draws others). */
    static List<Arguments> randomRagged(long seed, int n) {
        System.out.println("cosim: random ragged designs, seed " + seed);
        SplittableRandom rng = new SplittableRandom(seed);
        List<Arguments> out = new ArrayList<>();
        while (out.size() < n) {
            List<Integer> layers = new ArrayList<>();
            int depth = 2 + rng.nextInt(2);
            for (int i = 0; i < depth; i++) layers.add(1 + rng.nextInt(9));
            int total = 0;
            for (int k = 0; k + 1 < depth; k++) total += layers.get(k) * layers.get(k + 1);
            Arguments a = design(Rule.hardware().get(rng.nextInt(Rule.hardware().size())), Rounding.values()[rng.nextInt(2)],
                    1 + rng.nextInt(total), layers, MemoryStyle.values()[rng.nextInt(2)]);
            if (new Layout((DesignSpec) a.get()[1]).layers().stream().anyMatch(Layout.LayerLayout::ragged)) out.add(a);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void trainsBitExactlyLikeTheFastModel(String label, DesignSpec spec) throws Exception {
        Path dir = Path.of("target", "cosim", label);
        Playback rtl = Playback.of(gen.run(spec, dir.resolve("rtl")));
        Script script = scenario(spec, new SplittableRandom(label.hashCode()));
        int[] words = script.words();

        List<Playback.Word> got = rtl.run(words);
        check(script, got, true);
        List<Playback.Word> stalled = rtl.runStalled(words, STALL_SEED);
        assertArrayEquals(got.stream().mapToInt(Playback.Word::word).toArray(),
                stalled.stream().mapToInt(Playback.Word::word).toArray(), "responses under valid/ready stalls");
    }

    static Script scenario(DesignSpec spec, SplittableRandom rng) {
        Script s = new Script(spec);
        int wb = spec.numerics().weightBits();
        long wMax = spec.numerics().weightMax();
        long wMin = spec.numerics().weightMin();
        for (int k = 0; k < spec.weightLayers(); k++) {
            for (int m = 0; m < (spec.hasFeedback(k) ? 2 : 1); m++) {
                int[] w = m == 0 ? InitialWeights.forward(spec, k) : InitialWeights.feedback(spec, k);
                for (int i = 0; i < w.length; i++) {
                    long v = w[i] * 3L + rng.nextInt(1 << (wb - 4)) - (1 << (wb - 5));
                    w[i] = (int) Math.max(wMin, Math.min(wMax, v));
                }
                w[0] = (int) wMax;
                w[w.length - 1] = (int) wMin;
                // Two loads, the second from an odd start, so the walk seeks across rows.
                int cut = Math.min(w.length, w.length / 2 + 1);
                s.load(k, m, 0, java.util.Arrays.copyOfRange(w, 0, cut));
                if (cut < w.length) s.load(k, m, cut, java.util.Arrays.copyOfRange(w, cut, w.length));
            }
        }
        s.setSample(SAMPLE_START);
        s.loadTable(table(spec, rng));
        for (int t = 0; t < TRAINS; t++) {
            s.train(rng.nextInt(spec.outputs()), Script.inputs(spec, rng));
            s.trainPacked(rng.nextInt(spec.outputs()), Script.codes(spec, rng));
        }
        s.infer(Script.inputs(spec, rng));
        s.inferPacked(Script.codes(spec, rng));
        s.readAll();
        int last = spec.weightLayers() - 1;
        int lastSize = spec.fanIn(last) * spec.fanOut(last);
        int tail = Math.min(3, lastSize);
        s.read(last, 0, lastSize - tail, tail);

        int n0 = spec.inputs();
        int w0 = spec.fanIn(0) * spec.fanOut(0);
        s.reject("unknown opcode", new int[] {new Header(0x7F, 0, 0).word()}, Status.UNKNOWN_OPCODE, 2);
        s.reject("set_param length 2", new int[] {new Header(Opcode.SET_PARAM.code(), 0, 2).word(), 5, 6},
                Status.BAD_LENGTH, 4);
        s.reject("set_param id 9", new int[] {new Header(Opcode.SET_PARAM.code(), 9, 1).word(), 5},
                Status.BAD_ARGUMENT, 3);
        s.reject("load B_0", new int[] {new Header(Opcode.LOAD_WEIGHTS.code(), Header.matrixSelect(0, 1), 1).word(), 0, 9},
                Status.BAD_ARGUMENT, 4);
        s.reject("load past the end", new int[] {new Header(Opcode.LOAD_WEIGHTS.code(), 0, 2).word(), w0 - 1, 9, 9},
                Status.OUT_OF_RANGE, 5);
        s.reject("load at 2^32-1", new int[] {new Header(Opcode.LOAD_WEIGHTS.code(), 0, 1).word(), -1, 9},
                Status.OUT_OF_RANGE, 4);
        s.reject("read a missing layer", new int[] {new Header(Opcode.READ_WEIGHTS.code(),
                Header.matrixSelect(spec.weightLayers(), 0), 1).word(), 0}, Status.BAD_ARGUMENT, 3);
        s.reject("read count 0", new int[] {new Header(Opcode.READ_WEIGHTS.code(), 0, 0).word(), 0}, Status.BAD_LENGTH, 3);
        int[] badLabel = new int[2 + n0];
        badLabel[0] = new Header(Opcode.TRAIN.code(), 0, n0).word();
        badLabel[1] = spec.outputs();
        s.reject("train label n_L", badLabel, Status.OUT_OF_RANGE, 3 + n0);
        int[] badInfer = new int[2 + n0];
        badInfer[0] = new Header(Opcode.INFER.code(), 0, n0 + 1).word();
        s.reject("infer n_0 + 1 inputs", badInfer, Status.BAD_LENGTH, 2 + n0 + 1);
        s.reject("status arg 1", new int[] {new Header(Opcode.STATUS.code(), 1, 0).word()}, Status.BAD_ARGUMENT, 2);
        int packedWords = Opcode.INFER_PACKED.followingWords(n0);
        int[] badPackedLabel = new int[2 + packedWords];
        badPackedLabel[0] = new Header(Opcode.TRAIN_PACKED.code(), 0, n0).word();
        badPackedLabel[1] = -1;
        s.reject("train_packed label 2^32-1", badPackedLabel, Status.OUT_OF_RANGE, 3 + packedWords);
        int[] badPackedLength = new int[1 + Opcode.INFER_PACKED.followingWords(n0 + 4)];
        badPackedLength[0] = new Header(Opcode.INFER_PACKED.code(), 0, n0 + 4).word();
        s.reject("infer_packed n_0 + 4 codes", badPackedLength, Status.BAD_LENGTH, badPackedLength.length + 1);
        int[] badTable = new int[1 + PackedInputs.TABLE_ENTRIES];
        badTable[0] = new Header(Opcode.LOAD_INPUT_TABLE.code(), 1, PackedInputs.TABLE_ENTRIES).word();
        java.util.Arrays.fill(badTable, 1, badTable.length, 0x1234);
        s.reject("load_input_table arg 1", badTable, Status.BAD_ARGUMENT, badTable.length + 1);
        int[] shortTable = java.util.Arrays.copyOf(badTable, PackedInputs.TABLE_ENTRIES);
        shortTable[0] = new Header(Opcode.LOAD_INPUT_TABLE.code(), 0, PackedInputs.TABLE_ENTRIES - 1).word();
        s.reject("load_input_table length 255", shortTable, Status.BAD_LENGTH, shortTable.length + 1);
        s.reject("set_param with length 0", new int[] {new Header(Opcode.SET_PARAM.code(), Param.SAMPLE_COUNTER.id(), 0).word()},
                Status.BAD_LENGTH, 2);
        // Nothing above changed the weights, the sample counter or the input table.
        s.readAll();
        s.inferPacked(Script.codes(spec, rng));
        s.train(0, Script.inputs(spec, rng));
        s.readAll();
        return s;
    }

    /** A random input table: values over the whole format, with junk above the value bits. */
    static int[] table(DesignSpec spec, SplittableRandom rng) {
        int bits = spec.numerics().valueBits();
        int[] t = new int[PackedInputs.TABLE_ENTRIES];
        for (int i = 0; i < t.length; i++) t[i] = rng.nextInt();
        t[0] = 1 << (bits - 1);
        t[t.length - 1] = (1 << (bits - 1)) - 1;
        return t;
    }

    /** Splits the responses, compares each with its step, and the cycles between the STATUS headers. */
    static void check(Script script, List<Playback.Word> got, boolean cycles) {
        int[] words = got.stream().mapToInt(Playback.Word::word).toArray();
        List<Response> responses = Response.parseAll(words);
        List<Script.Step> steps = script.steps();
        assertEquals(steps.size(), responses.size(), "response count");
        long[] headerCycle = new long[steps.size()];
        int w = 0;
        for (int i = 0; i < steps.size(); i++) {
            headerCycle[i] = got.get(w).cycle();
            w += 1 + responses.get(i).payload().length;
            Script.Step s = steps.get(i);
            assertEquals(s.expected(), responses.get(i), "step " + i + " (" + s.what() + ")");
        }
        if (!cycles) return;
        // Steps alternate: STATUS, command, STATUS, command, ..., STATUS.
        for (int i = 1; i + 1 < steps.size(); i += 2) {
            Script.Step s = steps.get(i);
            long measured = headerCycle[i + 1] - headerCycle[i - 1] - steps.get(i - 1).cycles();
            assertEquals(s.cycles().longValue(), measured, "cycles of step " + i + " (" + s.what() + ")");
        }
    }
}
