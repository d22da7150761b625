package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Registers;

/**
 * Twin of rtl-gen's PassSequencer (heterosyn_pass_sequencer, instance u_ctrl.u_seq): the chunk
 * order of forward and update passes and the strobes of each cycle. {@link #eval} computes the
 * outputs (functions of the registers, layer_i, fwd_i and upd_i) and the pass's next state; the
 * controller, having read done_o, then calls {@link #init} for init_i, which wins as in the RTL.
 */
public final class PassSequencer {
    private final RegFile r;
    private final int addr;
    private final int paddr;
    private final int c;
    private final int t;
    private final int rowb;
    private final int colb;
    private final int gbank;
    private final int gaddr;
    private final int slot;
    private final int drain;
    private final int pv;
    private final boolean spram;
    private final boolean staged;
    private final boolean stochastic;
    private final long groupBankMask;
    /** Per-layer constants (Hw.perLayer: 0 past the last layer). */
    private final long[] lastChunk;
    private final long[] lastCol;
    private final long[] cpr;
    private final long[] lastGroup;
    private final long[] rpc;
    private final long[] inW;
    private final long[] groupBanks;
    private final boolean[] plastic;
    private final long[] lastSlot;

    boolean issue_o;
    boolean first_o;
    boolean last_o;
    boolean cmp_o;
    boolean uselat_o;
    boolean useblat_o;
    boolean stage_o;
    boolean read_b_o;
    boolean we_w_o;
    boolean we_b_o;
    long waddr_o;
    boolean done_o;

    PassSequencer(Layout lay) {
        r = new RegFile(Registers.passSequencer(lay));
        addr = r.slot("addr");
        paddr = r.slot("paddr");
        c = r.slot("c");
        t = r.slot("t");
        rowb = r.slot("rowb");
        colb = r.slot("colb");
        gbank = r.slot("gbank");
        gaddr = r.slot("gaddr");
        slot = r.slot("slot");
        drain = r.slot("drain");
        pv = r.slot("pv");
        spram = lay.spram();
        staged = lay.sharedUpdate();
        stochastic = lay.stochastic();
        groupBankMask = Hw.mask(lay.groupBankBits());
        int n = 1 << lay.layerBits();
        lastChunk = new long[n];
        lastCol = new long[n];
        cpr = new long[n];
        lastGroup = new long[n];
        rpc = new long[n];
        inW = new long[n];
        groupBanks = new long[n];
        plastic = new boolean[n];
        lastSlot = new long[n];
        for (Layout.LayerLayout k : lay.layers()) {
            int i = k.k();
            lastChunk[i] = k.chunks() - 1;
            lastCol[i] = k.cpr() - 1;
            cpr[i] = k.cpr();
            lastGroup[i] = k.rowGroups() - 1;
            rpc[i] = k.rpc();
            inW[i] = k.inW();
            groupBanks[i] = lay.buffer(i + 1).banks();
            plastic[i] = k.plastic();
            lastSlot[i] = lay.spramSlot(i) - 1;
        }
    }

    long addr_o() { return r.q[addr]; }

    /** Slot 0 of a staged design: the dither to register is W's (rtl-gen's dith_w_o). */
    boolean dith_w_o() { return staged && r.q[slot] == 0; }

    long row_o() { return stochastic ? r.q[rowb] : 0; }

    long col_o() { return stochastic ? r.q[colb] : 0; }

    long vaddr_o() { return r.q[c]; }

    long gaddr_o() { return r.q[gaddr]; }

    long gbank_o() { return r.q[gbank]; }

    void eval(int layer, boolean fwd, boolean upd) {
        r.hold();
        issue_o = first_o = last_o = cmp_o = uselat_o = useblat_o = stage_o = read_b_o = we_w_o = we_b_o = done_o = false;
        waddr_o = r.q[addr];
        if (fwd) forward(layer);
        if (upd) {
            if (spram && staged) {
                updateStaged(layer);
            } else if (spram) {
                updateSpram(layer);
            } else {
                updateGeneric(layer);
            }
        }
    }

    /** init_i: rewind to the pass's first chunk (after {@link #eval}, so it wins). */
    void init() {
        for (int x : new int[] {addr, c, t, rowb, colb, gbank, gaddr, slot, drain, pv}) r.d[x] = 0;
    }

    private void nextGroup(int layer) {
        long next = (r.q[gbank] + rpc[layer]) & ((groupBankMask << 1) | 1);
        if (next == groupBanks[layer]) {
            r.d[gbank] = 0;
            r.d[gaddr] = r.q[gaddr] + 1;
        } else {
            r.d[gbank] = next;
        }
    }

    /** FWD: row-major over the layer's chunks, one per cycle, then one drain cycle. */
    private void forward(int layer) {
        cmp_o = r.q[pv] == 1;
        done_o = r.q[drain] == 1;
        if (r.q[drain] == 1) {
            r.d[pv] = 0;
            return;
        }
        boolean endRow = r.q[c] == lastCol[layer];
        issue_o = true;
        first_o = r.q[c] == 0;
        last_o = endRow;
        r.d[pv] = 1;
        r.d[addr] = r.q[addr] + 1;
        if (endRow) {
            r.d[c] = 0;
            nextGroup(layer);
        } else {
            r.d[c] = r.q[c] + 1;
        }
        if (r.q[addr] == lastChunk[layer]) r.d[drain] = 1;
    }

    private void issueStep(int layer) {
        issue_o = true;
        first_o = r.q[t] == 0;
        last_o = r.q[t] == lastGroup[layer];
    }

    /** Column-major to the next chunk: the next row group, or row group 0 of the next column. */
    private void advance(int layer) {
        if (r.q[t] == lastGroup[layer]) {
            r.d[t] = 0;
            r.d[rowb] = 0;
            r.d[gbank] = 0;
            r.d[gaddr] = 0;
            r.d[c] = r.q[c] + 1;
            // Past the last column the base wraps; nothing reads it before the next pass rewinds it.
            r.d[colb] = r.q[colb] + inW[layer];
            r.d[addr] = r.q[c] + 1;
        } else {
            r.d[t] = r.q[t] + 1;
            r.d[rowb] = r.q[rowb] + rpc[layer];
            r.d[addr] = r.q[addr] + cpr[layer];
            nextGroup(layer);
        }
    }

    private boolean lastChunk(int layer) {
        return r.q[t] == lastGroup[layer] && r.q[c] == lastCol[layer];
    }

    /** Two-port memories: a chunk per cycle (compute and write back one cycle later), then a drain. */
    private void updateGeneric(int layer) {
        boolean p = r.q[pv] == 1;
        cmp_o = p;
        we_w_o = p;
        we_b_o = p && plastic[layer];
        waddr_o = r.q[paddr];
        done_o = r.q[drain] == 1;
        if (r.q[drain] == 1) {
            r.d[pv] = 0;
            return;
        }
        issueStep(layer);
        r.d[pv] = 1;
        r.d[paddr] = r.q[addr];
        advance(layer);
        if (lastChunk(layer)) r.d[drain] = 1;
    }

    /** SPRAM: a slot of cycles per chunk (0 read W; 1 read B or compute; 2 compute; 3 write B'). */
    private void updateSpram(int layer) {
        long s = r.q[slot];
        long last = lastSlot[layer];
        boolean threeOrMore = last >= 2;
        if (s == 0) issueStep(layer);
        if (s == 1 && threeOrMore) read_b_o = true;
        if (threeOrMore ? s == 2 : s == 1) {
            cmp_o = true;
            uselat_o = threeOrMore;
            we_w_o = true;
        }
        if (s == 3) {
            we_b_o = true;
            useblat_o = true;
        }
        if (s == last) {
            r.d[slot] = 0;
            done_o = lastChunk(layer);
            advance(layer);
        } else {
            r.d[slot] = s + 1;
        }
    }

    /**
     * SPRAM with the staged update (rtl-gen's updateStaged). Four slots: stage 1 of W in slot 1, of B
     * in slot 2. Two slots: slot 1 runs chunk n's stage 1 and writes chunk n-1 at paddr; a drain pair
     * writes the last.
     */
    private void updateStaged(int layer) {
        long s = r.q[slot];
        boolean live = r.q[drain] == 0;
        if (s == 0 && live) issueStep(layer);
        if (lastSlot[layer] == 3) {
            read_b_o = s == 1;
            stage_o = s == 1 || s == 2;
            cmp_o = uselat_o = we_w_o = s == 2;
            we_b_o = useblat_o = s == 3;
            if (s == 3) {
                r.d[slot] = 0;
                done_o = lastChunk(layer);
                advance(layer);
            } else {
                r.d[slot] = s + 1;
            }
            return;
        }
        waddr_o = r.q[paddr];
        if (s != 1) {
            r.d[slot] = s + 1;
            return;
        }
        cmp_o = stage_o = live;
        uselat_o = true;
        we_w_o = r.q[pv] == 1;
        done_o = !live;
        r.d[slot] = 0;
        r.d[pv] = live ? 1 : 0;
        r.d[paddr] = r.q[addr];
        if (live) {
            if (lastChunk(layer)) r.d[drain] = 1;
            advance(layer);
        }
    }

    void commit(boolean rst) { r.commit(rst); }

    void name(NamedState n, String at) { r.name(n, at); }
}
