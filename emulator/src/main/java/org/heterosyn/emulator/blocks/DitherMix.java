package org.heterosyn.emulator.blocks;

import org.heterosyn.numerics.DitherHash;

/**
 * Twin of rtl-gen's DitherMix (heterosyn_dither_mix): dither_o = DitherHash.dither(key, row, col),
 * the shift-add-xor steps of DitherHash.mix on key ^ (row << 16 | col). The RTL builds the same
 * steps from DitherHash.MIX_STEPS.
 */
final class DitherMix {
    private DitherMix() {}

    private static final int INDEX_MASK = (1 << DitherHash.INDEX_BITS) - 1;

    /** dither_o for key_i, row_i, col_i (INDEX_BITS-wide row and column ports). */
    static int dither(int key, int row, int col) {
        return DitherHash.dither(key, row & INDEX_MASK, col & INDEX_MASK);
    }
}
