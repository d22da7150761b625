package org.heterosyn.learning;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.statistics.Statistics;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.Rule;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vector kernel against the scalar one, side by side on the same commands: random designs, number
 * formats, rules, roundings, weights (extremes included, so sums and updates saturate) and inputs
 * (negative and extreme values too, so the exact-sum runs and the split hidden-error sums are cut),
 * identical outputs, losses and every weight after every sample. The scalar kernel is the yardstick
 * because NumericsDocumentTest ties it to docs/numerics.md.
 */
@Tag("unit")
class VectorKernelPropertyTest {

    /** Skipped, with the reason, only where the JVM runs without the Vector API module. */
    private static void assumeVector() {
        if (ModuleLayer.boot().findModule(FastKernel.VECTOR_MODULE).isEmpty()) {
            Assumptions.abort("the JVM runs without --add-modules " + FastKernel.VECTOR_MODULE
                    + " (surefire's argLine in the parent pom adds it)");
        }
    }

    @Property(tries = 200)
    void vectorKernelEqualsScalarKernelAfterEverySample(@ForAll long seed) {
        assumeVector();
        SplittableRandom rng = new SplittableRandom(seed);
        DesignSpec spec = randomDesign(rng);
        String why = FastEngine.vectorUnavailable(spec);
        Statistics.label("kernel").collect(why == null ? "vector vs scalar" : "format outside the lanes");
        Statistics.label("rule").collect(spec.rule().id() + " " + spec.numerics().rounding().id());
        if (why != null) {
            // A format the lanes cannot hold: auto takes the scalar kernel, and asking for vector says why.
            assertEquals("scalar", new FastEngine(spec, "auto").kernel(), why);
            assertThrows(IllegalArgumentException.class, () -> new FastEngine(spec, "vector"));
            return;
        }
        FastEngine vector = new FastEngine(spec, "vector");
        FastEngine scalar = new FastEngine(spec, "scalar");
        assertTrue(vector.kernel().startsWith("vector-"), vector.kernel());
        String design = describe(spec) + " (seed " + seed + ")";
        assertSame(vector, scalar, design + ": initial weights");
        if (rng.nextInt(3) > 0) {
            for (int k = 0; k < spec.weightLayers(); k++) {
                int[] w = randomWeights(rng, spec, spec.fanIn(k) * spec.fanOut(k));
                vector.loadForward(k, w);
                scalar.loadForward(k, w);
                if (spec.hasFeedback(k)) {
                    int[] b = randomWeights(rng, spec, w.length);
                    vector.loadFeedback(k, b);
                    scalar.loadFeedback(k, b);
                }
            }
        }
        int start = rng.nextInt(4) == 0 ? -1 - rng.nextInt(3) : rng.nextInt();
        vector.setSampleCount(start);
        scalar.setSampleCount(start);
        int samples = 4 + rng.nextInt(24);
        for (int s = 0; s < samples; s++) {
            int[] x = randomInput(rng, spec);
            String where = design + ", sample " + s;
            if (rng.nextInt(5) == 0) {
                assertArrayEquals(scalar.inferRaw(x), vector.inferRaw(x), where + ": infer");
            }
            if (rng.nextInt(6) == 0) {
                // LOAD_WEIGHTS writes through the raw arrays, as FastDevice and the oracles do.
                int k = rng.nextInt(spec.weightLayers());
                int[] v = vector.rawForward(k);
                int[] sc = scalar.rawForward(k);
                int at = rng.nextInt(v.length);
                int word = randomWeights(rng, spec, 1)[0];
                v[at] = word;
                sc[at] = word;
            }
            int label = rng.nextInt(spec.outputs());
            double lossScalar = scalar.trainRaw(x, label);
            double lossVector = vector.trainRaw(x, label);
            assertEquals(lossScalar, lossVector, 0.0, where + ": loss");
            assertArrayEquals(scalar.lastOutputs(), vector.lastOutputs(), where + ": outputs");
            assertSame(vector, scalar, where);
        }
        assertArrayEquals(scalar.weightsDigest(), vector.weightsDigest(), design + ": digest");
    }

    /** Fan-ins large enough that one 32-bit lane sum would overflow: the forward runs and hidden-error blocks. */
    @Test
    void extremeSumsStayExact() {
        assumeVector();
        for (Rule rule : Rule.hardware()) {
            for (Rounding r : Rounding.values()) {
                DesignSpec spec = new DesignSpec("extreme", List.of(300, 70, 300, 9), rule,
                        Numerics.defaults().withRounding(r), 1, MemoryStyle.GENERIC, 5);
                FastEngine vector = new FastEngine(spec, "vector");
                FastEngine scalar = new FastEngine(spec, "scalar");
                SplittableRandom rng = new SplittableRandom(rule.ordinal() * 2L + r.ordinal());
                for (int k = 0; k < spec.weightLayers(); k++) {
                    // All weights at one end: every product has the same sign and 2^30 magnitude.
                    int[] w = new int[spec.fanIn(k) * spec.fanOut(k)];
                    Arrays.fill(w, k % 2 == 0 ? (int) spec.numerics().weightMin() : (int) spec.numerics().weightMax());
                    vector.loadForward(k, w);
                    scalar.loadForward(k, w);
                    if (spec.hasFeedback(k)) {
                        int[] b = new int[w.length];
                        Arrays.fill(b, (int) spec.numerics().weightMin());
                        vector.loadFeedback(k, b);
                        scalar.loadFeedback(k, b);
                    }
                }
                for (int s = 0; s < 6; s++) {
                    int[] x = new int[spec.inputs()];
                    Arrays.fill(x, s % 2 == 0 ? (int) spec.numerics().valueMin() : (int) spec.numerics().valueMax());
                    if (s >= 2) x = randomInput(rng, spec);
                    int label = s % spec.outputs();
                    assertEquals(scalar.trainRaw(x, label), vector.trainRaw(x, label), 0.0, rule + " " + r + " loss " + s);
                    assertSame(vector, scalar, rule.id() + " " + r.id() + " sample " + s);
                }
            }
        }
    }

    @Test
    void autoPicksTheVectorKernelWhereItRunsAndNamesIt() {
        assumeVector();
        DesignSpec spec = DesignSpec.tiny();
        assertNull(FastEngine.vectorUnavailable(spec));
        String name = new FastEngine(spec, "auto").kernel();
        assertTrue(name.matches("vector-(128|256|512)"), name);
        assertEquals("scalar", new FastEngine(spec, "scalar").kernel());
        DesignSpec wide = spec.withNumerics(new Numerics(24, 20, 24, 22, 3, 4, 5, Rounding.STOCHASTIC));
        assertNotNull(FastEngine.vectorUnavailable(wide));
        assertEquals("scalar", new FastEngine(wide, "auto").kernel());
        assertThrows(IllegalArgumentException.class, () -> new FastEngine(spec, "simd"));
    }

    private static void assertSame(FastEngine vector, FastEngine scalar, String where) {
        DesignSpec spec = scalar.spec();
        for (int k = 0; k < spec.weightLayers(); k++) {
            int layer = k;
            assertArrayEquals(scalar.rawForward(k), vector.rawForward(k), () -> where + ": W_" + layer);
            if (spec.hasFeedback(k)) {
                assertArrayEquals(scalar.rawFeedback(k), vector.rawFeedback(k), () -> where + ": B_" + layer);
            }
        }
        assertEquals(scalar.sampleCount(), vector.sampleCount(), where + ": sample counter");
    }

    /**
     * One to three weight layers of 1 to 40 neurons (lane counts are 4 to 16: ragged last chunks and
     * several chunks), now and then one of 100 to 200; any rule; formats of 4 to 16 bits, most of
     * them within the vector kernel's bounds, some outside (shift > 30).
     */
    static DesignSpec randomDesign(SplittableRandom rng) {
        int n = 2 + rng.nextInt(3);
        List<Integer> layers = new ArrayList<>();
        for (int i = 0; i < n; i++) layers.add(rng.nextInt(8) == 0 ? 100 + rng.nextInt(101) : 1 + rng.nextInt(40));
        Rule rule = Rule.hardware().get(rng.nextInt(Rule.hardware().size()));
        Rounding rounding = Rounding.values()[rng.nextInt(2)];
        return new DesignSpec("random", layers, rule, randomNumerics(rng, rounding), 1, MemoryStyle.GENERIC,
                rng.nextLong(DesignSpec.MAX_SEED + 1));
    }

    static Numerics randomNumerics(SplittableRandom rng, Rounding r) {
        if (rng.nextInt(4) == 0) return Numerics.defaults().withRounding(r);
        int vb = 4 + rng.nextInt(13);
        int wb = 4 + rng.nextInt(13);
        int vf = rng.nextInt(vb - 1);
        int wf = Math.min(Math.min(wb - 1, 2 * vf), rng.nextInt(wb));
        int a = 2 * vf - wf;
        int es = Math.min(rng.nextInt(12), Numerics.MAX_UPDATE_SHIFT - a);
        int ds = Math.min(Math.min(rng.nextInt(12), Numerics.MAX_UPDATE_SHIFT - a - es),
                Numerics.MAX_INCREMENT_BITS - 2 * vb);
        int fs = rng.nextInt(wf + 1);
        return new Numerics(vb, vf, wb, wf, es, ds, fs, r);
    }

    private static int[] randomWeights(SplittableRandom rng, DesignSpec spec, int n) {
        long lo = spec.numerics().weightMin();
        long hi = spec.numerics().weightMax();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) w[i] = (int) extreme(rng, lo, hi);
        return w;
    }

    /** Inputs: zeros (the forward pass skips them), extremes of either sign, and anything between. */
    private static int[] randomInput(SplittableRandom rng, DesignSpec spec) {
        long lo = spec.numerics().valueMin();
        long hi = spec.numerics().valueMax();
        int[] x = new int[spec.inputs()];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextInt(3) == 0 ? 0 : (int) extreme(rng, lo, hi);
        return x;
    }

    private static long extreme(SplittableRandom rng, long min, long max) {
        return switch (rng.nextInt(6)) {
            case 0 -> min;
            case 1 -> max;
            default -> min + rng.nextLong(max - min + 1);
        };
    }

    private static String describe(DesignSpec s) {
        return s.layers() + " " + s.rule().id() + " " + s.numerics() + " seed " + s.seed();
    }
}
