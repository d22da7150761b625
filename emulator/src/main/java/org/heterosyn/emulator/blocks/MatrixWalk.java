package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Registers;

import java.util.function.ToLongFunction;

/**
 * Twin of rtl-gen's MatrixWalk (heterosyn_matrix_walk, instance u_ctrl.u_walk): the synapse a
 * LOAD/READ_WEIGHTS is at, stepping logical row-major over W_k or B_k in the mixed radix (chunks,
 * used lanes) of W_k's layout. The outputs depend on the registers and layer_i/mat_i only, so the
 * controller reads them while it decides this cycle's command, then calls {@link #eval}.
 */
public final class MatrixWalk {
    private final RegFile r;
    private final int wc;
    private final int wl;
    private final int rc;
    private final int rl;
    private final int col;
    private final long chunkMask;
    private final long laneMask;
    private final long colMask;
    /** Per layer (Hw.perLayer: 0 past the last) and matrix (0 W, 1 B). */
    private final long[][] size;
    private final long[][] rowLen;
    private final long[][] colDc;
    private final long[][] colDl;
    private final long[][] rowDc;
    private final long[][] rowDl;
    private final long[] used;

    MatrixWalk(Layout lay) {
        r = new RegFile(Registers.matrixWalk(lay));
        wc = r.slot("wc");
        wl = r.slot("wl");
        rc = r.slot("rc");
        rl = r.slot("rl");
        col = r.slot("col");
        chunkMask = Hw.mask(lay.chunkBits());
        laneMask = Hw.mask(lay.laneBits());
        colMask = Hw.mask(lay.walkColBits());
        size = perMatrix(lay, Layout.LayerLayout::synapses, Layout.LayerLayout::synapses);
        rowLen = perMatrix(lay, k -> k.cols(), k -> k.rows());
        // A step of D synapses adds D / used chunks and D % used lanes (W: column 1, row stride,
        // n_k padded to whole chunks; B, stored transposed: column stride, row 1).
        colDc = perMatrix(lay, k -> 1 / k.used(), k -> k.stride() / k.used());
        colDl = perMatrix(lay, k -> 1 % k.used(), k -> k.stride() % k.used());
        rowDc = perMatrix(lay, k -> k.stride() / k.used(), k -> 1 / k.used());
        rowDl = perMatrix(lay, k -> k.stride() % k.used(), k -> 1 % k.used());
        used = perMatrix(lay, k -> k.used(), k -> k.used())[0];
    }

    /** rtl-gen's Hw.perMatrix: B's constant where mat selects B and the layer stores one, else W's. */
    static long[][] perMatrix(Layout lay, ToLongFunction<Layout.LayerLayout> fw, ToLongFunction<Layout.LayerLayout> fb) {
        int tables = 1 << lay.layerBits();
        long[][] t = new long[2][tables];
        for (Layout.LayerLayout k : lay.layers()) {
            t[0][k.k()] = fw.applyAsLong(k);
            t[1][k.k()] = k.feedback() ? fb.applyAsLong(k) : fw.applyAsLong(k);
        }
        return t;
    }

    long chunk_o() { return r.q[wc]; }

    long lane_o() { return r.q[wl]; }

    long row_len_o(int layer, int mat) { return rowLen[mat][layer]; }

    long size_o(int layer, int mat) { return size[mat][layer]; }

    /** At most one of clear_i, row_i, col_i, step_i is high. */
    void eval(int layer, int mat, boolean clear, boolean row, boolean colStep, boolean step) {
        r.hold();
        if (clear) {
            r.d[wc] = r.d[wl] = r.d[rc] = r.d[rl] = r.d[col] = 0;
        } else if (row) {
            nextRow(layer, mat);
        } else if (colStep) {
            nextCol(layer, mat);
        } else if (step) {
            if (r.q[col] == ((rowLen[mat][layer] - 1) & colMask)) {
                r.d[col] = 0;
                nextRow(layer, mat);
            } else {
                nextCol(layer, mat);
            }
        }
    }

    private void nextRow(int layer, int mat) {
        long sum = r.q[rl] + rowDl[mat][layer];
        long carry = sum >= used[layer] ? 1 : 0;
        long chunk = (r.q[rc] + rowDc[mat][layer] + carry) & chunkMask;
        long lane = (carry == 1 ? sum - used[layer] : sum) & laneMask;
        r.d[rc] = r.d[wc] = chunk;
        r.d[rl] = r.d[wl] = lane;
    }

    private void nextCol(int layer, int mat) {
        r.d[col] = r.q[col] + 1;
        long sum = r.q[wl] + colDl[mat][layer];
        long carry = sum >= used[layer] ? 1 : 0;
        r.d[wl] = (carry == 1 ? sum - used[layer] : sum) & laneMask;
        r.d[wc] = (r.q[wc] + colDc[mat][layer] + carry) & chunkMask;
    }

    void commit(boolean rst) { r.commit(rst); }

    void name(NamedState n, String at) { r.name(n, at); }
}
