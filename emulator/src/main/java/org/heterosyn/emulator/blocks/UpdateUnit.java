package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Registers;
import org.heterosyn.numerics.StagedUpdate;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.Rule;

import java.util.List;

/**
 * Twin of rtl-gen's UpdateUnit (heterosyn_update_unit_*, instances u_eng.u_unit_&lt;l&gt;), one lane,
 * combinational. mac_o is the forward or feedback product; w_o/b_o the updated weights, in the
 * narrow form of SynapseUpdate:
 * <pre>
 *   w' = sat( w + ((((u - (w << da)) >> gs) - e*h) >> rest) ),   rest = shift - gs
 * </pre>
 * u is 2^(shift-1) (nearest) or the low shift bits of the synapse's dither word (stochastic). A
 * shared unit (plastic feedback in single-port SPRAM) has one update datapath, staged in two
 * cycles (StagedUpdate): {@link #stage} sets the registers dith_q (the dither of the coordinates
 * given) and, on stage_i, pre_q; {@link #staged} is stage 2 from pre_q.
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
    private final StagedUpdate su;
    /** dith, pre (Registers.updateUnit); the slots are scratch in a unit that is not staged. */
    private final RegFile regs;
    private final int dith;
    private final int pre;
    private final int preBits;
    private final boolean dithPresent;
    /** Test-only fault (CycleEmulator.injectUpdateFault): the synapse whose updates flip their lowest bit. */
    private int faultRow = -1;
    private int faultCol = -1;
    private boolean faultPending;
    private boolean faultStaged;

    UpdateUnit(Layout lay) {
        DesignSpec spec = lay.spec();
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
        su = StagedUpdate.of(n, decays);
        List<Registers.Decl> table = Registers.updateUnit(lay);
        regs = new RegFile(table);
        dith = regs.slot("dith");
        pre = regs.slot("pre");
        preBits = su.preBits();
        dithPresent = Registers.find(table, "dith").present();
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

    /**
     * A staged unit's registers this cycle: dith_q takes the dither of (key, row, col), the next
     * stage 1's coordinates; on stage_i, pre_q takes stage 1 from dith_q and prod = e*h.
     * (synRow, synCol): the lane's W synapse in the issued chunk, for the test-only fault.
     */
    void stage(boolean stage_i, int key, int row, int col, long prod, int synRow, int synCol) {
        regs.hold();
        if (dithPresent) regs.d[dith] = DitherMix.dither(key, row, col) & ditherMask;
        if (!stage_i) return;
        long u = shift == 0 ? 0 : dithPresent ? regs.q[dith] : 1L << (shift - 1);
        regs.d[pre] = su.pre(u, prod);
        // The fault marks stage 1 in the lane and chunk of W synapse (synRow, synCol); its stage 2 flips the bit.
        faultPending = synRow == faultRow && synCol == faultCol;
    }

    /** Stage 2: the updated weight x (W, or B when bsel_i) from pre_q. */
    int staged(int x) {
        int next = su.apply(Hw.sext(regs.q[pre], preBits), x);
        return faultStaged ? next ^ 1 : next;
    }

    void commit() {
        regs.commit(false);
        faultStaged = faultPending;
    }

    void name(NamedState n, String at) { regs.name(n, at); }

    void injectFault(int row, int col) {
        faultRow = row;
        faultCol = col;
    }
}
