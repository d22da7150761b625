package org.heterosyn.emulator.blocks;

/**
 * Twin of rtl-gen's ErrorUnit (heterosyn_error_unit_N*, instance u_eng.u_err), combinational: the
 * output error e_L = sat(y - t), t = 1.0 at the label, and the hidden errors e_k[j] = h_k[j] > 0 ? r : 0
 * (z_k[j] > 0 exactly when the stored activation relu(z_k[j]) is positive).
 */
final class ErrorUnit {
    private final int valueBits;
    private final int one;

    ErrorUnit(int valueBits, int valueFrac) {
        this.valueBits = valueBits;
        this.one = 1 << valueFrac;
    }

    /** e_out_o for y_i and hit_i (the output index equals the label). */
    int e_out_o(int y_i, boolean hit_i) {
        return (int) Hw.saturate((long) y_i - (hit_i ? one : 0), valueBits);
    }

    /** e_hid_x_o for r_x_i and h_x_i. */
    static int e_hid_o(int r_i, int h_i) {
        return h_i > 0 ? r_i : 0;
    }
}
