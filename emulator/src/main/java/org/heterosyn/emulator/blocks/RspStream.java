package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.Registers;

/**
 * Twin of rtl-gen's RspStream (heterosyn_rsp_stream, instance u_rsp): one register. The controller
 * pushes only when free_o, true when the register is empty or the host takes its word this cycle.
 */
final class RspStream {
    private final RegFile r = new RegFile(Registers.rspStream());
    private final int outValid = r.slot("out_valid");
    private final int outData = r.slot("out_data");

    boolean free_o(boolean out_ready_i) { return r.q[outValid] == 0 || out_ready_i; }

    boolean out_valid_o() { return r.q[outValid] != 0; }

    int out_data_o() { return (int) r.q[outData]; }

    void eval(boolean push_i, int push_data_i, boolean out_ready_i) {
        r.hold();
        if (push_i) {
            r.d[outData] = push_data_i;
            r.d[outValid] = 1;
        } else if (out_ready_i) {
            r.d[outValid] = 0;
        }
    }

    void commit(boolean rst) { r.commit(rst); }

    void name(NamedState n, String at) { r.name(n, at); }
}
