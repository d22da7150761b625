package org.heterosyn.numerics;

import org.heterosyn.spec.Numerics;

/**
 * The update of one synapse, w' = sat(w + round(-eta*e*h - eta*lambda*w)), with the whole increment
 * formed exactly as an integer before its one rounding (docs/numerics.md, "Weight update").
 *
 * <pre>
 *   num = -(e*h) * 2^decayShift - w * 2^(2*valueFrac - weightFrac)   (decay term only if the rule decays)
 *   inc = round(num / 2^shift),  shift = 2*valueFrac - weightFrac + etaShift (+ decayShift)
 * </pre>
 */
public final class SynapseUpdate {
    private final int gradShift;
    private final int decayAlign;
    private final int shift;
    private final boolean decays;
    private final boolean stochastic;
    private final long wMin;
    private final long wMax;

    public SynapseUpdate(Numerics n, boolean decays) {
        this.decays = decays;
        this.gradShift = decays ? n.decayShift() : 0;
        this.decayAlign = 2 * n.valueFrac() - n.weightFrac();
        this.shift = n.updateShift(decays);
        this.stochastic = n.rounding() == org.heterosyn.spec.Rounding.STOCHASTIC;
        this.wMin = n.weightMin();
        this.wMax = n.weightMax();
    }

    /** The exact increment before rounding, in units of 2^-(weightFrac + shift). */
    public long exactIncrement(long w, long eh) {
        long num = -(eh << gradShift);
        if (decays) num -= w << decayAlign;
        return num;
    }

    /** The new weight; {@code eh} is the raw product e*h, {@code dither} the synapse's dither word. */
    public long apply(long w, long eh, int dither) {
        long inc = FixedPoint.roundIncrement(exactIncrement(w, eh), shift, stochastic, dither);
        long next = w + inc;
        return next < wMin ? wMin : (next > wMax ? wMax : next);
    }

    /** True when a zero product leaves the weight unchanged, so a zero error row can be skipped. */
    public boolean zeroProductIsNoop() { return !decays; }

    public int shift() { return shift; }

    public boolean stochastic() { return stochastic; }
}
