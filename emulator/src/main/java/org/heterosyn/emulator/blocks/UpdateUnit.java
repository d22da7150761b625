package org.heterosyn.emulator.blocks;

import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.Rule;

/**
 * Twin of rtl-gen's UpdateUnit (heterosyn_update_unit_*, instances u_eng.u_unit_&lt;l&gt;), one lane,
 * combinational. mac_o is the forward or feedback product; w_o/b_o the updated weights, in the
 * narrow form of SynapseUpdate:
 * <pre>
 *   w' = sat( w + ((((u - (w << da)) >> gs) - e*h) >> rest) ),   rest = shift - gs
 * </pre>
 * u is 2^(shift-1) (nearest) or the low shift bits of the synapse's dither word (stochastic). A
 * shared unit (plastic feedback in single-port SPRAM) has one update datapath: bsel_i = 1 updates b_i
 * with the W coordinates swapped, under the B key.
 */
final class UpdateUnit {
    private final boolean signSymmetric;
    private final boolean storesFeedback;
    private final boolean stochastic;
    private final boolean decays;
    private final int weightBits;
    private final int feedbackScale;
    private final int shift;
    private final int gs;
    private final int da;
    private final long ditherMask;
    /** Test-only fault (CycleEmulator.injectUpdateFault): the synapse whose updates flip their lowest bit. */
    private int faultRow = -1;
    private int faultCol = -1;

    UpdateUnit(DesignSpec spec) {
        Numerics n = spec.numerics();
        Rule rule = spec.rule();
        signSymmetric = rule == Rule.SS;
        storesFeedback = rule.storesFeedback();
        stochastic = n.rounding() == Rounding.STOCHASTIC;
        decays = rule.decays();
        weightBits = n.weightBits();
        feedbackScale = n.weightFrac() - n.feedbackShift();
        shift = n.updateShift(decays);
        gs = decays ? n.decayShift() : 0;
        da = 2 * n.valueFrac() - n.weightFrac();
        ditherMask = Hw.mask(shift);
    }

    /** True when W and B share one update datapath (rtl-gen's UpdateUnit.shared). */
    static boolean shared(DesignSpec spec) {
        return spec.rule().plasticFeedback() && spec.memory() == MemoryStyle.SPRAM;
    }

    /**
     * mac_o. Forward: W*h. Feedback: W*e (bp), B*e (stored B), or sign(W) * 2^(wf - fs) * e (ss).
     */
    long mac_o(boolean fwd_i, int w_i, int b_i, int h_i, int e_i) {
        if (signSymmetric) {
            if (fwd_i) return (long) w_i * h_i;
            long scaled = (long) e_i << feedbackScale;
            return w_i > 0 ? scaled : (w_i < 0 ? -scaled : 0);
        }
        int a = storesFeedback && !fwd_i ? b_i : w_i;
        return (long) a * (fwd_i ? h_i : e_i);
    }

    /**
     * The updated weight (w_o, or b_o with the B key and the coordinates swapped) for weight w, the
     * product prod = e*h and synapse (row, col) under key (u_dither_*: DitherMix).
     */
    int update(int w, long prod, int key, int row, int col) {
        long u;
        if (shift == 0) {
            u = 0;
        } else if (stochastic) {
            u = (DitherMix.dither(key, row, col) & 0xFFFF_FFFFL) & ditherMask;
        } else {
            u = 1L << (shift - 1);
        }
        long first = decays ? u - ((long) w << da) : u;
        long inc = ((first >> gs) - prod) >> (shift - gs);
        int next = (int) Hw.saturate(w + inc, weightBits);
        return row == faultRow && col == faultCol ? next ^ 1 : next;
    }

    void injectFault(int row, int col) {
        faultRow = row;
        faultCol = col;
    }
}
