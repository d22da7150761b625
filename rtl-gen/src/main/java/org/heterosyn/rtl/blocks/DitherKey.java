package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Registers;
import org.heterosyn.numerics.DitherHash;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * DitherHash.sampleKey, one Threefry-2x32 round per cycle: start_i loads the counter words
 * (sample + k0, site + k1); rounds 0..ROUNDS - 1 follow, one a cycle; key_o then holds the key.
 * The key words k0 = seed and k1 = DITHER_TWEAK are constants of the design, so the key schedule
 * is a table of constants indexed by the round. x0/x1 are not reset: nothing reads them before a start.
 */
public final class DitherKey {
    private static final int ROUND_BITS = Layout.bits(DitherHash.ROUNDS);

    private DitherKey() {}

    public static String name(long seed) { return "heterosyn_dither_key_S" + seed; }

    /** The site_i word of (layer, matrix), DitherHash.site: layer in the high field, matrix in the low one. */
    public static Expr site(Expr layer, Expr matrix) {
        return layer.pad(DitherHash.SITE_FIELD_BITS).cat(matrix.pad(DitherHash.SITE_FIELD_BITS));
    }

    public static ModuleDef build(Circuit c, long seed) {
        String name = name(seed);
        if (c.has(name)) return c.get(name);
        Module m = new Module(name);
        int w = Layout.WORD_BITS;
        long mask = (1L << w) - 1;
        Expr clk = m.input("clk_i", Type.clock());
        Expr rst = m.input("rst_i", Type.bool());
        Expr start = m.input("start_i", Type.bool());
        Expr sample = m.input("sample_i", Type.uint(w));
        Expr site = m.input("site_i", Type.uint(DitherHash.SITE_BITS));
        Expr.Ref key = m.output("key_o", Type.uint(w));

        int k0 = (int) seed;
        int k1 = DitherHash.DITHER_TWEAK;
        int[][] inj = DitherHash.injections(k0, k1);
        Hw.Regs regs = new Hw.Regs(m, Registers.ditherKey(), clk, rst);
        Hw.DQ x0 = regs.get("x0");
        Hw.DQ x1 = regs.get("x1");
        // Reset to "done" so the unit idles until the first start.
        Hw.DQ round = regs.get("round");
        m.connect(key, x0.q());

        Expr r = round.q();
        Expr sum = m.node("sum", x0.q().add(x1.q()).low(w));
        List<Expr> rotated = new ArrayList<>();
        for (int rot : DitherHash.ROTATIONS) rotated.add(x1.q().bits(w - 1 - rot, 0).cat(x1.q().bits(w - 1, w - rot)));
        // Round r rotates by entry r % size: the round's low bits select it (the table has 8 entries).
        Expr rotSel = r.bits(Layout.bits(DitherHash.ROTATIONS.size() - 1) - 1, 0);
        Expr mixed = m.node("mixed", Hw.select(rotSel, rotated).xor(sum));
        List<Expr> inj0 = new ArrayList<>();
        List<Expr> inj1 = new ArrayList<>();
        for (int rr = 0; rr < DitherHash.ROUNDS; rr++) {
            inj0.add(Expr.u(inj[0][rr] & mask, w));
            inj1.add(Expr.u(inj[1][rr] & mask, w));
        }
        Expr add0 = m.node("inject0", Hw.select(r, inj0));
        Expr add1 = m.node("inject1", Hw.select(r, inj1));
        // The start's key additions share the rounds' injection adders: each operand is chosen
        // before the one adder per word (a 2:1 mux per bit instead of a second 32-bit adder).
        Expr a0 = Expr.mux(start, sample, sum);
        Expr b0 = Expr.mux(start, Expr.u(k0 & mask, w), add0);
        Expr a1 = Expr.mux(start, site.pad(w), mixed);
        Expr b1 = Expr.mux(start, Expr.u(k1 & mask, w), add1);
        m.when(start.or(r.lt(DitherHash.ROUNDS)), () -> {
            m.connect(x0.d(), a0.add(b0).low(w));
            m.connect(x1.d(), a1.add(b1).low(w));
            m.connect(round.d(), Expr.mux(start, Expr.u(0, ROUND_BITS), Hw.inc(r)));
        });
        c.add(m);
        return m;
    }
}
