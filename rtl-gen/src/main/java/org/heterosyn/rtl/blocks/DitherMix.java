package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.numerics.DitherHash;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

/**
 * The per-synapse dither word, DitherHash.dither(key, row, col) = mix(key ^ (row << 16 | col)):
 * one node per step of DitherHash.MIX_STEPS, xor-shifts and multiplications by 2^k + 1 written as
 * shift-adds, so no multiplier is needed.
 */
public final class DitherMix {
    public static final String NAME = "heterosyn_dither_mix";

    private DitherMix() {}

    public static ModuleDef build(Circuit c) {
        if (c.has(NAME)) return c.get(NAME);
        Module m = new Module(NAME);
        int w = Layout.WORD_BITS;
        Expr key = m.input("key_i", Type.uint(w));
        Expr row = m.input("row_i", Type.uint(DitherHash.INDEX_BITS));
        Expr col = m.input("col_i", Type.uint(DitherHash.INDEX_BITS));
        Expr.Ref out = m.output("dither_o", Type.uint(w));
        Expr x = m.node("x0", key.xor(row.cat(col)));
        int i = 0;
        for (DitherHash.MixStep s : DitherHash.MIX_STEPS) {
            Expr next = s.xorShiftRight() ? x.xor(x.shr(s.shift())) : x.add(x.shl(s.shift())).low(w);
            x = m.node("x" + ++i, next);
        }
        m.connect(out, x);
        c.add(m);
        return m;
    }
}
