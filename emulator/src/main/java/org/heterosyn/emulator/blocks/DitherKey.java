package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.Registers;
import org.heterosyn.numerics.DitherHash;

/**
 * Twin of rtl-gen's DitherKey (heterosyn_dither_key_S&lt;seed&gt;, instance u_eng.u_key):
 * DitherHash.sampleKey one Threefry-2x32 round per cycle. start_i loads the counter words
 * (sample + k0, site + k1); rounds 0..DitherHash.ROUNDS - 1 follow, one a cycle; key_o (x0) then holds the key.
 */
final class DitherKey {
    /** x0, x1 and round (Registers.ditherKey); round resets to DitherHash.ROUNDS ("done"), so the unit idles until the first start. */
    private final RegFile r = new RegFile(Registers.ditherKey());
    private final int x0 = r.slot("x0");
    private final int x1 = r.slot("x1");
    private final int round = r.slot("round");

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

    int key_o() { return (int) r.q[x0]; }

    /** round_q, for the block's test. */
    int round_q() { return (int) r.q[round]; }

    void eval(boolean start_i, int sample_i, int site_i) {
        r.hold();
        int rq = (int) r.q[round];
        if (start_i) {
            r.d[x0] = sample_i + k0;
            r.d[x1] = site_i + k1;
            r.d[round] = 0;
        } else if (rq < DitherHash.ROUNDS) {
            int a = (int) r.q[x0];
            int b = (int) r.q[x1];
            int sum = a + b;
            r.d[x0] = sum + inject0[rq];
            r.d[x1] = (Integer.rotateLeft(b, DitherHash.rotation(rq)) ^ sum) + inject1[rq];
            r.d[round] = rq + 1;
        }
    }

    void commit(boolean rst) { r.commit(rst); }

    void name(NamedState n, String at) { r.name(n, at); }
}
