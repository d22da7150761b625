package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.Hierarchy;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Registers;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Numerics;

/**
 * Twin of rtl-gen's LayerEngine (heterosyn_layer_engine_L*_W*_V*, instance u_eng): the neuron value
 * buffers, {@code lanes} update units, the accumulators with their rescale, the error unit and the
 * dither key unit.
 *
 * <p>Timing: in an issue cycle (issue_i) the controller presents a chunk's coordinates; the engine
 * addresses the value buffers with them and keeps them in its p_* registers. In the compute cycle
 * (cmp_i) the weight-memory and value-buffer data of that chunk are valid: the units compute, the new
 * weights go to wd_*, the accumulators update, and on the chunk that ends a row (forward) or a column
 * (feedback) the rescaled results are written to the next buffer.
 */
final class LayerEngine {
    private final int lanes;
    private final int layers;
    private final int valueBits;
    private final int weightFrac;
    private final int accBits;
    private final long accBias;
    private final boolean stochastic;
    private final boolean spram;
    private final boolean feedback;
    private final boolean plastic;
    private final boolean shared;
    private final int hiddenAddrMask;
    /** Lanes some layer uses; rtl-gen builds no update unit for the others. */
    private final int activeLanes;
    private final int rowIndexMask;
    private final int colIndexMask;
    /** Some buffer m >= 1 has more than one word per bank; else every p_gaddr write target is a register. */

    // ---- per-layer tables (indexed by layer_i; zeros past the last layer, as Hw.select) ----
    private final int[] used;
    private final int[] inW;
    private final int[] rpc;
    private final int[][] laneRow;
    private final int[][] laneCol;
    /**
     * Per layer: rows of its last row group when that group is ragged (else rpc), and the group's
     * bank and address in the next buffer; its idle rows are not written (rtl-gen's tail_k).
     */
    private final int[] tailRows;
    private final int[] tailBank;
    private final int[] tailAddr;

    // ---- sub-blocks ----
    /** u_h_m, m = 0..L (h_L = y) and u_e_m, m = 1..L (u_e[0] is null: no error reaches the inputs). */
    final ValueBuffer[] u_h;
    final ValueBuffer[] u_e;
    /** u_unit_l, one per active lane. */
    private final UpdateUnit[] u_unit;
    private final ErrorUnit u_err;
    final DitherKey u_key;

    // ---- registers ----
    /** p_row, p_col, p_vaddr, p_gaddr, p_gbank, p_first, p_last, key_w, key_b (Registers.layerEngine). */
    private final RegFile regs;
    private final int pRow;
    private final int pCol;
    private final int pVaddr;
    private final int pGaddr;
    private final int pGbank;
    private final int pFirst;
    private final int pLast;
    private final int pFwd;
    private final int keyW;
    private final int keyB;
    final int[] wlat_q;
    final int[] blat_q;
    final long[] acc_q;
    private final int[] wlat_d;
    private final int[] blat_d;
    private final long[] acc_d;

    // ---- this cycle ----
    /** wd_w_l_o, wd_b_l_o: valid in cycles that write the weight memory from the units. */
    final int[] wd_w;
    final int[] wd_b;
    private final long[] mac;
    private final int[] hOp;
    private final int[] eOp;
    private final long[] r;

    LayerEngine(Layout lay) {
        regs = new RegFile(Registers.layerEngine(lay));
        pRow = regs.slot("p_row");
        pCol = regs.slot("p_col");
        pVaddr = regs.slot("p_vaddr");
        pGaddr = regs.slot("p_gaddr");
        pGbank = regs.slot("p_gbank");
        pFirst = regs.slot("p_first");
        pLast = regs.slot("p_last");
        pFwd = regs.slot("p_fwd");
        keyW = regs.slot("key_w");
        keyB = regs.slot("key_b");
        DesignSpec spec = lay.spec();
        Numerics n = spec.numerics();
        lanes = lay.lanes();
        layers = lay.weightLayers();
        valueBits = n.valueBits();
        weightFrac = n.weightFrac();
        accBits = lay.accBits();
        accBias = lay.accBias();
        stochastic = lay.stochastic();
        spram = lay.spram();
        feedback = lay.anyFeedback();
        plastic = lay.anyPlastic();
        shared = lay.sharedUpdate();
        hiddenAddrMask = Hw.maskInt(lay.hiddenAddrBits());
        rowIndexMask = Hw.maskInt(lay.rowIndexBits());
        colIndexMask = Hw.maskInt(lay.colIndexBits());

        int tables = 1 << lay.layerBits();
        int[] usedK = new int[layers];
        int[] inWK = new int[layers];
        int[] rpcK = new int[layers];
        laneRow = new int[tables][lanes];
        laneCol = new int[tables][lanes];
        tailRows = new int[layers];
        tailBank = new int[layers];
        tailAddr = new int[layers];
        for (Layout.LayerLayout k : lay.layers()) {
            int tailStart = (k.rowGroups() - 1) * k.rpc();
            int banks = lay.buffer(k.k() + 1).banks();
            tailRows[k.k()] = k.rows() - tailStart;
            tailBank[k.k()] = tailStart % banks;
            tailAddr[k.k()] = tailStart / banks;
            usedK[k.k()] = k.used();
            inWK[k.k()] = k.inW();
            rpcK[k.k()] = k.rpc();
            for (int l = 0; l < k.used(); l++) {
                laneRow[k.k()][l] = k.laneRow(l);
                laneCol[k.k()][l] = k.laneCol(l);
            }
        }
        used = Hw.perLayer(lay.layerBits(), usedK);
        inW = Hw.perLayer(lay.layerBits(), inWK);
        rpc = Hw.perLayer(lay.layerBits(), rpcK);

        u_h = new ValueBuffer[layers + 1];
        u_e = new ValueBuffer[layers + 1];
        for (Layout.BufferLayout b : lay.buffers()) {
            u_h[b.m()] = new ValueBuffer(b.banks(), b.depth());
            if (b.m() > 0) u_e[b.m()] = new ValueBuffer(b.banks(), b.depth());
        }
        u_unit = new UpdateUnit[lay.activeLanes()];
        for (int l = 0; l < u_unit.length; l++) u_unit[l] = new UpdateUnit(lay);
        u_err = new ErrorUnit(valueBits, n.valueFrac());
        u_key = stochastic ? new DitherKey(spec.seed()) : null;

        activeLanes = lay.activeLanes();
        wlat_q = new int[spram && (feedback || shared) ? lanes : 0];
        wlat_d = new int[wlat_q.length];
        blat_q = new int[spram && plastic ? lanes : 0];
        blat_d = new int[blat_q.length];
        acc_q = new long[lay.accumulators()];
        acc_d = new long[acc_q.length];
        wd_w = new int[lanes];
        wd_b = new int[lanes];
        mac = new long[lanes];
        hOp = new int[lanes];
        eOp = new int[lanes];
        r = new long[acc_q.length];
    }

    /** y_o: bank y_bank_i of the output buffer's read data. */
    int y_o(int y_bank_i) {
        ValueBuffer y = u_h[layers];
        return y_bank_i < y.banks ? y.rd(y_bank_i) : 0;
    }

    void eval(EngineControl c, MemoryControl mc, WeightMemory mem) {
        int layer = c.layer;
        boolean valid = layer < layers;

        // ---- chunk coordinates, kept from the issue cycle to the compute cycle ----
        regs.hold();
        if (c.issue) {
            regs.d[pRow] = c.row;
            regs.d[pCol] = c.col;
            regs.d[pVaddr] = c.vaddr & hiddenAddrMask;
            regs.d[pGaddr] = c.gaddr;
            regs.d[pGbank] = c.gbank;
            regs.d[pFirst] = c.first ? 1 : 0;
            regs.d[pLast] = c.last ? 1 : 0;
            regs.d[pFwd] = c.fwd ? 1 : 0;
        }

        // ---- keys ----
        if (stochastic) {
            u_key.eval(c.key_start, c.sample, c.key_site);
            if (c.key_w) regs.d[keyW] = u_key.key_o();
            if (plastic && c.key_b) regs.d[keyB] = u_key.key_o();
        }

        // ---- SPRAM read data waits a slot in wlat/blat (staged: W from its stage-1 cycle) ----
        for (int l = 0; l < wlat_d.length; l++) wlat_d[l] = !shared || c.stage ? mem.rd_w[l] : wlat_q[l];
        for (int l = 0; l < blat_d.length; l++) blat_d[l] = mem.rd_b[l];

        // ---- value buffer read addresses: h_m at the chunk column, y at the output index, e_m at the group ----
        for (int m = 0; m < layers; m++) u_h[m].read(c.vaddr);
        u_h[layers].read(c.y_addr);
        for (int m = 1; m <= layers; m++) u_e[m].read(c.gaddr);

        // ---- inputs into h_0, output errors into e_L ----
        if (c.in_we && c.in_bank < u_h[0].banks) u_h[0].write(c.in_bank, c.in_addr, c.in_data);
        if (c.err_we && c.y_bank < u_e[layers].banks) {
            u_e[layers].write(c.y_bank, c.y_addr, u_err.e_out_o(y_o(c.y_bank), c.hit));
        }

        // ---- update units: products for the sums, new weights for the memory ----
        boolean unitWrite = (mc.we_w || mc.we_b) && !mc.ld;
        // rtl-gen's Hw.select of a single option is that option for any layer_i; of several, 0 past
        // the last. The staged units read their operands every cycle, also between passes.
        int sel = layers == 1 ? 0 : layer;
        if (c.cmp || unitWrite || shared) operands(sel, sel < layers);
        if (c.cmp || unitWrite) lanes(c, mc, mem, layer, valid, unitWrite);
        if (shared) stageUnits(c, sel, sel < layers);

        // ---- accumulators and the results they write ----
        if (c.cmp) {
            boolean fwd = regs.q[pFwd] != 0;
            accumulate(fwd, layer, valid);
            boolean write = regs.q[pLast] != 0 && valid;
            if (write && fwd) writeActivations(layer);
            if (write && !fwd && layer >= 1) writeHiddenErrors(layer);
        } else {
            System.arraycopy(acc_q, 0, acc_d, 0, acc_q.length);
        }
    }

    /** Each lane's h and e operands this cycle (rtl-gen's byLayer of hOps, eOps): 0 in a lane the layer does not use. */
    private void operands(int layer, boolean valid) {
        int rpcK = rpc[layer];
        ValueBuffer h = valid ? u_h[layer] : null;
        ValueBuffer e = valid ? u_e[layer + 1] : null;
        // e of lane row q sits in bank p_gbank + q when the group starts at a multiple of rpc inside the buffer.
        boolean groupOk = valid && (e.banks == rpcK || ((int) regs.q[pGbank] % rpcK == 0 && (int) regs.q[pGbank] + rpcK <= e.banks));
        int groupBase = e != null && e.banks == rpcK ? 0 : (int) regs.q[pGbank];
        for (int l = 0; l < lanes; l++) {
            boolean on = valid && l < used[layer];
            hOp[l] = on ? h.rd(laneCol[layer][l]) : 0;
            eOp[l] = on && groupOk ? e.rd(groupBase + laneRow[layer][l]) : 0;
        }
    }

    private void lanes(EngineControl c, MemoryControl mc, WeightMemory mem, int layer, boolean valid, boolean unitWrite) {
        int usedK = used[layer];
        int inWK = inW[layer];
        int rpcK = rpc[layer];
        boolean bsel = c.useblat;
        int keySel = bsel && plastic ? (int) regs.q[keyB] : (int) regs.q[keyW];
        for (int l = 0; l < lanes; l++) {
            boolean on = l < usedK;
            int hv = hOp[l];
            int ev = eOp[l];
            int w = wlat_q.length > 0 && c.uselat ? wlat_q[l] : mem.rd_w[l];
            int b = !feedback ? 0 : (blat_q.length > 0 && bsel ? blat_q[l] : mem.rd_b[l]);
            if (l >= activeLanes) {
                // No unit: an update writes the words read back unchanged.
                mac[l] = 0;
                if (unitWrite) {
                    wd_w[l] = w;
                    wd_b[l] = b;
                }
                continue;
            }
            mac[l] = u_unit[l].mac_o(c.fwd, w, b, hv, ev);
            if (!unitWrite) continue;
            long prod = (long) ev * hv;
            int row = offset((int) regs.q[pRow], on ? laneRow[layer][l] : 0, rpcK, rowIndexMask);
            int col = offset((int) regs.q[pCol], on ? laneCol[layer][l] : 0, inWK, colIndexMask);
            if (shared) {
                int out = u_unit[l].staged(bsel ? b : w);
                wd_w[l] = out;
                wd_b[l] = out;
            } else {
                if (mc.we_w) wd_w[l] = u_unit[l].update(w, prod, (int) regs.q[keyW], row, col);
                if (plastic && mc.we_b) wd_b[l] = u_unit[l].update(b, prod, (int) regs.q[keyB], col, row);
            }
        }
    }

    /**
     * Row sums (forward: rpc sums of inW lanes) or column sums (feedback: inW sums of rpc lanes) of
     * the lane products, added to the accumulators (from zero on the chunk that starts a sum), and
     * each rescaled to r_x = sat(acc_d >> weightFrac): the sum started at accBias, so the shift
     * rounds half up.
     */
    private void accumulate(boolean fwd, int layer, boolean valid) {
        int inWK = inW[layer];
        int rpcK = rpc[layer];
        for (int x = 0; x < acc_q.length; x++) {
            long sum = 0;
            if (valid && fwd && x < rpcK) {
                for (int j = 0; j < inWK; j++) sum += mac[x * inWK + j];
            } else if (valid && !fwd && layer >= 1 && x < inWK) {
                for (int q = 0; q < rpcK; q++) sum += mac[q * inWK + x];
            }
            long next = Hw.sext((regs.q[pFirst] != 0 ? accBias : acc_q[x]) + Hw.sext(sum, accBits), accBits);
            acc_d[x] = next;
            r[x] = Hw.saturate(next >> weightFrac, valueBits);
        }
    }

    /** h_{k+1}: the banks of the row group at p_gbank, relu on hidden layers, linear output. */
    private void writeActivations(int layer) {
        ValueBuffer out = u_h[layer + 1];
        boolean hidden = layer + 1 < layers;
        int rpcK = rpc[layer];
        for (int b = 0; b < out.banks; b++) {
            int groupStart = b / rpcK * rpcK;
            if ((int) regs.q[pGbank] != groupStart) continue;
            if (groupStart == tailBank[layer] && b - groupStart >= tailRows[layer] && (int) regs.q[pGaddr] == tailAddr[layer]) continue;
            int v = (int) r[b % rpcK];
            out.write(b, (int) regs.q[pGaddr], hidden && v < 0 ? 0 : v);
        }
    }

    /** e_k at the issued column address, masked by h_k > 0. */
    private void writeHiddenErrors(int layer) {
        ValueBuffer err = u_e[layer];
        ValueBuffer h = u_h[layer];
        for (int b = 0; b < err.banks; b++) err.write(b, (int) regs.q[pVaddr], ErrorUnit.e_hid_o((int) r[b], h.rd(b)));
    }

    /**
     * base + off for a chunk coordinate (rtl-gen's LayerEngine.offset): base is a multiple of align,
     * so for a power-of-two align the offset fills the low bits; otherwise an add at the base's width.
     */
    private static int offset(int base, int off, int align, int mask) {
        if (off == 0) return base;
        if (Integer.bitCount(align) == 1) return (base & ~(align - 1)) | off;
        return (base + off) & mask;
    }

    /**
     * The staged units' registers, every cycle: the dither of W's coordinates in slot 0 (dith_w: the
     * sequencer's), else of B's (the issued chunk's, swapped); stage 1 on stage_i.
     */
    private void stageUnits(EngineControl c, int layer, boolean valid) {
        int key = c.dith_w || !plastic ? (int) regs.q[keyW] : (int) regs.q[keyB];
        int inWK = inW[layer];
        int rpcK = rpc[layer];
        for (int l = 0; l < u_unit.length; l++) {
            boolean on = valid && l < used[layer];
            int lr = on ? laneRow[layer][l] : 0;
            int lc = on ? laneCol[layer][l] : 0;
            int row = valid ? offset((int) regs.q[pRow], lr, rpcK, rowIndexMask) : 0;
            int col = valid ? offset((int) regs.q[pCol], lc, inWK, colIndexMask) : 0;
            int dRow = !valid ? 0 : c.dith_w ? offset(c.row, lr, rpcK, rowIndexMask) : col;
            int dCol = !valid ? 0 : c.dith_w ? offset(c.col, lc, inWK, colIndexMask) : row;
            u_unit[l].stage(c.stage, key, dRow, dCol, (long) eOp[l] * hOp[l], row, col);
        }
    }

    void commit(boolean rst) {
        regs.commit(rst);
        if (shared) {
            for (UpdateUnit u : u_unit) u.commit();
        }
        if (stochastic) u_key.commit(rst);
        System.arraycopy(wlat_d, 0, wlat_q, 0, wlat_q.length);
        System.arraycopy(blat_d, 0, blat_q, 0, blat_q.length);
        System.arraycopy(acc_d, 0, acc_q, 0, acc_q.length);
        for (ValueBuffer b : u_h) b.commit();
        for (int m = 1; m <= layers; m++) u_e[m].commit();
    }

    void name(NamedState n, String at) {
        regs.name(n, at);
        if (shared) {
            for (int l = 0; l < u_unit.length; l++) u_unit[l].name(n, at + Hierarchy.path(Hierarchy.unit(l)));
        }
        if (stochastic) u_key.name(n, at + Hierarchy.path(Hierarchy.KEY));
        for (int l = 0; l < wlat_q.length; l++) {
            int lane = l;
            n.reg(at + "wlat_" + l + "_q", () -> wlat_q[lane], (v, w) -> wlat_q[lane] = (int) Hw.sext(v, w));
        }
        for (int l = 0; l < blat_q.length; l++) {
            int lane = l;
            n.reg(at + "blat_" + l + "_q", () -> blat_q[lane], (v, w) -> blat_q[lane] = (int) Hw.sext(v, w));
        }
        for (int x = 0; x < acc_q.length; x++) {
            int i = x;
            n.reg(at + "acc_" + x + "_q", () -> acc_q[i], (v, w) -> acc_q[i] = Hw.sext(v, w));
        }
        for (int m = 0; m <= layers; m++) {
            u_h[m].name(n, at + "u_h_" + m + ".");
            if (m > 0) u_e[m].name(n, at + "u_e_" + m + ".");
        }
    }

    /** Test-only: see CycleEmulator.injectUpdateFault. */
    void injectUpdateFault(int row, int col) {
        for (UpdateUnit u : u_unit) u.injectFault(row, col);
    }
}
