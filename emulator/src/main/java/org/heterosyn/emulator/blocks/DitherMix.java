package org.heterosyn.emulator.blocks;

import org.heterosyn.numerics.DitherHash;

/**
 * Twin of rtl-gen's DitherMix (heterosyn_dither_mix): dither_o = DitherHash.dither(key, row, col),
 * the nine shift-add-xor steps of DitherHash.mix on key ^ (row << 16 | col). The RTL writes the same
 * steps from rtl-gen's DitherMix.SHIFTS; DitherTablesTest keeps the two in step.
 */
final class DitherMix {
    private DitherMix() {}

    /** dither_o for key_i, row_i, col_i (16-bit row and column). */
    static int dither(int key, int row, int col) {
        return DitherHash.dither(key, row & 0xFFFF, col & 0xFFFF);
    }
}
