package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Registers;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

/**
 * The synapse a LOAD/READ_WEIGHTS is at (docs/architecture.md, "Matrix walk"), walking W_k or B_k
 * logical row-major while the memory holds W_k's chunked layout. A step of D synapses in that
 * layout adds D / used chunks and D % used lanes, with a carry from lane into chunk. W: column =
 * 1 synapse, row = stride (n_k padded to whole chunks); B (stored transposed): column = stride
 * synapses, row = 1.
 *
 * <p>Commands, at most one per cycle: clear_i (back to the matrix origin), row_i (skip a row
 * while seeking), col_i (skip a column while seeking), step_i (the next synapse: along the row,
 * then the next row's start).
 */
public final class MatrixWalk {
    public static final String NAME = "heterosyn_matrix_walk";

    private MatrixWalk() {}

    public static ModuleDef build(Circuit c, Layout lay) {
        if (c.has(NAME)) return c.get(NAME);
        Module m = new Module(NAME);
        int chunkBits = lay.chunkBits();
        int laneBits = lay.laneBits();
        int colBits = lay.walkColBits();
        Expr clk = m.input("clk_i", Type.clock());
        Expr rst = m.input("rst_i", Type.bool());
        Expr layer = m.input("layer_i", Type.uint(lay.layerBits()));
        Expr mat = m.input("mat_i", Type.bool());
        Expr clear = m.input("clear_i", Type.bool());
        Expr row = m.input("row_i", Type.bool());
        Expr col = m.input("col_i", Type.bool());
        Expr step = m.input("step_i", Type.bool());
        Expr.Ref chunkO = m.output("chunk_o", Type.uint(chunkBits));
        Expr.Ref laneO = m.output("lane_o", Type.uint(laneBits));
        Expr.Ref rowLenO = m.output("row_len_o", Type.uint(colBits + 1));
        Expr.Ref sizeO = m.output("size_o", Type.uint(Layout.WORD_BITS));

        Hw.Regs r = new Hw.Regs(m, Registers.matrixWalk(lay), clk, rst);
        Hw.DQ wc = r.get("wc");
        Hw.DQ wl = r.get("wl");
        Hw.DQ rc = r.get("rc");
        Hw.DQ rl = r.get("rl");
        Hw.DQ cl = r.get("col");

        Expr used = Hw.perLayer(lay, layer, k -> k.used(), laneBits + 1);
        Expr rowLen = Hw.perMatrix(lay, layer, mat, k -> k.cols(), k -> k.rows(), colBits + 1);
        // A step's chunk part is at most stride / used <= chunks_k (unused steps of one-row matrices too).
        int dcBits = Layout.bits(lay.maxChunks());
        Expr colDc = Hw.perMatrix(lay, layer, mat, k -> 1L / k.used(), k -> (long) k.stride() / k.used(), dcBits);
        Expr colDl = Hw.perMatrix(lay, layer, mat, k -> 1L % k.used(), k -> (long) k.stride() % k.used(), laneBits);
        Expr rowDc = Hw.perMatrix(lay, layer, mat, k -> (long) k.stride() / k.used(), k -> 1L / k.used(), dcBits);
        Expr rowDl = Hw.perMatrix(lay, layer, mat, k -> (long) k.stride() % k.used(), k -> 1L % k.used(), laneBits);
        Expr[] colStep = step(wc.q(), wl.q(), colDc, colDl, used, chunkBits, laneBits);
        Expr[] rowStart = step(rc.q(), rl.q(), rowDc, rowDl, used, chunkBits, laneBits);
        m.connect(chunkO, wc.q());
        m.connect(laneO, wl.q());
        m.connect(rowLenO, rowLen);
        m.connect(sizeO, Hw.perMatrix(lay, layer, mat, k -> k.synapses(), k -> k.synapses(), Layout.WORD_BITS));

        Runnable nextRow = () -> {
            m.connect(rc.d(), rowStart[0]);
            m.connect(rl.d(), rowStart[1]);
            m.connect(wc.d(), rowStart[0]);
            m.connect(wl.d(), rowStart[1]);
        };
        Runnable nextCol = () -> {
            m.connect(cl.d(), Hw.inc(cl.q()));
            m.connect(wc.d(), colStep[0]);
            m.connect(wl.d(), colStep[1]);
        };
        m.when(clear, () -> {
            for (Hw.DQ x : new Hw.DQ[] {wc, wl, rc, rl, cl}) m.connect(x.d(), Hw.zero(x.q().type()));
        });
        m.when(row, nextRow);
        m.when(col, nextCol);
        m.when(step, () -> m.whenElse(cl.q().eq(rowLen.sub(Expr.u(1, 1)).low(colBits)), () -> {
            m.connect(cl.d(), Hw.zero(cl.q().type()));
            nextRow.run();
        }, nextCol));
        c.add(m);
        return m;
    }

    /** (chunk, lane) + (dc, dl) in the mixed radix (chunks, used lanes). */
    private static Expr[] step(Expr chunk, Expr lane, Expr dc, Expr dl, Expr used, int chunkBits, int laneBits) {
        Expr sum = lane.add(dl);
        Expr carry = sum.geq(used);
        Expr newLane = Expr.mux(carry, sum.sub(used).low(sum.width()), sum).low(laneBits);
        Expr newChunk = chunk.add(dc).add(carry).low(chunkBits);
        return new Expr[] {newChunk, newLane};
    }
}
