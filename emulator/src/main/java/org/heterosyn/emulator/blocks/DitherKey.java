package org.heterosyn.emulator.blocks;

import org.heterosyn.numerics.DitherHash;

/**
 * Twin of rtl-gen's DitherKey (heterosyn_dither_key_S&lt;seed&gt;, instance u_eng.u_key):
 * DitherHash.sampleKey one Threefry-2x32 round per cycle. start_i loads the counter words
 * (sample + k0, site + k1); rounds 0..12 follow in the next 13 cycles; key_o (x0) then holds the key.
 */
final class DitherKey {
    static final int ROUNDS = 13;
    /** Threefry-2x32 rotation constants, as rtl-gen's DitherKey.ROT. */
    private static final int[] ROT = {13, 15, 26, 6, 17, 29, 16, 24};
    /** Threefry key-schedule parity, as rtl-gen's DitherKey.PARITY. */
    private static final int PARITY = 0x1BD11BDA;

    int x0_q;
    int x1_q;
    /** Reset to ROUNDS ("done") so the unit idles until the first start. */
    int round_q;
    private int x0_d;
    private int x1_d;
    private int round_d;

    private final int k0;
    private final int k1;
    /** What round r adds to x0 / x1 after its mix (the key injection after rounds 3, 7, 11). */
    private final int[] inject0 = new int[ROUNDS];
    private final int[] inject1 = new int[ROUNDS];

    DitherKey(long seed) {
        k0 = (int) seed;
        k1 = DitherHash.DITHER_TWEAK;
        int[] ks = {k0, k1, PARITY ^ k0 ^ k1};
        for (int r = 0; r < ROUNDS; r++) {
            if ((r & 3) != 3) continue;
            int i = (r + 1) >>> 2;
            inject0[r] = ks[i % 3];
            inject1[r] = ks[(i + 1) % 3] + i;
        }
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
        } else if (round_q < ROUNDS) {
            int sum = x0_q + x1_q;
            x0_d = sum + inject0[round_q];
            x1_d = (Integer.rotateLeft(x1_q, ROT[round_q & 7]) ^ sum) + inject1[round_q];
            round_d = round_q + 1;
        }
    }

    void commit(boolean rst) {
        x0_q = x0_d;
        x1_q = x1_d;
        round_q = rst ? ROUNDS : round_d;
    }

    void name(NamedState n, String at) {
        n.reg(at + "x0_q", () -> x0_q, (v, w) -> x0_q = (int) v);
        n.reg(at + "x1_q", () -> x1_q, (v, w) -> x1_q = (int) v);
        n.reg(at + "round_q", () -> round_q, (v, w) -> round_q = (int) v);
    }
}
