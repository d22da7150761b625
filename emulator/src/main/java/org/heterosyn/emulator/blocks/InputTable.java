package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.StateMap;
import org.heterosyn.protocol.PackedInputs;

/**
 * Twin of rtl-gen's InputTable (heterosyn_input_table_V*, instance u_ctrl.u_itab): 256 signed values,
 * one write port, one read port registered in rd_q. The read data in cycle t+1 is the entry addressed
 * in cycle t as it was before that cycle's write (firtool's memory is read combinationally, then
 * registered). No reset; every entry starts at 0.
 */
final class InputTable {
    private static final int CODE_MASK = PackedInputs.TABLE_ENTRIES - 1;
    final int[] memory = new int[PackedInputs.TABLE_ENTRIES];
    private int rd_q;
    private int rd_d;
    private boolean we;
    private int waddr;
    private int wd;

    /** rd_o. */
    int rd_o() { return rd_q; }

    /** This cycle's ports: raddr_i always (the read enable is tied high), we_i with waddr_i and wd_i. */
    void eval(boolean we_i, int waddr_i, int wd_i, int raddr_i) {
        rd_d = memory[raddr_i & CODE_MASK];
        we = we_i;
        waddr = waddr_i & CODE_MASK;
        wd = wd_i;
    }

    void commit() {
        rd_q = rd_d;
        if (we) memory[waddr] = wd;
        we = false;
    }

    /** Names as in the manifest: heterosyn_itab_ext.Memory and rd_q. */
    void name(NamedState n, String at) {
        n.mem(at + StateMap.INPUT_TABLE_RAM + "_ext.Memory", i -> memory[i], (i, v, w) -> memory[i] = (int) Hw.sext(v, w));
        n.reg(at + "rd_q", () -> rd_q, (v, w) -> rd_q = (int) Hw.sext(v, w));
    }
}
