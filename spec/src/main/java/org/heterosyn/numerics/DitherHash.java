package org.heterosyn.numerics;

import java.util.List;

/**
 * The counter-based hash behind stochastic rounding and weight initialisation (docs/numerics.md,
 * "Dither hash"). Every output is a pure function of (seed, layer, matrix, row, column, sample), so
 * the bits of a training run do not depend on the number of lanes or the order synapses are visited.
 *
 * <p>Two stages keep the hardware small: a strong Threefry-2x32-13 key per (sample, layer, matrix),
 * computed once per matrix and train command, then a multiplier-free bijective mix per synapse.
 */
public final class DitherHash {
    /** Threefry-2x32 rounds (Random123's threefry2x32_13). */
    public static final int ROUNDS = 13;
    /** Threefry-2x32 rotation constants (Salmon et al., Random123): round r rotates by entry r % 8. */
    public static final List<Integer> ROTATIONS = List.of(13, 15, 26, 6, 17, 29, 16, 24);
    /** Threefry key-schedule parity constant (Random123 SKEIN_KS_PARITY32). */
    private static final int PARITY = 0x1BD11BDA;
    /** Second key word for dither keys: pi's first fraction word. */
    public static final int DITHER_TWEAK = 0x243F6A88;
    /** Second key word for initial weights: pi's second fraction word. */
    public static final int INIT_TWEAK = 0x85A308D3;
    public static final int MATRIX_W = 0;
    public static final int MATRIX_B = 1;
    /** hsp's heterosynaptic weights V̄_k: their initial values (feedback seed) and their update dither. */
    public static final int MATRIX_V = 2;
    /** hsp's feedback-network weights A_k (feedback seed). */
    public static final int MATRIX_A = 3;
    /** hsp's feedback-network wiring: whether connection (neuron, error node) of A_k exists. */
    public static final int MATRIX_WIRING = 4;
    /** Each field of the site word: the layer in bits 15..8, the matrix in bits 7..0. */
    public static final int SITE_FIELD_BITS = 8;
    public static final int SITE_BITS = 2 * SITE_FIELD_BITS;
    /** The row and column fields of a synapse's coordinate word (row << 16) | col. */
    public static final int INDEX_BITS = 16;

    /** One step of {@link #mix}: x ^= x >>> shift, or x += x << shift (x * (2^shift + 1) mod 2^32). */
    public record MixStep(boolean xorShiftRight, int shift) {
        public int apply(int x) { return xorShiftRight ? x ^ (x >>> shift) : x + (x << shift); }
    }

    /** The steps of {@link #mix} in order; the hardware builds one adder or xor per step. */
    public static final List<MixStep> MIX_STEPS = List.of(
            new MixStep(true, 13), new MixStep(false, 21), new MixStep(true, 7), new MixStep(false, 4),
            new MixStep(true, 5), new MixStep(false, 2), new MixStep(true, 12), new MixStep(false, 7),
            new MixStep(true, 8));

    private DitherHash() {}

    /** First output word of Threefry-2x32 with {@link #ROUNDS} rounds on key (k0, k1) and counter (x0, x1). */
    public static int threefry13(int k0, int k1, int x0, int x1) {
        int[][] inj = injections(k0, k1);
        x0 += k0;
        x1 += k1;
        for (int r = 0; r < ROUNDS; r++) {
            int sum = x0 + x1;
            x1 = (Integer.rotateLeft(x1, rotation(r)) ^ sum) + inj[1][r];
            x0 = sum + inj[0][r];
        }
        return x0;
    }

    /** The rotation of round r. */
    public static int rotation(int r) { return ROTATIONS.get(r % ROTATIONS.size()); }

    /**
     * What round r adds to x0 ([0][r]) and x1 ([1][r]) after its mix under key (k0, k1): the key
     * injection after every fourth round (r = 3, 7, 11 add ks[s % 3] and ks[(s + 1) % 3] + s,
     * s = (r + 1) / 4, ks = {k0, k1, PARITY ^ k0 ^ k1}), else 0.
     */
    public static int[][] injections(int k0, int k1) {
        int[] ks = {k0, k1, PARITY ^ k0 ^ k1};
        int[][] inj = new int[2][ROUNDS];
        for (int r = 3; r < ROUNDS; r += 4) {
            int i = (r + 1) >>> 2;
            inj[0][r] = ks[i % 3];
            inj[1][r] = ks[(i + 1) % 3] + i;
        }
        return inj;
    }

    /** The (layer, matrix) word of the counter: layer in bits 15..8, matrix in bits 7..0. */
    public static int site(int layer, int matrix) {
        return layer << SITE_FIELD_BITS | matrix;
    }

    /** The per-matrix dither key of one train command; {@code sample} is the 32-bit sample counter. */
    public static int sampleKey(long seed, int sample, int layer, int matrix) {
        return threefry13((int) seed, DITHER_TWEAK, sample, site(layer, matrix));
    }

    /** The dither word of synapse (row, col) under a sample key: a bijective shift-add-xor mix. */
    public static int dither(int key, int row, int col) {
        return mix(key ^ (row << INDEX_BITS | col));
    }

    /** What a row's synapses share: dither(key, row, col) = mix(rowKey(key, row) ^ col) for col < 2^16. */
    public static int rowKey(int key, int row) {
        return key ^ row << INDEX_BITS;
    }

    /**
     * {@link #MIX_STEPS} applied in order, written out: C2 vectorizes SynapseUpdate's row loop only
     * with constant shifts (1 ns a synapse instead of 16 ns or more); DitherHashTest holds the two equal.
     *
     * <p>Bijective on 32 bits: xor-shifts move high bits down, "x += x << k" (multiplication by the odd
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
        return threefry13((int) seed, INIT_TWEAK, row << INDEX_BITS | col, site(layer, matrix));
    }
}
