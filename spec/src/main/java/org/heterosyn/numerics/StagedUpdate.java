package org.heterosyn.numerics;

import org.heterosyn.spec.Numerics;

/**
 * SynapseUpdate split in two clock cycles, the form the staged update unit computes (docs/numerics.md,
 * "Staged form"). With rest = shift - gs and the narrow form w' = sat(w + ((((u - (w << da)) >> gs) -
 * e*h) >> rest)), floor(floor(x/a)/b) = floor(x/(ab)) gives
 * <pre>
 *   w' = sat( floor((u - (e*h << gs) + w * (2^shift - 2^da)) / 2^shift) )     (no decay: 2^shift - 0)
 * </pre>
 * The w terms are multiples of 2^z (z = da with decay, else shift), so their low z bits are zero and
 * <pre>
 *   pre = (u - (e*h << gs)) >> z                                             stage 1, before w is read
 *   w'  = sat( (pre + (w << (shift - z)) - (decay ? w : 0)) >> (shift - z) )  stage 2
 * </pre>
 * Both are exact integer identities of SynapseUpdate: same bits, a shorter path per cycle.
 */
public record StagedUpdate(int shift, int gs, int da, int z, boolean decays, int valueBits, int weightBits) {

    public static StagedUpdate of(Numerics n, boolean decays) {
        int shift = n.updateShift(decays);
        int da = 2 * n.valueFrac() - n.weightFrac();
        return new StagedUpdate(shift, decays ? n.decayShift() : 0, da, decays ? da : shift, decays,
                n.valueBits(), n.weightBits());
    }

    /** Bits of u as a signed number: the low shift bits of the dither, or 2^(shift-1), plus a sign. */
    public int offsetBits() { return shift + 1; }

    /** Bits of the signed product e*h (the full product of two values). */
    public int productBits() { return 2 * valueBits; }

    /** Bits of pre: (u - (e*h << gs)) >> z, as FIRRTL sizes a subtraction and a right shift. */
    public int preBits() {
        return Math.max(1, Math.max(offsetBits(), productBits() + gs) + 1 - z);
    }

    /** Stage 1. */
    public long pre(long u, long prod) {
        return (u - (prod << gs)) >> z;
    }

    /** Stage 2: the updated weight from stage 1's pre and the weight w. */
    public int apply(long pre, int w) {
        long s = pre + ((long) w << (shift - z)) - (decays ? w : 0);
        long max = (1L << (weightBits - 1)) - 1;
        return (int) FixedPoint.saturate(s >> (shift - z), -max - 1, max);
    }
}
