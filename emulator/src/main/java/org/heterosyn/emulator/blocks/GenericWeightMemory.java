package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.Layout;

import java.util.Arrays;

/**
 * Twin of rtl-gen's GenericWeightMemory (heterosyn_weight_mem_generic_*): W_k and B_k of every
 * layer are separate memories per lane (depth = chunks of layer k), firtool's
 * heterosyn_wram_&lt;m&gt;&lt;k&gt;_&lt;l&gt;_ext with a combinational read port at the low bits of
 * raddr_i the depth needs, its data registered in &lt;m&gt;&lt;k&gt;_&lt;l&gt;_rd_q (the word as it was
 * before the cycle's write), and a write port at waddr_i. A one-chunk matrix is a register
 * &lt;m&gt;&lt;k&gt;_&lt;l&gt;_q, read directly.
 */
final class GenericWeightMemory extends WeightMemory {
    private final Layout lay;
    private final int layers;
    /** [m][k][l][chunk], m 0 W and 1 B, for lanes l < used(k); null where the layer stores no such matrix. */
    private final int[][][][] mem;
    private final int[] depth;
    private final int[] addrMask;
    /**
     * The read registers &lt;m&gt;&lt;k&gt;_&lt;l&gt;_rd_q (memories of more than one chunk), held as the
     * address they were read at: rd_q = mem[raddr_q[k]] unless the edge that registered the address
     * also wrote that word, in which case {@code held}/{@code heldValue} keep the word as it was.
     */
    private final int[] raddr_q;
    private final int[] raddr_d;
    private final boolean[][][] held;
    private final int[][][] heldValue;
    private final boolean[] heldAny;
    private boolean writes;
    private int wLayer;
    private int wAddr;

    GenericWeightMemory(Layout lay) {
        super(lay);
        this.lay = lay;
        layers = lay.weightLayers();
        mem = new int[2][layers][][];
        depth = new int[layers];
        addrMask = new int[layers];
        raddr_q = new int[layers];
        raddr_d = new int[layers];
        held = new boolean[2][layers][];
        heldValue = new int[2][layers][];
        heldAny = new boolean[layers];
        for (Layout.LayerLayout k : lay.layers()) {
            int i = k.k();
            depth[i] = k.chunks();
            addrMask[i] = Hw.maskInt(Layout.bits(k.chunks() - 1));
            for (int m = 0; m < (k.feedback() ? 2 : 1); m++) {
                mem[m][i] = new int[k.used()][k.chunks()];
                held[m][i] = new boolean[k.used()];
                heldValue[m][i] = new int[k.used()];
            }
        }
    }

    /** A one-chunk matrix is a register, read as it is; a memory's data is its read register. */
    @Override
    void read(int layer_i) {
        if (layer_i >= layers) {
            Arrays.fill(rd_w, 0);
            Arrays.fill(rd_b, 0);
            return;
        }
        for (int l = 0; l < lanes; l++) {
            rd_w[l] = read(layer_i, 0, l);
            rd_b[l] = read(layer_i, 1, l);
        }
    }

    private int read(int k, int m, int l) {
        int[][] banks = mem[m][k];
        if (banks == null || l >= banks.length) return 0;
        return depth[k] == 1 ? banks[l][0] : readRegister(k, m, l);
    }

    /** &lt;m&gt;&lt;k&gt;_&lt;l&gt;_rd_q of matrix m; a read past the depth gives 0, as in Verilator. */
    private int readRegister(int k, int m, int l) {
        if (held[m][k][l]) return heldValue[m][k][l];
        int a = raddr_q[k];
        return a < depth[k] ? mem[m][k][l][a] : 0;
    }

    @Override
    int word(Layout.LayerLayout k, int matrix, int chunk, int lane) { return mem[matrix][k.k()][lane][chunk]; }

    @Override
    void address(MemoryControl c, boolean write) {
        for (int k = 0; k < layers; k++) raddr_d[k] = c.raddr & addrMask[k];
        writes = write && c.layer < layers;
        wLayer = c.layer;
        wAddr = c.waddr;
    }

    /** The read registers take the words as they are before this edge's writes. */
    @Override
    void commit() {
        for (int k = 0; k < layers; k++) {
            if (heldAny[k]) {
                for (boolean[][] h : held) {
                    if (h[k] != null) Arrays.fill(h[k], false);
                }
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
        for (int m = 0; m < 2; m++) {
            int[][] banks = mem[m][k];
            if (banks == null) continue;
            boolean[] we = m == 0 ? weW : weB;
            int[] data = m == 0 ? dataW : dataB;
            for (int l = 0; l < banks.length; l++) {
                if (!we[l]) continue;
                if (!reg) holdRead(k, m, l, a);
                banks[l][a] = data[l];
            }
        }
    }

    /** Before word a changes: its read register keeps the word it read there. */
    private void holdRead(int k, int m, int l, int a) {
        if (a != raddr_q[k] || held[m][k][l]) return;
        heldValue[m][k][l] = mem[m][k][l][a];
        held[m][k][l] = true;
        heldAny[k] = true;
    }

    @Override
    void name(NamedState n, String at) {
        for (Layout.LayerLayout k : lay.layers()) {
            for (int m = 0; m < (k.feedback() ? 2 : 1); m++) {
                for (int l = 0; l < k.used(); l++) name(n, at, k, m, l);
            }
        }
    }

    private void name(NamedState n, String at, Layout.LayerLayout k, int m, int lane) {
        int layer = k.k();
        int[] bank = mem[m][layer][lane];
        String id = (m == 0 ? "w" : "b") + layer + "_" + lane;
        if (k.chunks() == 1) {
            n.reg(at + id + "_q", () -> bank[0], (v, w) -> bank[0] = Hw.sext((int) v, w));
            n.mem(at + id + "_q", a -> bank[0], (a, v, w) -> bank[0] = Hw.sext((int) v, w));
            return;
        }
        n.mem(at + "heterosyn_wram_" + id + "_ext.Memory", a -> bank[a], (a, v, w) -> {
            holdRead(layer, m, lane, a);
            bank[a] = Hw.sext((int) v, w);
        });
        n.reg(at + id + "_rd_q", () -> readRegister(layer, m, lane), (v, w) -> {
            held[m][layer][lane] = true;
            heldValue[m][layer][lane] = Hw.sext((int) v, w);
            heldAny[layer] = true;
        });
    }
}
