package org.heterosyn.manifest;

import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.spec.DesignSpec;

/**
 * Cycles each command takes (docs/architecture.md, "Schedules"): from the cycle the controller
 * accepts the header word to the first cycle it can accept the next one, when the host always
 * has the next command word ready and always takes response words at once.
 */
public final class CycleModel {
    /** Header cycle, SP_DATA, RSP_HDR. */
    public static final int SET_PARAM = 3;
    /** Header cycle, RSP_HDR, one cycle per status word. */
    public static final int STATUS = 2 + Header.STATUS_WORDS;

    private final Layout lay;

    public CycleModel(Layout lay) { this.lay = lay; }

    public CycleModel(DesignSpec spec) { this(new Layout(spec)); }

    /** Forward passes: each layer one cycle per chunk plus a drain cycle. */
    public long forward() {
        long c = 0;
        for (Layout.LayerLayout l : lay.layers()) c += l.chunks() + 1;
        return c;
    }

    /** Header, n_0 inputs, forward, response header, two cycles per output word. */
    public long infer() {
        return 2 + lay.spec().inputs() + forward() + 2L * lay.spec().outputs();
    }

    /** Dither-key cycles of layer k: one key for W, another for plastic B (stochastic rounding only). */
    public long keys(int k) {
        if (!lay.stochastic()) return 0;
        return (long) Layout.KEY_CYCLES * (lay.layer(k).plastic() ? 2 : 1);
    }

    /** Update pass of layer k: generic one chunk per cycle plus a drain; SPRAM a slot per chunk. */
    public long update(int k) {
        Layout.LayerLayout l = lay.layer(k);
        return lay.spram() ? (long) lay.spramSlot(k) * l.chunks() : l.chunks() + 1;
    }

    /** As infer, plus the label word, the keys and update passes, and the sample-counter step. */
    public long train() {
        long c = infer() + 2;
        for (int k = 0; k < lay.weightLayers(); k++) c += keys(k) + update(k);
        return c;
    }

    /** Row length of the logical matrix (W_k: n_k columns; B_k: n_{k+1} columns). */
    public int rowLength(int layer, int matrix) {
        Layout.LayerLayout l = lay.layer(layer);
        return matrix == 0 ? l.cols() : l.rows();
    }

    /** SEEK steps to a start index: a cycle per skipped row, then per skipped column. */
    public long seek(int layer, int matrix, long start) {
        int r = rowLength(layer, matrix);
        return start / r + start % r;
    }

    /** Header, start word, seek (steps + 1), one cycle per word, response header. */
    public long load(int layer, int matrix, long start, int count) {
        return 4 + seek(layer, matrix, start) + count;
    }

    /** Header, start word, seek (steps + 1), response header, two cycles per word. */
    public long read(int layer, int matrix, long start, int count) {
        return 4 + seek(layer, matrix, start) + 2L * count;
    }

    /** A command rejected from its header: header, the drained words, the response header. */
    public static long rejectedAtHeader(Opcode op, int length) {
        return 2 + (op == null ? 0 : op.followingWords(length));
    }

    /** LOAD/READ with an out-of-range start or count: header, start word, drained data, response. */
    public static long rejectedRange(Opcode op, int count) {
        return 3 + (op == Opcode.LOAD_WEIGHTS ? count : 0);
    }

    /** TRAIN with a label out of range: header, label, drained inputs, response header. */
    public long rejectedLabel() {
        return 3 + lay.spec().inputs();
    }
}
