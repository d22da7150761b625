package org.heterosyn.emulator.blocks;

import org.heterosyn.numerics.DitherHash;

/**
 * Twin of rtl-gen's DitherKey (heterosyn_dither_key_S&lt;seed&gt;, instance u_eng.u_key):
 * DitherHash.sampleKey one Threefry-2x32 round per cycle. start_i loads the counter words
 * (sample + k0, site + k1); rounds 0..DitherHash.ROUNDS - 1 follow, one a cycle; key_o (x0) then holds the key.
 */
final class DitherKey {
    int x0_q;
    int x1_q;
    /** Reset to DitherHash.ROUNDS ("done") so the unit idles until the first start. */
    int round_q;
    private int x0_d;
    private int x1_d;
    private int round_d;

    private final int k0;
    private final int k1;
    /** What round r adds to x0 / x1 after its mix (DitherHash.injections). */
    private final int[] inject0;
    private final int[] inject1;

    DitherKey(long seed) {
        k0 = (int) seed;
        k1 = DitherHash.DITHER_TWEAK;
        int[][] inj = DitherHash.injections(k0, k1);
        inject0 = inj[0];
        inject1 = inj[1];
    }

    int key_o() { return x0_q; }

    void eval(boolean start_i, int sample_i, int site_i) {
        x0_d = x0_q;
        x1_d = x1_q;
        round_d = round_q;
        if (start_i) {
            x0_d = sample_i + k0;
            x1_d = site_i + k1;
            round_d = 0;
        } else if (round_q < DitherHash.ROUNDS) {
            int sum = x0_q + x1_q;
            x0_d = sum + inject0[round_q];
            x1_d = (Integer.rotateLeft(x1_q, DitherHash.rotation(round_q)) ^ sum) + inject1[round_q];
            round_d = round_q + 1;
        }
    }

    void commit(boolean rst) {
        x0_q = x0_d;
        x1_q = x1_d;
        round_q = rst ? DitherHash.ROUNDS : round_d;
    }

    void name(NamedState n, String at) {
        n.reg(at + "x0_q", () -> x0_q, (v, w) -> x0_q = (int) v);
        n.reg(at + "x1_q", () -> x1_q, (v, w) -> x1_q = (int) v);
        n.reg(at + "round_q", () -> round_q, (v, w) -> round_q = (int) v);
    }
}
