package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.Layout;

/**
 * Twin of rtl-gen's ValueBuffer (heterosyn_value_buf_B*_D*_V*, instances u_eng.u_h_&lt;m&gt; and
 * u_eng.u_e_&lt;m&gt;): {@code banks} memories of {@code depth} signed values, all read at one address,
 * each bank written on its own enable at one write address.
 *
 * <p>Depth > 1: each bank is firtool's memory heterosyn_vram_&lt;b&gt;_ext with a combinational read
 * port, its data registered in rd_&lt;b&gt;_q: the read data in cycle t+1 is the word at the address
 * of cycle t as it was in cycle t, before that cycle's write. A read past the depth (possible when
 * the depth is not a power of two) gives 0 and such a write is dropped, as in Verilator. Depth 1: a
 * register val_&lt;b&gt;_q per bank, read directly, without address.
 */
final class ValueBuffer {
    final int banks;
    final int depth;
    private final int addrMask;
    /** Memory of each bank (depth > 1), values sign-extended. */
    final int[][] memory;
    /** val_b_q (depth 1). */
    final int[] val_q;
    /**
     * rd_b_q, held as the address it was read at: rd_b_q = memory[b][raddr_q] unless the edge
     * that registered the address also wrote that word, in which case {@code held} keeps the word
     * as it was before the write. Reads then cost nothing per cycle and per bank.
     */
    private int raddr_q;
    private boolean anyHeld;
    private final boolean[] held;
    private final int[] heldValue;
    private int raddr_d;
    private int waddr;
    private boolean writes;
    private final boolean[] we;
    private final int[] wd;

    ValueBuffer(int banks, int depth) {
        this.banks = banks;
        this.depth = depth;
        this.addrMask = Hw.maskInt(Layout.bits(depth - 1));
        this.memory = depth > 1 ? new int[banks][depth] : null;
        this.val_q = depth > 1 ? null : new int[banks];
        this.held = new boolean[banks];
        this.heldValue = new int[banks];
        this.we = new boolean[banks];
        this.wd = new int[banks];
    }

    /** rd_b_o. */
    int rd(int bank) {
        if (memory == null) return val_q[bank];
        if (held[bank]) return heldValue[bank];
        return raddr_q < depth ? memory[bank][raddr_q] : 0;
    }

    /** raddr_i of this cycle (the low address bits; the port is as wide as the depth needs). */
    void read(int raddr_i) {
        raddr_d = raddr_i & addrMask;
    }

    /** we_b_i with wd_b_i, at the shared waddr_i. */
    void write(int bank, int waddr_i, int wd_i) {
        we[bank] = true;
        wd[bank] = wd_i;
        waddr = waddr_i & addrMask;
        writes = true;
    }

    void commit() {
        if (memory == null) {
            if (!writes) return;
            for (int b = 0; b < banks; b++) {
                if (we[b]) val_q[b] = wd[b];
                we[b] = false;
            }
            writes = false;
            return;
        }
        // The read register takes the words as they are before this edge's writes.
        if (anyHeld) {
            java.util.Arrays.fill(held, false);
            anyHeld = false;
        }
        raddr_q = raddr_d;
        if (!writes) return;
        for (int b = 0; b < banks; b++) {
            if (!we[b]) continue;
            we[b] = false;
            if (waddr >= depth) continue;
            hold(b, waddr);
            memory[b][waddr] = wd[b];
        }
        writes = false;
    }

    /** Before word {@code a} of a bank changes: the read register keeps the word it read there. */
    private void hold(int bank, int a) {
        if (a != raddr_q || held[bank]) return;
        held[bank] = true;
        heldValue[bank] = memory[bank][a];
        anyHeld = true;
    }

    /** Names as in the manifest: heterosyn_vram_&lt;b&gt;_ext.Memory and rd_&lt;b&gt;_q per bank, or val_&lt;b&gt;_q. */
    void name(NamedState n, String at) {
        for (int b = 0; b < banks; b++) {
            int bank = b;
            if (memory == null) {
                n.reg(at + "val_" + b + "_q", () -> val_q[bank], (v, w) -> val_q[bank] = (int) Hw.sext(v, w));
                n.mem(at + "val_" + b + "_q", i -> val_q[bank], (i, v, w) -> val_q[bank] = (int) Hw.sext(v, w));
            } else {
                n.mem(at + "heterosyn_vram_" + b + "_ext.Memory", i -> memory[bank][i], (i, v, w) -> {
                    hold(bank, i);
                    memory[bank][i] = (int) Hw.sext(v, w);
                });
                n.reg(at + "rd_" + b + "_q", () -> rd(bank), (v, w) -> {
                    held[bank] = true;
                    heldValue[bank] = (int) Hw.sext(v, w);
                    anyHeld = true;
                });
            }
        }
    }
}
