package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Registers;
import org.heterosyn.numerics.DitherHash;
import org.heterosyn.numerics.StagedUpdate;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.Rule;

import java.util.List;

/**
 * One lane's synapse unit. It holds the lane's two multipliers: the weight-times-value product of
 * the forward and feedback sums (mac_o), and the local product e_i * h_j that drives the update of
 * W[i][j] and, for plastic feedback, of the mirrored B[j][i]. The update is SynapseUpdate in the
 * narrow form (exact, fewer bits than forming num = -(e*h << gs) - (w << da) first):
 *
 * <pre>
 *   w' = sat( w + ((((u - (w << da)) >> gs) - e*h) >> rest) ),   rest = shift - gs
 * </pre>
 *
 * with u the rounding offset: 2^(shift-1) for nearest, the low {@code shift} bits of the synapse's
 * dither word for stochastic rounding.
 *
 * <p>With plastic feedback a generic-memory unit updates W and B in the same cycle (w_o, b_o). An
 * SPRAM unit writes W' and B' in different slot cycles anyway, so it has one update datapath and
 * one dither mix, shared, and staged in two cycles (StagedUpdate): every cycle dith_q takes the low
 * bits of the dither of (key_i, row_i, col_i), the coordinates of the next stage 1; on stage_i,
 * pre_q takes stage 1 from dith_q and e*h, before the weight is read; w_o is stage 2 from pre_q
 * and w_i, or b_i when bsel_i. So no path runs from the coordinates through the dither, the
 * product and the increment to the memory in one cycle.
 */
public final class UpdateUnit {
    private UpdateUnit() {}

    /**
     * The unit's module name; {@code updatesB} false is the variant for lanes that hold no B (a
     * fully parallel array whose feedback matrices have fewer synapses than lanes).
     */
    public static String name(DesignSpec spec, boolean updatesB) {
        Numerics n = spec.numerics();
        String variant = !spec.rule().plasticFeedback() ? "" : Layout.sharedUpdate(spec) ? "_shared" : updatesB ? "" : "_wonly";
        return "heterosyn_update_unit_" + spec.rule().id() + "_" + n.rounding().id() + variant
                + "_W" + n.weightBits() + "_V" + n.valueBits();
    }

    public static ModuleDef build(Circuit c, DesignSpec spec, boolean updatesB) {
        String name = name(spec, updatesB);
        if (c.has(name)) return c.get(name);
        Numerics n = spec.numerics();
        Rule rule = spec.rule();
        boolean stochastic = n.rounding() == Rounding.STOCHASTIC;
        boolean shared = Layout.sharedUpdate(spec);
        ModuleDef mix = stochastic ? DitherMix.build(c) : null;
        Module m = new Module(name);
        Expr clk = shared ? m.input("clk_i", Type.clock()) : null;
        Expr stage = shared ? m.input("stage_i", Type.bool()) : null;
        Type weight = Type.sint(n.weightBits());
        Type value = Type.sint(n.valueBits());
        Type word = Type.uint(Layout.WORD_BITS);
        Type index = Type.uint(DitherHash.INDEX_BITS);
        Expr w = m.input("w_i", weight);
        Expr b = rule.storesFeedback() ? m.input("b_i", weight) : null;
        Expr h = m.input("h_i", value);
        Expr e = m.input("e_i", value);
        Expr fwd = m.input("fwd_i", Type.bool());
        Expr bsel = shared ? m.input("bsel_i", Type.bool()) : null;
        Expr key = stochastic && shared ? m.input("key_i", word) : null;
        Expr keyW = stochastic && !shared ? m.input("key_w_i", word) : null;
        Expr keyB = stochastic && !shared && rule.plasticFeedback() ? m.input("key_b_i", word) : null;
        Expr row = stochastic ? m.input("row_i", index) : null;
        Expr col = stochastic ? m.input("col_i", index) : null;

        Expr.Ref wOut = m.output("w_o", weight);
        Expr.Ref bOut = rule.plasticFeedback() && !shared && updatesB ? m.output("b_o", weight) : null;
        // Forward: W*h. Feedback: W*e (bp), B*e (stored B), or sign(W) * 2^(wf - fs) * e (ss).
        // The multiplier's operands: (w, h) for ss, whose feedback needs none; else W or B times h or e.
        Expr sign = null;
        if (rule == Rule.SS) {
            Expr scaled = e.shl(n.weightFrac() - n.feedbackShift());
            sign = Expr.mux(w.gt(Expr.s(0, 1)), scaled, Expr.mux(w.lt(Expr.s(0, 1)), scaled.neg(), Expr.s(0, 1)));
        }
        Expr ma = rule == Rule.SS || !rule.storesFeedback() ? w : Expr.mux(fwd, w, b);
        Expr mb = rule == Rule.SS ? h : Expr.mux(fwd, h, e);
        // Every port precedes the body (the multiplier instances), so mac_o's type comes from the widths.
        Type product = Type.sint(ma.width() + mb.width());
        Expr.Ref macOut = m.output("mac_o", sign == null ? product : Expr.mux(fwd, Expr.s(0, product.width()), sign).type());
        Expr mul = SignedMultiplier.product(c, m, "u_mac", ma, mb);
        Expr mac = sign == null ? mul : Expr.mux(fwd, mul, sign);
        m.connect(macOut, mac);

        Expr prod = m.node("prod", SignedMultiplier.product(c, m, "u_prod", e, h));
        boolean decays = rule.decays();
        if (shared) {
            Expr dither = stochastic ? dither(m, mix, "u_dither", key, row, col) : null;
            m.connect(wOut, staged(m, new Layout(spec), clk, stage, dither, prod, Expr.mux(bsel, b, w)));
        } else {
            Expr ditherW = stochastic ? dither(m, mix, "u_dither_w", keyW, row, col) : null;
            m.connect(wOut, update(m, "w", w, prod, ditherW, n, decays));
            if (bOut != null) {
                Expr ditherB = stochastic ? dither(m, mix, "u_dither_b", keyB, col, row) : null;
                m.connect(bOut, update(m, "b", b, prod, ditherB, n, decays));
            }
        }
        c.add(m);
        return m;
    }

    private static Expr dither(Module m, ModuleDef mix, String inst, Expr key, Expr row, Expr col) {
        Module.Instance u = m.instance(inst, mix);
        m.connect(u.port("key_i"), key);
        m.connect(u.port("row_i"), row);
        m.connect(u.port("col_i"), col);
        return u.port("dither_o");
    }

    /** StagedUpdate: dith_q and pre_q (Registers.updateUnit), then stage 2 from pre_q and the weight x. */
    private static Expr staged(Module m, Layout lay, Expr clk, Expr stage, Expr dither, Expr prod, Expr x) {
        DesignSpec spec = lay.spec();
        StagedUpdate su = StagedUpdate.of(spec.numerics(), spec.rule().decays());
        List<Registers.Decl> regs = Registers.updateUnit(lay);
        Registers.Decl dithDecl = Registers.find(regs, "dith");
        Expr u;
        if (dithDecl.present()) {
            Expr.Ref dith = m.reg(dithDecl.q(), Type.uint(dithDecl.width()), clk);
            m.connect(dith, dither.bits(su.shift() - 1, 0));
            u = dith.cvt();
        } else {
            u = su.shift() == 0 ? Expr.s(0, 1) : Expr.s(1L << (su.shift() - 1), su.offsetBits());
        }
        Registers.Decl preDecl = Registers.find(regs, "pre");
        Expr.Ref pre = m.reg(preDecl.q(), Type.sint(preDecl.width()), clk);
        Expr first = m.node("pre_d", u.sub(prod.shl(su.gs())).shr(su.z()));
        m.when(stage, () -> m.connect(pre, first));
        int k = su.shift() - su.z();
        Expr sum = pre.add(x.shl(k));
        if (su.decays()) sum = sum.sub(x);
        return Hw.saturate(m.node("upd_sum", sum.shr(k)), spec.numerics().weightBits());
    }

    private static Expr update(Module m, String p, Expr w, Expr prod, Expr dither, Numerics n, boolean decays) {
        int shift = n.updateShift(decays);
        int gs = decays ? n.decayShift() : 0;
        int da = 2 * n.valueFrac() - n.weightFrac();
        Expr u;
        if (shift == 0) {
            u = Expr.s(0, 1);
        } else if (dither != null) {
            u = dither.bits(shift - 1, 0).cvt();
        } else {
            u = Expr.s(1L << (shift - 1), shift + 1);
        }
        Expr first = decays ? u.sub(w.shl(da)) : u;
        Expr inc = m.node(p + "_inc", first.shr(gs).sub(prod).shr(shift - gs));
        return Hw.saturate(w.add(inc), n.weightBits());
    }
}
