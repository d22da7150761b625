package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Layout;
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
 * (sample + k0, site + k1); rounds 0..12 follow in the next 13 cycles; key_o then holds the key.
 * The key words k0 = seed and k1 = DITHER_TWEAK are constants of the design, so the key schedule
 * is a table of constants indexed by the round. x0/x1 are not reset: nothing reads them before a start.
 */
public final class DitherKey {
    public static final int ROUNDS = 13;
    /** Threefry-2x32 rotation constants (Salmon et al., Random123), as in DitherHash. */
    static final int[] ROT = {13, 15, 26, 6, 17, 29, 16, 24};
    /** Threefry key-schedule parity (Random123 SKEIN_KS_PARITY32), as in DitherHash. */
    static final long PARITY = 0x1BD11BDAL;
    private static final int ROUND_BITS = Layout.bits(ROUNDS);

    private DitherKey() {}

    /**
     * What round r adds to x0 ([0][r]) and x1 ([1][r]) after its mix: the key injection after every
     * fourth round (rounds 3, 7, 11 add ks[i % 3] and ks[(i + 1) % 3] + i, i = (r + 1) / 4), else 0.
     */
    static long[][] injections(long seed) {
        long mask = (1L << Layout.WORD_BITS) - 1;
        long k0 = seed & mask;
        long k1 = DitherHash.DITHER_TWEAK & mask;
        long[] ks = {k0, k1, (PARITY ^ k0 ^ k1) & mask};
        long[][] inj = new long[2][ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            if ((r & 3) != 3) continue;
            int i = (r + 1) >>> 2;
            inj[0][r] = ks[i % 3];
            inj[1][r] = (ks[(i + 1) % 3] + i) & mask;
        }
        return inj;
    }

    public static String name(long seed) { return "heterosyn_dither_key_S" + seed; }

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
        Expr site = m.input("site_i", Type.uint(Layout.INDEX_BITS));
        Expr.Ref key = m.output("key_o", Type.uint(w));

        long k0 = seed & mask;
        long k1 = DitherHash.DITHER_TWEAK & mask;
        long[][] inj = injections(seed);
        Hw.DQ x0 = Hw.dq(m, "x0", Type.uint(w), clk);
        Hw.DQ x1 = Hw.dq(m, "x1", Type.uint(w), clk);
        // Reset to "done" so the unit idles until the first start.
        Hw.DQ round = Hw.dq(m, "round", Type.uint(ROUND_BITS), clk, rst, Expr.u(ROUNDS, ROUND_BITS));
        m.connect(key, x0.q());

        Expr r = round.q();
        Expr sum = m.node("sum", x0.q().add(x1.q()).low(w));
        List<Expr> rotated = new ArrayList<>();
        for (int rot : ROT) rotated.add(x1.q().bits(w - 1 - rot, 0).cat(x1.q().bits(w - 1, w - rot)));
        Expr mixed = m.node("mixed", Hw.select(r.bits(2, 0), rotated).xor(sum));
        List<Expr> inj0 = new ArrayList<>();
        List<Expr> inj1 = new ArrayList<>();
        for (int rr = 0; rr < ROUNDS; rr++) {
            inj0.add(Expr.u(inj[0][rr], w));
            inj1.add(Expr.u(inj[1][rr], w));
        }
        Expr add0 = m.node("inject0", Hw.select(r, inj0));
        Expr add1 = m.node("inject1", Hw.select(r, inj1));
        m.whenElse(start, () -> {
            m.connect(x0.d(), sample.add(Expr.u(k0, w)).low(w));
            m.connect(x1.d(), site.add(Expr.u(k1, w)).low(w));
            m.connect(round.d(), Expr.u(0, ROUND_BITS));
        }, () -> m.when(r.lt(ROUNDS), () -> {
            m.connect(x0.d(), sum.add(add0).low(w));
            m.connect(x1.d(), mixed.add(add1).low(w));
            m.connect(round.d(), Hw.inc(r));
        }));
        c.add(m);
        return m;
    }
}
