package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Registers;
import org.heterosyn.manifest.StateMap;

/**
 * Twin of rtl-gen's LinkFifo (heterosyn_link_fifo_D<depth>_C / _R, instances u_cmdq, u_rspq):
 * pointers one bit wider than the address, a committed write pointer the reader sees, and for the
 * response FIFO a released read pointer; the word at the next read pointer is registered.
 */
final class LinkFifo {
    private final int depth;
    private final long ptrMask;
    private final boolean rsp;
    private final RegFile r;
    private final int wptr, wcom, rptr, rcom, rd;
    private final int[] mem;
    private boolean wen;
    private int waddr;
    private int wdata;

    LinkFifo(int depth, boolean response) {
        this.depth = depth;
        this.rsp = response;
        ptrMask = Hw.mask(Layout.bits(depth - 1) + 1);
        r = new RegFile(Registers.linkFifo(depth, response));
        wptr = r.slot("wptr");
        wcom = r.slot("wcom");
        rptr = r.slot("rptr");
        rcom = r.slot("rcom");
        rd = r.slot("rd");
        mem = new int[depth];
    }

    int free_o() {
        long base = rsp ? r.q[rcom] : r.q[rptr];
        return (int) ((depth - ((r.q[wptr] - base) & ptrMask)) & ptrMask);
    }

    boolean valid_o() { return r.q[rptr] != r.q[wcom]; }

    int data_o() { return (int) r.q[rd]; }

    int avail_o() { return (int) ((r.q[wcom] - r.q[rptr]) & ptrMask); }

    int rptr_o() { return (int) r.q[rptr]; }

    int rcom_o() { return (int) r.q[rcom]; }

    /** The command FIFO: tentative writes, committed or rewound. */
    void evalCommand(boolean push, int data, boolean commit, boolean rewind, boolean pop) {
        eval(push, data, commit, rewind, pop, false, 0, false, 0);
    }

    /** The response FIFO: writes visible a cycle later, reads released by ACKs or sought back. */
    void evalResponse(boolean push, int data, boolean pop, boolean release, int releasePtr, boolean seek, int seekPtr) {
        eval(push, data, true, false, pop, release, releasePtr, seek, seekPtr);
    }

    private void eval(boolean push, int data, boolean commit, boolean rewind, boolean pop, boolean release,
                      int releasePtr, boolean seek, int seekPtr) {
        r.hold();
        if (release) r.d[rcom] = releasePtr;
        if (push) r.d[wptr] = r.q[wptr] + 1;
        if (rewind) r.d[wptr] = r.q[wcom];
        if (commit) r.d[wcom] = r.q[wptr];
        if (pop) r.d[rptr] = r.q[rptr] + 1;
        if (seek) r.d[rptr] = seekPtr;
        // The read sees the array before this cycle's write (read-under-write: the old word).
        r.d[rd] = mem[(int) (r.d[rptr] & (depth - 1))] & 0xFFFF_FFFFL;
        wen = push;
        waddr = (int) (r.q[wptr] & (depth - 1));
        wdata = data;
    }

    void commit(boolean rst) {
        if (wen) mem[waddr] = wdata;
        r.commit(rst);
    }

    void name(NamedState n, String at) {
        r.name(n, at);
        n.mem(at + StateMap.FIFO_RAM + "_ext.Memory", i -> mem[i] & 0xFFFF_FFFFL, (i, v, w) -> mem[i] = (int) v);
    }
}
