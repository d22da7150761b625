package org.heterosyn.numerics;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rounding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The integer operations agree with their definitions in docs/numerics.md for arbitrary inputs. */
@Tag("unit")
class NumericsPropertyTest {

    @Property(tries = 2000)
    void roundHalfUpIsFloorOfXPlusHalf(@ForAll @LongRange(min = -(1L << 60), max = 1L << 60) long x,
                                       @ForAll @IntRange(min = 1, max = 30) int s) {
        // floor(x / 2^s + 1/2) = floor((2x + 2^s) / 2^(s+1))
        assertEquals(Math.floorDiv(2 * x + (1L << s), 1L << (s + 1)), FixedPoint.roundHalfUp(x, s));
    }

    @Property(tries = 2000)
    void mixRoundTrips(@ForAll int x) {
        assertEquals(x, DitherHashTest.unmix(DitherHash.mix(x)));
    }

    /** apply is exactly sat(w + round(num)) with the rounding of FixedPoint.roundIncrement, in every format. */
    @Property(tries = 2000)
    void applyIsSaturatedRoundedIncrement(@ForAll("numerics") Numerics n, @ForAll boolean decays,
                                          @ForAll long seed, @ForAll int dither) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        long w = rnd.nextLong(n.weightMin(), n.weightMax() + 1);
        long e = pick(rnd, n.valueMin(), n.valueMax());
        long h = pick(rnd, n.valueMin(), n.valueMax());
        SynapseUpdate u = new SynapseUpdate(n, decays);
        long num = u.exactIncrement(w, e * h);
        long expected = FixedPoint.saturateWeight(
                w + FixedPoint.roundIncrement(num, u.shift(), n.rounding() == Rounding.STOCHASTIC, dither), n);
        long got = u.apply(w, e * h, dither);
        assertEquals(expected, got, () -> n + " w=" + w + " e=" + e + " h=" + h);
        assertTrue(got >= n.weightMin() && got <= n.weightMax());
        // exact value: num / 2^S; the rounded increment is within one LSB of it (when not saturated)
        if (got > n.weightMin() && got < n.weightMax()) {
            double exact = Math.scalb((double) num, -u.shift());
            assertTrue(Math.abs((got - w) - exact) <= 1.0, () -> "inc " + (got - w) + " exact " + exact);
        }
    }

    /** The staged unit's two cycles compute SynapseUpdate's bits, and pre fits its register. */
    @Property(tries = 3000)
    void stagedUpdateIsSynapseUpdate(@ForAll("numerics") Numerics n, @ForAll boolean decays,
                                     @ForAll long seed, @ForAll int dither) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        long w = pick(rnd, n.weightMin(), n.weightMax());
        long eh = pick(rnd, n.valueMin(), n.valueMax()) * pick(rnd, n.valueMin(), n.valueMax());
        SynapseUpdate ref = new SynapseUpdate(n, decays);
        StagedUpdate su = StagedUpdate.of(n, decays);
        int s = su.shift();
        long u = s == 0 ? 0 : n.rounding() == Rounding.STOCHASTIC ? dither & ((1L << s) - 1) : 1L << (s - 1);
        long pre = su.pre(u, eh);
        assertTrue(pre >= -(1L << (su.preBits() - 1)) && pre < 1L << (su.preBits() - 1), () -> n + " pre " + pre);
        assertEquals(ref.apply(w, eh, dither), su.apply(pre, (int) w), () -> n + " w=" + w + " eh=" + eh);
    }

    @Property(tries = 300)
    void initialWeightsLieWithinTheAmplitude(@ForAll int word, @ForAll @IntRange(min = 1, max = 65535) int fanIn) {
        long a = FixedPoint.initAmplitude(fanIn, Numerics.defaults());
        long wgt = FixedPoint.initWeight(word, a);
        assertTrue(wgt >= -a && wgt <= a);
        assertEquals(Long.remainderUnsigned(word & 0xFFFF_FFFFL, 2 * a + 1), wgt + a);
    }

    private static long pick(java.util.SplittableRandom rnd, long lo, long hi) {
        return switch (rnd.nextInt(6)) {
            case 0 -> lo;
            case 1 -> hi;
            case 2 -> 0;
            default -> rnd.nextLong(lo, hi + 1);
        };
    }

    @Provide
    Arbitrary<Numerics> numerics() {
        return org.heterosyn.spec.SpecJsonPropertyTest.numerics();
    }
}
