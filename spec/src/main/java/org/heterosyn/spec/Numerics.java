package org.heterosyn.spec;

/**
 * The fixed-point formats and learning-rate shifts of a design (docs/numerics.md).
 *
 * <p>Values (inputs, activations, errors) are signed {@code valueBits}-bit integers with
 * {@code valueFrac} fraction bits; weights likewise with {@code weightBits}/{@code weightFrac}.
 * The learning rate is eta = 2^-etaShift, the decay lambda = 2^-decayShift (rules that decay),
 * and sign-symmetric feedback has magnitude 2^-feedbackShift.
 */
public record Numerics(int valueBits, int valueFrac, int weightBits, int weightFrac,
                       int etaShift, int decayShift, int feedbackShift, Rounding rounding) {

    /** Widest format whose products and fan-in sums stay inside a Java long (docs/numerics.md). */
    public static final int MAX_BITS = 24;
    /** The dither is one 32-bit hash word, so at most 32 bits can be rounded away. */
    public static final int MAX_UPDATE_SHIFT = 32;
    public static final int MAX_LEARNING_SHIFT = 24;
    /** Bound on 2*valueBits + decayShift: the exact weight increment then fits a signed 64-bit integer. */
    public static final int MAX_INCREMENT_BITS = 62;

    public Numerics {
        if (rounding == null) throw new SpecException("numerics.rounding: missing; allowed: [nearest, stochastic]");
        range("numerics.valueBits", valueBits, 4, MAX_BITS);
        range("numerics.weightBits", weightBits, 4, MAX_BITS);
        // One fraction bit less than the width minus sign so that 1.0 (the one-hot target) is representable.
        range("numerics.valueFrac", valueFrac, 0, valueBits - 2);
        range("numerics.weightFrac", weightFrac, 0, weightBits - 1);
        range("numerics.etaShift", etaShift, 0, MAX_LEARNING_SHIFT);
        range("numerics.decayShift", decayShift, 0, MAX_LEARNING_SHIFT);
        range("numerics.feedbackShift", feedbackShift, 0, weightFrac);
        if (2 * valueFrac < weightFrac) {
            throw new SpecException("numerics.weightFrac: " + weightFrac + " exceeds 2*valueFrac = " + (2 * valueFrac)
                    + "; the product e*h must carry at least the weight's fraction bits");
        }
        // |e*h*2^decayShift| <= 2^(2*valueBits - 2 + decayShift) <= 2^60, so the exact increment, its decay
        // term and the rounding offset add up inside a signed 64-bit integer (docs/numerics.md, "Widths").
        int maxDecay = Math.min(MAX_LEARNING_SHIFT, MAX_INCREMENT_BITS - 2 * valueBits);
        if (decayShift > maxDecay) {
            throw new SpecException("numerics.decayShift: " + decayShift + " is out of range [0, " + maxDecay
                    + "] for valueBits " + valueBits + " (2*valueBits + decayShift must not exceed "
                    + MAX_INCREMENT_BITS + ", the width of the exact weight increment)");
        }
        int worst = 2 * valueFrac - weightFrac + etaShift + decayShift;
        if (worst > MAX_UPDATE_SHIFT) {
            throw new SpecException("numerics: 2*valueFrac - weightFrac + etaShift + decayShift = " + worst
                    + " exceeds " + MAX_UPDATE_SHIFT + " (the dither is one 32-bit word); lower etaShift or decayShift");
        }
    }

    /** 16-bit values and weights with 12 fraction bits, eta = 2^-7, lambda = 2^-9, stochastic rounding. */
    public static Numerics defaults() {
        return new Numerics(16, 12, 16, 12, 7, 9, 4, Rounding.STOCHASTIC);
    }

    public Numerics withRounding(Rounding r) {
        return new Numerics(valueBits, valueFrac, weightBits, weightFrac, etaShift, decayShift, feedbackShift, r);
    }

    public Numerics withShifts(int eta, int decay) {
        return new Numerics(valueBits, valueFrac, weightBits, weightFrac, eta, decay, feedbackShift, rounding);
    }

    /**
     * Fraction bits of the exact weight increment before its one rounding, minus the weight's
     * fraction bits: the number of bits the update rounds away (docs/numerics.md, "Weight update").
     */
    public int updateShift(boolean decays) {
        return 2 * valueFrac - weightFrac + etaShift + (decays ? decayShift : 0);
    }

    public long valueMax() { return (1L << (valueBits - 1)) - 1; }

    public long valueMin() { return -(1L << (valueBits - 1)); }

    public long weightMax() { return (1L << (weightBits - 1)) - 1; }

    public long weightMin() { return -(1L << (weightBits - 1)); }

    /** 1.0 in the value format. */
    public long valueOne() { return 1L << valueFrac; }

    public double eta() { return Math.scalb(1.0, -etaShift); }

    public double lambda() { return Math.scalb(1.0, -decayShift); }

    static void range(String field, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new SpecException(field + ": " + v + " is out of range [" + lo + ", " + hi + "]");
        }
    }
}
