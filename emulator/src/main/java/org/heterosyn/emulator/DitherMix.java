package org.heterosyn.emulator;

/**
 * Twin of rtl-gen's DitherMix (heterosyn_dither_mix): DitherHash.dither(key, row, col) =
 * mix(key ^ (row << 16 | col)) as the same nine steps (rtl-gen's DitherMix.SHIFTS 13, 21, 7, 4, 5, 2,
 * 12, 7, 8): xor-shifts on even steps, multiplications by 2^k + 1 written as shift-adds on odd ones.
 */
final class DitherMix {
    private DitherMix() {}

    /** dither_o for key_i, row_i, col_i (16-bit row and column). */
    static int dither(int key, int row, int col) {
        int x = key ^ ((row & 0xFFFF) << 16 | (col & 0xFFFF));
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
}
