package org.heterosyn.numerics;

import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Rule;
import org.heterosyn.spec.SpecJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/numerics.md section 13. */
@Tag("unit")
class InitialWeightsTest {

    @Test
    void tinySpecMatchesTheDocument() {
        DesignSpec tiny = SpecJson.readShipped("tiny.json");
        assertArrayEquals(new int[] {-1838, 831, -4133, 733, 4373, 919, 3461, -3414, -4064, -302, 1869, 760},
                InitialWeights.forward(tiny, 0));
        assertArrayEquals(new int[] {5160, -3309, -3096, -2345, 1776, 1671}, InitialWeights.forward(tiny, 1));
        assertArrayEquals(new int[] {1792, 2076, 3353, 1721, -4437, 1542}, InitialWeights.feedback(tiny, 1));
    }

    @Test
    void feedbackUsesTheForwardFanInAndItsOwnIndices() {
        DesignSpec s = DesignSpec.tiny().withLayers(List.of(5, 40, 3)).withSeed(77);
        long a1 = FixedPoint.initAmplitude(40, s.numerics());
        int[] b = InitialWeights.feedback(s, 1);
        assertEquals(40 * 3, b.length);
        int max = 0;
        for (int v : b) max = Math.max(max, Math.abs(v));
        assertTrue(max <= a1 && max > a1 / 2, "B_1 spans [-A_1, A_1] with A_1 from fan-in 40: max " + max);
        // B_1[j][i] is (row j, col i) of B, matrix word 1: not W_1's transposed word
        long expected = FixedPoint.initWeight(DitherHash.initWord(77, 1, DitherHash.MATRIX_B, 7, 2), a1);
        assertEquals(expected, b[7 * 3 + 2]);
        int[] w = InitialWeights.forward(s, 1);
        assertFalse(java.util.Arrays.equals(w, transpose(b, 40, 3)), "B starts independent of W^T");
    }

    @Test
    void onlyLayersThatStoreFeedbackHaveIt() {
        DesignSpec kp = DesignSpec.tiny();
        assertThrows(IllegalArgumentException.class, () -> InitialWeights.feedback(kp, 0));
        assertThrows(IllegalArgumentException.class, () -> InitialWeights.feedback(kp.withRule(Rule.BP), 1));
        assertThrows(IllegalArgumentException.class, () -> InitialWeights.feedback(kp.withRule(Rule.SS), 1));
        assertEquals(6, InitialWeights.feedback(kp.withRule(Rule.FA), 1).length);
    }

    @Test
    void roughlyUniformWithZeroMean() {
        DesignSpec s = DesignSpec.fashionMnist();
        int[] w = InitialWeights.forward(s, 0);
        long a = FixedPoint.initAmplitude(784, s.numerics());
        double sum = 0;
        double sq = 0;
        for (int v : w) {
            assertTrue(Math.abs(v) <= a);
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / w.length;
        double var = sq / w.length - mean * mean;
        double uniformVar = a * (a + 1) / 3.0;
        assertEquals(0, mean, 4 * Math.sqrt(uniformVar / w.length));
        assertEquals(uniformVar, var, 0.02 * uniformVar);
    }

    private static int[] transpose(int[] m, int rows, int cols) {
        int[] t = new int[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c];
        }
        return t;
    }
}
