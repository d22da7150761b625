package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.numerics.DitherHash;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.Rule;

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
 * one dither mix, shared: bsel_i = 1 updates b_i with the swapped coordinates; key_i is then the
 * B key.
 */
public final class UpdateUnit {
    private UpdateUnit() {}

    /** True when W and B share one update datapath (plastic feedback in single-port SPRAM). */
    public static boolean shared(DesignSpec spec) {
        return spec.rule().plasticFeedback() && spec.memory() == org.heterosyn.spec.MemoryStyle.SPRAM;
    }

    /**
     * The unit's module name; {@code updatesB} false is the variant for lanes that hold no B (a
     * fully parallel array whose feedback matrices have fewer synapses than lanes).
     */
    public static String name(DesignSpec spec, boolean updatesB) {
        Numerics n = spec.numerics();
        String variant = !spec.rule().plasticFeedback() ? "" : shared(spec) ? "_shared" : updatesB ? "" : "_wonly";
        return "heterosyn_update_unit_" + spec.rule().id() + "_" + n.rounding().id() + variant
                + "_W" + n.weightBits() + "_V" + n.valueBits();
    }

    public static ModuleDef build(Circuit c, DesignSpec spec, boolean updatesB) {
        String name = name(spec, updatesB);
        if (c.has(name)) return c.get(name);
        Numerics n = spec.numerics();
        Rule rule = spec.rule();
        boolean stochastic = n.rounding() == Rounding.STOCHASTIC;
        boolean shared = shared(spec);
        ModuleDef mix = stochastic ? DitherMix.build(c) : null;
        Module m = new Module(name);
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
            // B[j][i] is the synapse (row j, col i) of B: the W coordinates swapped.
            Expr dither = stochastic ? dither(m, mix, "u_dither", key, Expr.mux(bsel, col, row),
                    Expr.mux(bsel, row, col)) : null;
            m.connect(wOut, update(m, "upd", Expr.mux(bsel, b, w), prod, dither, n, decays));
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
