package org.heterosyn.numerics;

import org.heterosyn.spec.Numerics;

/**
 * The integer operations of the bit-exact contract (docs/numerics.md). All values are raw two's
 * complement integers; a value v with f fraction bits means v * 2^-f.
 */
public final class FixedPoint {
    private FixedPoint() {}

    public static long saturate(long x, long min, long max) {
        return x < min ? min : (x > max ? max : x);
    }

    /** floor(x / 2^s + 1/2): round half up, the rounding of every rescale except weight updates. */
    public static long roundHalfUp(long x, int s) {
        return s == 0 ? x : (x + (1L << (s - 1))) >> s;
    }

    /** An accumulator of products (weight x value) rescaled to the value format and saturated. */
    public static long accToValue(long acc, Numerics n) {
        return saturate(roundHalfUp(acc, n.weightFrac()), n.valueMin(), n.valueMax());
    }

    public static long saturateValue(long x, Numerics n) {
        return saturate(x, n.valueMin(), n.valueMax());
    }

    public static long saturateWeight(long x, Numerics n) {
        return saturate(x, n.weightMin(), n.weightMax());
    }

    /** A real number to the value format: floor(x * 2^valueFrac + 1/2), saturated (host side). */
    public static long quantizeValue(double x, Numerics n) {
        double scaled = Math.floor(Math.scalb(x, n.valueFrac()) + 0.5);
        if (scaled >= n.valueMax()) return n.valueMax();
        if (scaled <= n.valueMin()) return n.valueMin();
        return (long) scaled;
    }

    /**
     * The one rounding of a weight update: the exact increment {@code num} carries {@code shift} more
     * fraction bits than the weight. Nearest is floor(num/2^s + 1/2); stochastic is
     * floor(num/2^s + u) with u = (dither mod 2^s) / 2^s, unbiased over the dither.
     */
    public static long roundIncrement(long num, int shift, boolean stochastic, int dither) {
        if (shift == 0) return num;
        if (!stochastic) return (num + (1L << (shift - 1))) >> shift;
        long u = (dither & 0xFFFF_FFFFL) & ((1L << shift) - 1);
        return (num + u) >> shift;
    }

    /** The weight's own amplitude for initialisation: round(sqrt(6 / fanIn) * 2^weightFrac), saturated. */
    public static long initAmplitude(int fanIn, Numerics n) {
        long a = (long) Math.floor(Math.sqrt(6.0 / fanIn) * Math.scalb(1.0, n.weightFrac()) + 0.5);
        return Math.min(Math.max(a, 1), n.weightMax());
    }

    /** A uniform initial weight in [-A, A]: (word mod (2A+1)) - A, the word read as unsigned. */
    public static long initWeight(int word, long amplitude) {
        return Long.remainderUnsigned(word & 0xFFFF_FFFFL, 2 * amplitude + 1) - amplitude;
    }
}
