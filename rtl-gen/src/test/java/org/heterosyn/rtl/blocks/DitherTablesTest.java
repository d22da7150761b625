package org.heterosyn.rtl.blocks;

import org.heterosyn.numerics.DitherHash;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The dither hardware is built from tables (DitherMix.SHIFTS, DitherKey's rotations and key
 * injections); evaluated step by step as the hardware does, they must give DitherHash's words.
 * The co-simulation tests check the generated RTL itself.
 */
@Tag("unit")
class DitherTablesTest {

    private static int mixAsBuilt(int x) {
        for (int i = 0; i < DitherMix.SHIFTS.length; i++) {
            x = i % 2 == 0 ? x ^ (x >>> DitherMix.SHIFTS[i]) : x + (x << DitherMix.SHIFTS[i]);
        }
        return x;
    }

    /** DitherKey's cycles: load (sample + k0, site + k1), then one round per cycle. */
    private static int keyAsBuilt(long seed, int sample, int site) {
        long[][] inj = DitherKey.injections(seed);
        int x0 = sample + (int) seed;
        int x1 = site + DitherHash.DITHER_TWEAK;
        for (int r = 0; r < DitherKey.ROUNDS; r++) {
            int sum = x0 + x1;
            int mixed = Integer.rotateLeft(x1, DitherKey.ROT[r & 7]) ^ sum;
            x0 = sum + (int) inj[0][r];
            x1 = mixed + (int) inj[1][r];
        }
        return x0;
    }

    @Test
    void mixTableIsDitherHashMix() {
        SplittableRandom rng = new SplittableRandom(11);
        assertEquals(DitherHash.mix(0), mixAsBuilt(0));
        assertEquals(DitherHash.mix(-1), mixAsBuilt(-1));
        for (int i = 0; i < 100_000; i++) {
            int x = rng.nextInt();
            assertEquals(DitherHash.mix(x), mixAsBuilt(x), "mix of " + Integer.toHexString(x));
        }
    }

    @Test
    void keyScheduleIsSampleKey() {
        SplittableRandom rng = new SplittableRandom(12);
        for (long seed : new long[] {0, 1, 0xFFFF_FFFFL, 123456789}) {
            for (int i = 0; i < 2000; i++) {
                int sample = rng.nextInt();
                int layer = rng.nextInt(4);
                int matrix = rng.nextInt(2);
                assertEquals(DitherHash.sampleKey(seed, sample, layer, matrix),
                        keyAsBuilt(seed, sample, DitherHash.site(layer, matrix)),
                        "seed " + seed + " sample " + sample + " layer " + layer + " matrix " + matrix);
            }
        }
    }

    /** Hw.smul's identity: the unsigned product of the raw bits minus the two sign corrections. */
    @Test
    void signedProductFromUnsignedOne() {
        SplittableRandom rng = new SplittableRandom(13);
        for (int i = 0; i < 100_000; i++) {
            int wa = 2 + rng.nextInt(23);
            int wb = 2 + rng.nextInt(23);
            long a = rng.nextLong(-(1L << (wa - 1)), 1L << (wa - 1));
            long b = rng.nextLong(-(1L << (wb - 1)), 1L << (wb - 1));
            long ua = a & ((1L << wa) - 1);
            long ub = b & ((1L << wb) - 1);
            long p = ua * ub - (a < 0 ? ub << wa : 0) - (b < 0 ? ua << wb : 0);
            long w = wa + wb;
            long signed = (p << (64 - w)) >> (64 - w);
            assertEquals(a * b, signed, a + " * " + b);
        }
    }
}
