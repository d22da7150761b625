package org.heterosyn.numerics;

/**
 * The counter-based hash behind stochastic rounding and weight initialisation (docs/numerics.md,
 * "Dither hash"). Every output is a pure function of (seed, layer, matrix, row, column, sample), so
 * the bits of a training run do not depend on the number of lanes or the order synapses are visited.
 *
 * <p>Two stages keep the hardware small: a strong Threefry-2x32-13 key per (sample, layer, matrix),
 * computed once per matrix and train command, then a multiplier-free bijective mix per synapse.
 */
public final class DitherHash {
    /** Threefry-2x32 rotation constants (Salmon et al., Random123). */
    private static final int[] ROT = {13, 15, 26, 6, 17, 29, 16, 24};
    /** Threefry key-schedule parity constant. */
    static final int PARITY = 0x1BD11BDA;
    /** Second key word for dither keys: pi's first fraction word. */
    public static final int DITHER_TWEAK = 0x243F6A88;
    /** Second key word for initial weights: pi's second fraction word. */
    public static final int INIT_TWEAK = 0x85A308D3;
    public static final int MATRIX_W = 0;
    public static final int MATRIX_B = 1;

    private DitherHash() {}

    /** First output word of Threefry-2x32 with 13 rounds on key (k0, k1) and counter (x0, x1). */
    public static int threefry13(int k0, int k1, int x0, int x1) {
        int[] ks = {k0, k1, PARITY ^ k0 ^ k1};
        x0 += k0;
        x1 += k1;
        for (int r = 0; r < 13; r++) {
            x0 += x1;
            x1 = Integer.rotateLeft(x1, ROT[r & 7]);
            x1 ^= x0;
            if ((r & 3) == 3) {
                int i = (r + 1) >>> 2;
                x0 += ks[i % 3];
                x1 += ks[(i + 1) % 3] + i;
            }
        }
        return x0;
    }

    /** The (layer, matrix) word of the counter: layer in bits 15..8, matrix in bits 7..0. */
    public static int site(int layer, int matrix) {
        return (layer << 8) | matrix;
    }

    /** The per-matrix dither key of one train command; {@code sample} is the 32-bit sample counter. */
    public static int sampleKey(long seed, int sample, int layer, int matrix) {
        return threefry13((int) seed, DITHER_TWEAK, sample, site(layer, matrix));
    }

    /** The dither word of synapse (row, col) under a sample key: a bijective shift-add-xor mix. */
    public static int dither(int key, int row, int col) {
        return mix(key ^ ((row << 16) | col));
    }

    /**
     * Bijective on 32 bits: xor-shifts move high bits down, "x += x << k" (multiplication by the odd
     * constant 2^k + 1) moves low bits up; no multiplier is needed in hardware. Nine steps, because the
     * inputs of neighbouring synapses differ only in a few low bits: the earlier seven-step mix left the
     * dithers of columns c and c+1 correlated (r = -0.19 on the 19 bits a default update rounds away,
     * +0.73 on all 32), the same way for every key. The shift amounts were chosen by a search for the
     * smallest neighbour correlation; with them every measured one is about 0.01 or less
     * (docs/numerics.md, "Per-synapse mix"; DitherHashTest).
     */
    public static int mix(int x) {
        x ^= x >>> 13;
        x += x << 21;
        x ^= x >>> 7;
        x += x << 4;
        x ^= x >>> 5;
        x += x << 2;
        x ^= x >>> 12;
        x += x << 7;
        x ^= x >>> 8;
        return x;
    }

    /** The initial-weight word of synapse (row, col) of (layer, matrix). */
    public static int initWord(long seed, int layer, int matrix, int row, int col) {
        return threefry13((int) seed, INIT_TWEAK, (row << 16) | col, site(layer, matrix));
    }
}
