package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.spec.Spram;

/**
 * Twin of rtl-gen's SpramWeightMemory (heterosyn_weight_mem_spram_*): each lane's bank is
 * SB_SPRAM256KA blocks u_spram_&lt;l&gt;_&lt;s&gt; holding all matrices one after the other
 * (Layout.regions). Single port: a block with WREN writes, every other block (other lanes during a
 * load, other blocks of the lane) reads its ADDRESS into DATAOUT at the clock edge; block_q
 * remembers which block was read, to select DATAOUT in the next cycle.
 */
final class SpramWeightMemory extends WeightMemory {
    private static final int SPRAM_MASK = Spram.DEPTH - 1;
    private static final int SPRAM_WORD = (1 << Spram.WIDTH) - 1;

    private final Layout lay;
    private final int weightBits;
    private final int blocks;
    private final int bankAddrMask;
    /** Base word of W (column 0) and B (column 1) per layer (B's = W's when the layer has none). */
    private final int[][] base;
    /** SB_SPRAM256KA mem of block (l, s) at [l * blocks + s], 16-bit words. */
    private final int[][] spramMem;
    /**
     * Each block's DATAOUT register, held as the address it last read: DATAOUT = mem[doutAddr]
     * unless a later write changed that word, in which case {@code doutHeld} keeps the word read.
     */
    private final int[] doutAddr;
    private final boolean[] doutHeld;
    private final int[] doutValue;
    private int block_q;
    private int block_d;
    /** Per block this cycle: WREN (write) or a read of {@link #addr}. */
    private final boolean[] wren;
    private int addr;

    SpramWeightMemory(Layout lay) {
        super(lay);
        this.lay = lay;
        weightBits = lay.weightBits();
        blocks = lay.spramsPerLane();
        bankAddrMask = Hw.maskInt(lay.bankAddrBits());
        base = new int[1 << lay.layerBits()][2];
        for (Layout.LayerLayout k : lay.layers()) {
            int w = lay.region(k.k(), 0).base();
            base[k.k()][0] = w;
            base[k.k()][1] = k.feedback() ? lay.region(k.k(), 1).base() : w;
        }
        spramMem = new int[lanes * blocks][Spram.DEPTH];
        doutAddr = new int[lanes * blocks];
        doutHeld = new boolean[lanes * blocks];
        doutValue = new int[lanes * blocks];
        wren = new boolean[lanes * blocks];
    }

    @Override
    void read(int layer_i) {
        for (int l = 0; l < lanes; l++) {
            int raw = blocks == 1 ? dataOut(l) : (block_q < blocks ? dataOut(l * blocks + block_q) : 0);
            int v = Hw.sext(raw, weightBits);
            rd_w[l] = v;
            rd_b[l] = v;
        }
    }

    /** DATAOUT of block i. */
    private int dataOut(int i) {
        return doutHeld[i] ? doutValue[i] : spramMem[i][doutAddr[i]];
    }

    @Override
    int word(Layout.LayerLayout k, int matrix, int chunk, int lane) {
        int at = lay.region(k.k(), matrix).base() + chunk;
        return spramMem[lane * blocks + at / Spram.DEPTH][at % Spram.DEPTH];
    }

    /** One access per block: the write address while writing, else the read address. */
    @Override
    void address(MemoryControl c, boolean write) {
        int phys = write
                ? (base[c.layer][c.we_b ? 1 : 0] + c.waddr) & bankAddrMask
                : (base[c.layer][c.mat ? 1 : 0] + c.raddr) & bankAddrMask;
        int block = phys >>> Spram.ADDR_BITS;
        block_d = block;
        addr = phys & SPRAM_MASK;
        for (int l = 0; l < lanes; l++) {
            for (int s = 0; s < blocks; s++) wren[l * blocks + s] = write && block == s && (weW[l] || weB[l]);
        }
    }

    /** A block either writes (DATAOUT holds) or reads its ADDRESS into DATAOUT. */
    @Override
    void commit() {
        for (int l = 0; l < lanes; l++) {
            for (int s = 0; s < blocks; s++) {
                int i = l * blocks + s;
                if (!wren[i]) {
                    doutAddr[i] = addr;
                    doutHeld[i] = false;
                    continue;
                }
                holdDataOut(i, addr);
                // wdata_l: the B data when we_b_i, else the W data (16-bit two's complement in the block).
                spramMem[i][addr] = (weB[l] ? dataB[l] : dataW[l]) & SPRAM_WORD;
            }
        }
        block_q = block_d;
    }

    /** Before word a of block i changes: its DATAOUT keeps the word it read there. */
    private void holdDataOut(int i, int a) {
        if (doutHeld[i] || doutAddr[i] != a) return;
        doutHeld[i] = true;
        doutValue[i] = spramMem[i][a];
    }

    @Override
    void name(NamedState n, String at) {
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
    }
}
