package org.heterosyn.numerics;

import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rounding;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/numerics.md section 9: the one rounding, its ties, its bias, and saturation. */
@Tag("unit")
class SynapseUpdateTest {
    private static final Numerics N = Numerics.defaults();
    private static final Numerics NEAREST = N.withRounding(Rounding.NEAREST);

    @Test
    void updateShifts() {
        assertEquals(28, new SynapseUpdate(N, true).shift());
        assertEquals(19, new SynapseUpdate(N, false).shift());
    }

    @Test
    void saturatesAtBothEndsWithLargeIncrements() {
        long vMin = N.valueMin();
        long vMax = N.valueMax();
        for (Numerics n : new Numerics[] {N, NEAREST}) {
            for (boolean decays : new boolean[] {false, true}) {
                SynapseUpdate u = new SynapseUpdate(n, decays);
                for (int d : new int[] {0, -1, 0x1234_5678}) {
                    // p = e*h < 0 pushes the weight up, p > 0 pushes it down
                    assertEquals(n.weightMax(), u.apply(n.weightMax(), vMin * vMax, d));
                    assertEquals(n.weightMax(), u.apply(n.weightMax() - 1, vMin * vMax, d));
                    assertEquals(n.weightMax(), u.apply(n.weightMax() - 1000, vMin * vMax, d));
                    assertEquals(n.weightMin(), u.apply(n.weightMin(), vMin * vMin, d));
                    assertEquals(n.weightMin(), u.apply(n.weightMin() + 1, vMax * vMax, d));
                    assertEquals(n.weightMin(), u.apply(n.weightMin() + 1000, vMin * vMin, d));
                    // the same product from mid-range moves by about 2048 LSB and does not saturate
                    long mid = u.apply(0, vMin * vMin, d);
                    assertTrue(mid > n.weightMin() && mid < -2000, "mid=" + mid);
                }
            }
        }
        // one LSB below the top: +1 lands exactly on weightMax, +2 saturates rather than wrapping
        SynapseUpdate plain = new SynapseUpdate(NEAREST, false);
        long oneLsb = -(1L << 19);
        assertEquals(NEAREST.weightMax(), plain.apply(NEAREST.weightMax() - 1, oneLsb, 0));
        assertEquals(NEAREST.weightMax(), plain.apply(NEAREST.weightMax() - 1, 2 * oneLsb, 0));
        assertEquals(NEAREST.weightMin(), plain.apply(NEAREST.weightMin() + 1, -2 * oneLsb, 0));
    }

    @Test
    void widestFormatsDoNotOverflow() {
        // 2*valueBits + decayShift = 62: e*h*2^decayShift = 2^60, the largest the spec admits
        Numerics n = new Numerics(24, 8, 16, 12, 0, 14, 4, Rounding.NEAREST);
        SynapseUpdate u = new SynapseUpdate(n, true);
        long p = n.valueMin() * n.valueMin();
        assertEquals(1L << 60, p << 14);
        assertEquals(n.weightMin(), u.apply(100, p, 0));
        assertEquals(n.weightMax(), u.apply(-100, n.valueMin() * n.valueMax(), 0));
        Numerics s = n.withRounding(Rounding.STOCHASTIC);
        assertEquals(n.weightMin(), new SynapseUpdate(s, true).apply(n.weightMax(), p, -1));
    }

    @Test
    void nearestTiesRoundUp() {
        SynapseUpdate kp = new SynapseUpdate(NEAREST, true);
        // S = 28: p = -2^18 gives num = +2^27 = +0.5 LSB, p = +2^18 gives -0.5 LSB
        assertEquals(1, kp.apply(0, -(1L << 18), 0));
        assertEquals(0, kp.apply(0, 1L << 18, 0));
        SynapseUpdate bp = new SynapseUpdate(NEAREST, false);
        assertEquals(0, bp.apply(0, 1L << 18, 0));          // -0.5 -> 0
        assertEquals(1, bp.apply(0, -(1L << 18), 0));       // +0.5 -> 1
        assertEquals(-1, bp.apply(0, 3L << 18, 0));         // -1.5 -> -1
        assertEquals(2, bp.apply(0, -(3L << 18), 0));       // +1.5 -> 2
        assertEquals(0, bp.apply(0, (1L << 18) - 1, 0));    // just above -0.5
        assertEquals(-1, bp.apply(0, (1L << 18) + 1, 0));   // just below -0.5
        // ties made of both terms: 0.75 LSB gradient - 0.25 LSB decay = +0.5 -> +1 ...
        assertEquals(16384 + 1, kp.apply(16384, -(3L << 17), 0));
        // ... and -0.25 - 0.25 = -0.5 -> 0
        assertEquals(16384, kp.apply(16384, 1L << 17, 0));
    }

    @Test
    void oneRoundingOfTheWholeIncrement() {
        // gradient +0.5 LSB and decay -0.25 LSB: rounded separately 1 + 0 = 1, rounded once 0.25 -> 0
        SynapseUpdate kp = new SynapseUpdate(NEAREST, true);
        assertEquals(-(1L << 27) * -1 - (16384L << 12), kp.exactIncrement(16384, -(1L << 18)));
        assertEquals(16384, kp.apply(16384, -(1L << 18), 0));
        // decay alone (p = 0) below half an LSB vanishes under nearest for every weight but -2^15
        for (long w = NEAREST.weightMin() + 1; w <= NEAREST.weightMax(); w += 97) {
            assertEquals(w, kp.apply(w, 0, 0));
        }
        assertEquals(NEAREST.weightMin() + 1, kp.apply(NEAREST.weightMin(), 0, 0));
    }

    /** Hermite: the sum over all 2^S offsets u of floor((num + u) / 2^S) is exactly num. */
    @Test
    void stochasticRoundingIsExactlyUnbiasedOverAllDithers() {
        Numerics small = new Numerics(8, 4, 8, 6, 1, 2, 0, Rounding.STOCHASTIC);
        for (boolean decays : new boolean[] {false, true}) {
            SynapseUpdate u = new SynapseUpdate(small, decays);
            int s = u.shift();
            assertEquals(decays ? 5 : 3, s);
            for (long w = -50; w <= 50; w += 7) {
                for (long p = -400; p <= 400; p += 13) {
                    long sum = 0;
                    for (int d = 0; d < (1 << s); d++) {
                        long next = u.apply(w, p, d);
                        assertEquals(next, u.apply(w, p, d | (0x5A5A_5A5A << s)), "bits above S are ignored");
                        sum += next - w;
                    }
                    assertEquals(u.exactIncrement(w, p), sum, "w=" + w + " p=" + p);
                }
            }
        }
    }

    /** With the real dither hash: a decay of -0.0153 LSB happens on 1.53% of 65536 synapses. */
    @Test
    void hashedDitherGivesTheExpectedRate() {
        SynapseUpdate kp = new SynapseUpdate(N, true);
        int key = DitherHash.sampleKey(1, 12345, 1, DitherHash.MATRIX_B);
        int decayed = 0;
        for (int r = 0; r < 256; r++) {
            for (int c = 0; c < 256; c++) {
                long next = kp.apply(1000, 0, DitherHash.dither(key, r, c));
                assertTrue(next == 1000 || next == 999);
                if (next == 999) decayed++;
            }
        }
        double expected = 1000.0 * (1 << 12) / (1 << 28);
        assertEquals(expected, decayed / 65536.0, 0.002, "binomial sigma is 0.0005");
    }

    @Test
    void zeroProductIsANoOpWithoutDecay() {
        for (Numerics n : new Numerics[] {N, NEAREST}) {
            SynapseUpdate u = new SynapseUpdate(n, false);
            assertTrue(u.zeroProductIsNoop());
            for (int d : new int[] {0, -1, 0x7FFF_FFFF, 0x8000_0000, 0x0007_FFFF}) {
                assertEquals(n.weightMin(), u.apply(n.weightMin(), 0, d));
                assertEquals(n.weightMax(), u.apply(n.weightMax(), 0, d));
                assertEquals(-123, u.apply(-123, 0, d));
            }
        }
        assertFalse(new SynapseUpdate(N, true).zeroProductIsNoop());
    }

    @Test
    void workedExampleOfTheDocument() {
        // docs/numerics.md sections 9 and 16: W_1[0][1] of tiny.json in its first train command
        assertEquals(10332226560L, new SynapseUpdate(N, true).exactIncrement(-3309, -20153658L));
        assertEquals(-3270, new SynapseUpdate(N, true).apply(-3309, -20153658L, 0x2BA3C173));
        assertEquals(-3271, new SynapseUpdate(NEAREST, true).apply(-3309, -20153658L, 0x2BA3C173));
        // a decay of -0.0273 LSB: u = 6235346 < 7340032 rounds it to -1, u = 70561849 to 0
        assertEquals(1791, new SynapseUpdate(N, true).apply(1792, 0, 0x705F24D2));
        assertEquals(1792, new SynapseUpdate(N, true).apply(1792, 0, 0x8434B039));
    }
}
