package org.heterosyn.learning;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import org.heterosyn.numerics.DitherHash;
import org.heterosyn.numerics.SynapseUpdate;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.Rule;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class FastEngineTest {

    /** The vectorized row kernel must equal the per-synapse definition for every format it accepts. */
    @Property(tries = 300)
    void rowKernelEqualsPerSynapseUpdate(@ForAll("numerics") Numerics n, @ForAll boolean decays, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int cols = 1 + rng.nextInt(70);
        int[] w = new int[cols + 3];
        int[] h = new int[cols];
        for (int c = 0; c < w.length; c++) w[c] = (int) extreme(rng, n.weightMin(), n.weightMax());
        for (int c = 0; c < cols; c++) h[c] = (int) extreme(rng, n.valueMin(), n.valueMax());
        int e = (int) extreme(rng, n.valueMin(), n.valueMax());
        int rowKey = rng.nextInt();
        SynapseUpdate u = new SynapseUpdate(n, decays);
        int[] expected = w.clone();
        for (int c = 0; c < cols; c++) {
            expected[3 + c] = (int) u.apply(w[3 + c], (long) e * h[c], DitherHash.mix(rowKey ^ c));
        }
        u.updateRow(w, 3, cols, e, h, rowKey);
        assertArrayEquals(expected, w, () -> n + " decays=" + decays);
    }

    @Provide
    Arbitrary<Numerics> numerics() {
        Arbitrary<Integer> bits = Arbitraries.integers().between(4, 24);
        return Combinators.combine(bits, bits, Arbitraries.integers().between(0, 24), Arbitraries.integers().between(0, 24),
                Arbitraries.of(Rounding.class), Arbitraries.integers().between(0, 1000)).as((vb, wb, eta, decay, r, salt) -> {
                    // valueFrac <= 16 keeps 2*valueFrac - weightFrac within the 32-bit dither.
                    int vf = Math.min(16, Math.min(vb - 2, salt % (vb - 1)));
                    int wf = Math.min(Math.min(wb - 1, 2 * vf), (salt / 7) % wb);
                    int maxShift = Numerics.MAX_UPDATE_SHIFT - (2 * vf - wf);
                    int e = Math.min(eta, maxShift);
                    int d = Math.min(Math.min(decay, maxShift - e), Numerics.MAX_INCREMENT_BITS - 2 * vb);
                    return new Numerics(vb, vf, wb, wf, e, d, 0, r);
                });
    }

    /** Values biased to the ends of the range, where saturation and overflow live. */
    private static long extreme(SplittableRandom rng, long min, long max) {
        return switch (rng.nextInt(4)) {
            case 0 -> min;
            case 1 -> max;
            default -> min + rng.nextLong(max - min + 1);
        };
    }

    @org.junit.jupiter.api.Test
    void kpWithFeedbackEqualToTransposeKeepsBEqualToWTransposeUnderNearestRounding() {
        // Under rounding to nearest, W_ij and B_ji see the same product and the same arithmetic, so a
        // mirrored start stays mirrored bit for bit; stochastic rounding draws separate dithers.
        DesignSpec spec = DesignSpec.tiny().withLayers(List.of(6, 5, 3)).withRule(Rule.KP)
                .withNumerics(Numerics.defaults().withRounding(Rounding.NEAREST));
        FastEngine kp = new FastEngine(spec);
        int[] w1 = kp.rawForward(1);
        int[] t = new int[w1.length];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 5; j++) t[j * 3 + i] = w1[i * 5 + j];
        kp.loadFeedback(1, t);
        var data = org.heterosyn.data.TeacherStudent.generate(6, 4, 3, 300, 10, 0.1, 5);
        for (int s = 0; s < 300; s++) kp.train(data.trainX().get(s), data.trainY()[s]);
        assertEquals(0.0, GradientProbe.alignment(kp)[0], 0.0);
    }
}
