package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.Layout;

/**
 * Twin of rtl-gen's WeightMemory (heterosyn_weight_mem_*, instance u_wmem), one bank per lane.
 *
 * <p>generic: W_k and B_k of every layer are separate memories per lane (depth = chunks of layer
 * k), firtool's heterosyn_wram_&lt;m&gt;&lt;k&gt;_&lt;l&gt;_ext with a combinational read port at the low
 * bits of raddr_i the depth needs, its data registered in &lt;m&gt;&lt;k&gt;_&lt;l&gt;_rd_q (the word as it
 * was before the cycle's write), and a write port at waddr_i. A one-chunk matrix is a register
 * &lt;m&gt;&lt;k&gt;_&lt;l&gt;_q, read directly.
 *
 * <p>spram: each lane's bank is SB_SPRAM256KA blocks u_spram_&lt;l&gt;_&lt;s&gt; holding all matrices one
 * after the other (Layout.regions). Single port: a block with WREN writes, every other block (other
 * lanes during a load, other blocks of the lane) reads its ADDRESS into DATAOUT at the clock edge;
 * block_q remembers which block was read, to select DATAOUT in the next cycle.
 *
 * <p>Loads (ld_i) write ld_data_i into lane ld_lane_i only; rd_one_o is lane ld_lane_i of the W or
 * B read data, for the read-weights command.
 */
final class WeightMemory {
    private static final int SPRAM_MASK = Layout.SPRAM_DEPTH - 1;
    private static final int SPRAM_WORD = 0xFFFF;

    private final int lanes;
    private final int weightBits;
    private final boolean spram;
    private final boolean feedback;
    private final boolean plastic;
    private final int layers;

    // ---- generic ----
    /** [k][l][chunk] for lanes l < used(k); null where the layer stores no such matrix. */
    final int[][][] wmem;
    final int[][][] bmem;
    private final int[] depth;
    private final int[] addrMask;
    /**
     * The read registers &lt;m&gt;&lt;k&gt;_&lt;l&gt;_rd_q (memories of more than one chunk), held as the
     * address they were read at: rd_q = mem[raddr_q[k]] unless the edge that registered the address
     * also wrote that word, in which case {@code wHeld}/{@code bHeld} keep the word as it was.
     */
    private final int[] raddr_q;
    private final int[] raddr_d;
    private final boolean[][] wHeld;
    private final boolean[][] bHeld;
    private final int[][] wHeldValue;
    private final int[][] bHeldValue;
    private final boolean[] heldAny;

    // ---- spram ----
    private final int blocks;
    private final int bankAddrMask;
    /** Base word of W (column 0) and B (column 1) per layer (B's = W's when the layer has none). */
    private final int[][] base;
    /** SB_SPRAM256KA mem of block (l, s) at [l * blocks + s], 16-bit words. */
    final int[][] spramMem;
    /**
     * Each block's DATAOUT register, held as the address it last read: DATAOUT = mem[doutAddr]
     * unless a later write changed that word, in which case {@code doutHeld} keeps the word read.
     */
    private final int[] doutAddr;
    private final boolean[] doutHeld;
    private final int[] doutValue;
    int block_q;
    private int block_d;
    /** Per block this cycle: WREN (write) or a read of {@link #wAddr}. */
    private final boolean[] wren;

    // ---- this cycle ----
    /** rd_w_l_o / rd_b_l_o, valid after {@link #read}. */
    final int[] rd_w;
    final int[] rd_b;
    private boolean writes;
    private int wLayer;
    private int wAddr;
    private final boolean[] weW;
    private final boolean[] weB;
    private final int[] dataW;
    private final int[] dataB;

    private final Layout lay;

    WeightMemory(Layout lay) {
        this.lay = lay;
        lanes = lay.lanes();
        weightBits = lay.weightBits();
        spram = lay.spram();
        layers = lay.weightLayers();
        feedback = lay.layers().stream().anyMatch(Layout.LayerLayout::feedback);
        plastic = lay.layers().stream().anyMatch(Layout.LayerLayout::plastic);
        rd_w = new int[lanes];
        rd_b = new int[lanes];
        weW = new boolean[lanes];
        weB = new boolean[lanes];
        dataW = new int[lanes];
        dataB = new int[lanes];
        int tables = 1 << lay.layerBits();
        if (spram) {
            wmem = null;
            bmem = null;
            depth = null;
            addrMask = null;
            raddr_q = raddr_d = null;
            wHeld = bHeld = null;
            wHeldValue = bHeldValue = null;
            heldAny = null;
            blocks = lay.spramsPerLane();
            bankAddrMask = Hw.maskInt(lay.bankAddrBits());
            base = new int[tables][2];
            for (Layout.LayerLayout k : lay.layers()) {
                int w = lay.region(k.k(), 0).base();
                base[k.k()][0] = w;
                base[k.k()][1] = k.feedback() ? lay.region(k.k(), 1).base() : w;
            }
            spramMem = new int[lanes * blocks][Layout.SPRAM_DEPTH];
            doutAddr = new int[lanes * blocks];
            doutHeld = new boolean[lanes * blocks];
            doutValue = new int[lanes * blocks];
            wren = new boolean[lanes * blocks];
        } else {
            blocks = 0;
            bankAddrMask = 0;
            base = null;
            spramMem = null;
            doutAddr = null;
            doutHeld = null;
            doutValue = null;
            wren = null;
            wmem = new int[layers][][];
            bmem = new int[layers][][];
            depth = new int[layers];
            addrMask = new int[layers];
            raddr_q = new int[layers];
            raddr_d = new int[layers];
            wHeld = new boolean[layers][];
            bHeld = new boolean[layers][];
            wHeldValue = new int[layers][];
            bHeldValue = new int[layers][];
            heldAny = new boolean[layers];
            for (Layout.LayerLayout k : lay.layers()) {
                int i = k.k();
                depth[i] = k.chunks();
                addrMask[i] = Hw.maskInt(Layout.bits(k.chunks() - 1));
                wmem[i] = new int[k.used()][k.chunks()];
                wHeld[i] = new boolean[k.used()];
                wHeldValue[i] = new int[k.used()];
                if (k.feedback()) {
                    bmem[i] = new int[k.used()][k.chunks()];
                    bHeld[i] = new boolean[k.used()];
                    bHeldValue[i] = new int[k.used()];
                }
            }
        }
    }

    /** The read data of this cycle (rd_w, rd_b) from registered state; layer_i is u_ctrl.layer_q. */
    void read(int layer_i) {
        if (spram) {
            for (int l = 0; l < lanes; l++) {
                int raw = blocks == 1 ? dataOut(l) : (block_q < blocks ? dataOut(l * blocks + block_q) : 0);
                int v = Hw.sext(raw, weightBits);
                rd_w[l] = v;
                rd_b[l] = v;
            }
            return;
        }
        if (layer_i >= layers) {
            java.util.Arrays.fill(rd_w, 0);
            java.util.Arrays.fill(rd_b, 0);
            return;
        }
        // A one-chunk matrix is a register, read as it is; a memory's data is its read register.
        boolean reg = depth[layer_i] == 1;
        int[][] w = wmem[layer_i];
        int[][] b = bmem[layer_i];
        for (int l = 0; l < lanes; l++) {
            rd_w[l] = l >= w.length ? 0 : reg ? w[l][0] : readRegister(layer_i, 0, l);
            rd_b[l] = b == null || l >= b.length ? 0 : reg ? b[l][0] : readRegister(layer_i, 1, l);
        }
    }

    /** DATAOUT of block i. */
    private int dataOut(int i) {
        return doutHeld[i] ? doutValue[i] : spramMem[i][doutAddr[i]];
    }

    /** The stored word of lane {@code lane}, chunk {@code chunk} of layer k's matrix (0 W, 1 B), by back door. */
    int word(Layout.LayerLayout k, int matrix, int chunk, int lane) {
        if (spramMem != null) {
            int at = lay.region(k.k(), matrix).base() + chunk;
            return spramMem[lane * lay.spramsPerLane() + at / Layout.SPRAM_DEPTH][at % Layout.SPRAM_DEPTH];
        }
        return (matrix == 0 ? wmem : bmem)[k.k()][lane][chunk];
    }

    /** rd_one_o: lane ld_lane_i of the B (mat_i) or W read data. */
    int rd_one_o(boolean mat_i, int ld_lane_i) {
        if (ld_lane_i >= lanes) return 0;
        return feedback && mat_i ? rd_b[ld_lane_i] : rd_w[ld_lane_i];
    }

    /** The next state from the controller's memory controls and the engine's write data. */
    void eval(MemoryControl c, LayerEngine eng) {
        boolean ld = c.ld;
        boolean anyWrite = c.we_w || c.we_b;
        if (anyWrite) {
            for (int l = 0; l < lanes; l++) {
                boolean laneEn = !ld || c.ld_lane == l;
                weW[l] = laneEn && c.we_w;
                weB[l] = laneEn && c.we_b;
                dataW[l] = ld ? c.ld_data : eng.wd_w[l];
                dataB[l] = plastic && !ld ? eng.wd_b[l] : c.ld_data;
            }
        }
        if (spram) {
            // One access per block: the write address while writing, else the read address.
            int phys = anyWrite
                    ? (base[c.layer][c.we_b ? 1 : 0] + c.waddr) & bankAddrMask
                    : (base[c.layer][c.mat ? 1 : 0] + c.raddr) & bankAddrMask;
            int block = phys >>> Layout.SPRAM_ADDR_BITS;
            int inner = phys & SPRAM_MASK;
            block_d = block;
            wAddr = inner;
            for (int l = 0; l < lanes; l++) {
                for (int s = 0; s < blocks; s++) wren[l * blocks + s] = anyWrite && block == s && (weW[l] || weB[l]);
            }
            return;
        }
        for (int k = 0; k < layers; k++) raddr_d[k] = c.raddr & addrMask[k];
        writes = anyWrite && c.layer < layers;
        wLayer = c.layer;
        wAddr = c.waddr;
    }

    /** &lt;m&gt;&lt;k&gt;_&lt;l&gt;_rd_q of matrix m (0 W, 1 B); a read past the depth gives 0, as in Verilator. */
    private int readRegister(int k, int m, int l) {
        boolean[] held = m == 0 ? wHeld[k] : bHeld[k];
        if (held[l]) return (m == 0 ? wHeldValue[k] : bHeldValue[k])[l];
        int a = raddr_q[k];
        return a < depth[k] ? (m == 0 ? wmem[k] : bmem[k])[l][a] : 0;
    }

    void commit() {
        if (spram) {
            // A block either writes (DATAOUT holds) or reads its ADDRESS into DATAOUT.
            for (int l = 0; l < lanes; l++) {
                for (int s = 0; s < blocks; s++) {
                    int i = l * blocks + s;
                    if (!wren[i]) {
                        doutAddr[i] = wAddr;
                        doutHeld[i] = false;
                        continue;
                    }
                    holdDataOut(i, wAddr);
                    spramMem[i][wAddr] = wdata(l) & SPRAM_WORD;
                }
            }
            block_q = block_d;
            return;
        }
        // The read registers take the words as they are before this edge's writes.
        for (int k = 0; k < layers; k++) {
            if (heldAny[k]) {
                java.util.Arrays.fill(wHeld[k], false);
                if (bHeld[k] != null) java.util.Arrays.fill(bHeld[k], false);
                heldAny[k] = false;
            }
            raddr_q[k] = raddr_d[k];
        }
        if (!writes) return;
        writes = false;
        int k = wLayer;
        boolean reg = depth[k] == 1;
        int a = reg ? 0 : wAddr & addrMask[k];
        if (a >= depth[k]) return;
        int[][] w = wmem[k];
        int[][] b = bmem[k];
        for (int l = 0; l < w.length; l++) {
            if (weW[l]) {
                if (!reg) holdRead(k, 0, l, a);
                w[l][a] = dataW[l];
            }
            if (b != null && weB[l]) {
                if (!reg) holdRead(k, 1, l, a);
                b[l][a] = dataB[l];
            }
        }
    }

    /** Before word a of a generic memory changes: its read register keeps the word it read there. */
    private void holdRead(int k, int m, int l, int a) {
        boolean[] held = m == 0 ? wHeld[k] : bHeld[k];
        if (a != raddr_q[k] || held[l]) return;
        (m == 0 ? wHeldValue : bHeldValue)[k][l] = (m == 0 ? wmem : bmem)[k][l][a];
        held[l] = true;
        heldAny[k] = true;
    }

    /** Before word a of SPRAM block i changes: its DATAOUT keeps the word it read there. */
    private void holdDataOut(int i, int a) {
        if (doutHeld[i] || doutAddr[i] != a) return;
        doutHeld[i] = true;
        doutValue[i] = spramMem[i][a];
    }

    /** wdata_l: the B data when we_b_i, else the W data (16-bit two's complement in the block). */
    private int wdata(int l) {
        return weB[l] ? dataB[l] : dataW[l];
    }

    void name(NamedState n, String at, Layout lay) {
        if (spram) {
            for (int l = 0; l < lanes; l++) {
                for (int s = 0; s < blocks; s++) {
                    int i = l * blocks + s;
                    n.mem(at + "u_spram_" + l + "_" + s, a -> spramMem[i][a], (a, v, w) -> {
                        holdDataOut(i, a);
                        spramMem[i][a] = (int) v;
                    });
                }
            }
            if (blocks > 1) n.reg(at + "block_q", () -> block_q, (v, w) -> block_q = (int) v);
            return;
        }
        for (Layout.LayerLayout k : lay.layers()) {
            for (int m = 0; m < (k.feedback() ? 2 : 1); m++) {
                int[][] mem = m == 0 ? wmem[k.k()] : bmem[k.k()];
                int matrix = m;
                int layer = k.k();
                for (int l = 0; l < k.used(); l++) {
                    int lane = l;
                    String id = (m == 0 ? "w" : "b") + k.k() + "_" + l;
                    if (k.chunks() == 1) {
                        n.reg(at + id + "_q", () -> mem[lane][0], (v, w) -> mem[lane][0] = (int) Hw.sext(v, w));
                        n.mem(at + id + "_q", a -> mem[lane][0], (a, v, w) -> mem[lane][0] = (int) Hw.sext(v, w));
                    } else {
                        n.mem(at + "heterosyn_wram_" + id + "_ext.Memory", a -> mem[lane][a], (a, v, w) -> {
                            holdRead(layer, matrix, lane, a);
                            mem[lane][a] = (int) Hw.sext(v, w);
                        });
                        n.reg(at + id + "_rd_q", () -> readRegister(layer, matrix, lane), (v, w) -> {
                            (matrix == 0 ? wHeld : bHeld)[layer][lane] = true;
                            (matrix == 0 ? wHeldValue : bHeldValue)[layer][lane] = (int) Hw.sext(v, w);
                            heldAny[layer] = true;
                        });
                    }
                }
            }
        }
    }
}
