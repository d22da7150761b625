package org.heterosyn.numerics;

import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rounding;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Saturation and rounding edge cases of docs/numerics.md sections 3-5. */
@Tag("unit")
class FixedPointTest {
    private static final Numerics N = Numerics.defaults();
    private static final long LSB_ACC = 1L << N.weightFrac();

    @Test
    void saturateClampsAtBothEnds() {
        assertEquals(-5, FixedPoint.saturate(-9, -5, 5));
        assertEquals(5, FixedPoint.saturate(9, -5, 5));
        assertEquals(-5, FixedPoint.saturate(-5, -5, 5));
        assertEquals(5, FixedPoint.saturate(5, -5, 5));
        assertEquals(3, FixedPoint.saturate(3, -5, 5));
        assertEquals(32767, FixedPoint.saturateValue(1L << 40, N));
        assertEquals(-32768, FixedPoint.saturateValue(-(1L << 40), N));
        assertEquals(32767, FixedPoint.saturateWeight(Long.MAX_VALUE, N));
        assertEquals(-32768, FixedPoint.saturateWeight(Long.MIN_VALUE, N));
    }

    @Test
    void accToValueSaturatesInsteadOfWrapping() {
        long max = N.valueMax();
        long min = N.valueMin();
        assertEquals(max, FixedPoint.accToValue(max * LSB_ACC, N));
        // max + 1/2 rounds up to max + 1, which saturates (a wrapping adder would give min)
        assertEquals(max, FixedPoint.accToValue(max * LSB_ACC + LSB_ACC / 2, N));
        assertEquals(max, FixedPoint.accToValue(max * LSB_ACC + LSB_ACC / 2 - 1, N));
        assertEquals(max, FixedPoint.accToValue(1L << 60, N));
        assertEquals(min, FixedPoint.accToValue(min * LSB_ACC, N));
        // min - 1/2 is a tie and rounds up to min; one below it rounds to min - 1 and saturates
        assertEquals(min, FixedPoint.accToValue(min * LSB_ACC - LSB_ACC / 2, N));
        assertEquals(min, FixedPoint.accToValue(min * LSB_ACC - LSB_ACC / 2 - 1, N));
        assertEquals(min, FixedPoint.accToValue(-(1L << 60), N));
        // the largest fan-in sum the spec allows (65535 products of two 24-bit minimums) is exact
        Numerics wide = new Numerics(24, 20, 24, 20, 0, 0, 0, Rounding.NEAREST);
        long worst = 65535L * (1L << 23) * (1L << 23);
        assertEquals(wide.valueMax(), FixedPoint.accToValue(worst, wide));
        assertEquals(wide.valueMin(), FixedPoint.accToValue(-worst, wide));
    }

    @Test
    void roundHalfUpTiesGoTowardPlusInfinity() {
        assertEquals(1, FixedPoint.roundHalfUp(1, 1));    //  0.5  -> 1
        assertEquals(0, FixedPoint.roundHalfUp(-1, 1));   // -0.5  -> 0
        assertEquals(2, FixedPoint.roundHalfUp(3, 1));    //  1.5  -> 2
        assertEquals(-1, FixedPoint.roundHalfUp(-3, 1));  // -1.5  -> -1
        assertEquals(2, FixedPoint.roundHalfUp(6, 2));    //  1.5  -> 2
        assertEquals(3, FixedPoint.roundHalfUp(10, 2));   //  2.5  -> 3
        assertEquals(-1, FixedPoint.roundHalfUp(-6, 2));  // -1.5  -> -1
        assertEquals(-2, FixedPoint.roundHalfUp(-7, 2));  // -1.75 -> -2
        assertEquals(-2, FixedPoint.roundHalfUp(-10, 2)); // -2.5  -> -2
        assertEquals(1, FixedPoint.roundHalfUp(2047 + 1, 12));
        assertEquals(0, FixedPoint.roundHalfUp(2047, 12));
        assertEquals(0, FixedPoint.roundHalfUp(-2048, 12)); // -0.5 -> 0
        assertEquals(-1, FixedPoint.roundHalfUp(-2049, 12));
        assertEquals(-7, FixedPoint.roundHalfUp(-7, 0));
    }

    @Test
    void quantizationTiesSaturationAndSpecialValues() {
        double lsb = Math.scalb(1.0, -N.valueFrac());
        assertEquals(1229, FixedPoint.quantizeValue(0.3, N));
        assertEquals(-1229, FixedPoint.quantizeValue(-0.3, N));
        assertEquals(1, FixedPoint.quantizeValue(0.5 * lsb, N));
        assertEquals(0, FixedPoint.quantizeValue(-0.5 * lsb, N));
        assertEquals(2, FixedPoint.quantizeValue(1.5 * lsb, N));
        assertEquals(-1, FixedPoint.quantizeValue(-1.5 * lsb, N));
        assertEquals(N.valueOne(), FixedPoint.quantizeValue(1.0, N));
        assertEquals(32767, FixedPoint.quantizeValue(8.0, N));
        assertEquals(32767, FixedPoint.quantizeValue(32767.49 * lsb, N));
        assertEquals(-32768, FixedPoint.quantizeValue(-8.0, N));
        assertEquals(-32768, FixedPoint.quantizeValue(-9.0, N));
        assertEquals(32767, FixedPoint.quantizeValue(Double.POSITIVE_INFINITY, N));
        assertEquals(-32768, FixedPoint.quantizeValue(Double.NEGATIVE_INFINITY, N));
        assertEquals(0, FixedPoint.quantizeValue(Double.NaN, N));
        // section 5: the "+ 0.5" is one binary64 addition; (0.5 - 2^-54) + 0.5 rounds to 1.0 (ties to even)
        assertEquals(1, FixedPoint.quantizeValue(Math.scalb(0.49999999999999994, -N.valueFrac()), N));
    }

    @Test
    void roundIncrementNearestAndStochastic() {
        assertEquals(1, FixedPoint.roundIncrement(4, 3, false, 0));    //  0.5 -> 1
        assertEquals(0, FixedPoint.roundIncrement(-4, 3, false, 0));   // -0.5 -> 0
        assertEquals(0, FixedPoint.roundIncrement(3, 3, false, 0));
        assertEquals(-1, FixedPoint.roundIncrement(-5, 3, false, 0));
        assertEquals(-9, FixedPoint.roundIncrement(-9, 0, true, 12345));
        // stochastic: u = the dither's low 3 bits; bits above are ignored
        assertEquals(0, FixedPoint.roundIncrement(3, 3, true, 4));
        assertEquals(1, FixedPoint.roundIncrement(3, 3, true, 5));
        assertEquals(1, FixedPoint.roundIncrement(3, 3, true, 0xFFFF_FFF5));
        assertEquals(-1, FixedPoint.roundIncrement(-3, 3, true, 2));
        assertEquals(0, FixedPoint.roundIncrement(-3, 3, true, 3));
        // a 32-bit shift takes the whole dither word as an unsigned offset
        assertEquals(0, FixedPoint.roundIncrement(1, 32, true, 0xFFFF_FFFE));
        assertEquals(1, FixedPoint.roundIncrement(1, 32, true, 0xFFFF_FFFF));
        assertEquals(-1, FixedPoint.roundIncrement(-1, 32, true, 0));
        assertEquals(0, FixedPoint.roundIncrement(-1, 32, true, 1));
        assertEquals(0, FixedPoint.roundIncrement(-1, 32, true, 0x8000_0000), "read unsigned, not as -2^31");
    }

    @Test
    void initialAmplitudeAndUnsignedModulo() {
        assertEquals(5017, FixedPoint.initAmplitude(4, N));
        assertEquals(5793, FixedPoint.initAmplitude(3, N));
        assertEquals(1254, FixedPoint.initAmplitude(64, N));
        assertEquals(358, FixedPoint.initAmplitude(784, N));
        Numerics coarse = new Numerics(16, 12, 8, 0, 0, 0, 0, Rounding.STOCHASTIC);
        assertEquals(1, FixedPoint.initAmplitude(65535, coarse), "clamped up to 1");
        Numerics fine = new Numerics(16, 12, 8, 7, 0, 0, 4, Rounding.STOCHASTIC);
        assertEquals(127, FixedPoint.initAmplitude(1, fine), "clamped down to weightMax");
        // the word is unsigned: 0xFFFFFFFF mod 3 = 0, so -1 (a signed remainder would give -2)
        assertEquals(-1, FixedPoint.initWeight(-1, 1));
        assertEquals(0x8000_0000L % 10035 - 5017, FixedPoint.initWeight(0x8000_0000, 5017));
        assertEquals(3179 - 5017, FixedPoint.initWeight(0xC400_1ED0, 5017));
        assertEquals(-5017, FixedPoint.initWeight(0, 5017));
        assertEquals(5017, FixedPoint.initWeight(10034, 5017));
    }
}
