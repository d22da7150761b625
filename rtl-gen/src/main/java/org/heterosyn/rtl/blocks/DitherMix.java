package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

/**
 * The per-synapse dither word, DitherHash.dither(key, row, col) = mix(key ^ (row << 16 | col)):
 * xor-shifts and multiplications by 2^k + 1 written as shift-adds, so no multiplier is needed.
 */
public final class DitherMix {
    public static final String NAME = "heterosyn_dither_mix";
    /**
     * DitherHash.mix, step by step: steps 0, 2, 4.. are x ^= x >>> n, steps 1, 3.. are x += x << n (DitherMixTest
     * checks this table against DitherHash.mix).
     */
    static final int[] SHIFTS = {13, 21, 7, 4, 5, 2, 12, 7, 8};

    private DitherMix() {}

    public static ModuleDef build(Circuit c) {
        if (c.has(NAME)) return c.get(NAME);
        Module m = new Module(NAME);
        int w = Layout.WORD_BITS;
        Expr key = m.input("key_i", Type.uint(w));
        Expr row = m.input("row_i", Type.uint(Layout.INDEX_BITS));
        Expr col = m.input("col_i", Type.uint(Layout.INDEX_BITS));
        Expr.Ref out = m.output("dither_o", Type.uint(w));
        Expr x = m.node("x0", key.xor(row.cat(col)));
        for (int i = 0; i < SHIFTS.length; i++) {
            Expr next = i % 2 == 0 ? x.xor(x.shr(SHIFTS[i])) : x.add(x.shl(SHIFTS[i])).low(w);
            x = m.node("x" + (i + 1), next);
        }
        m.connect(out, x);
        c.add(m);
        return m;
    }
}
