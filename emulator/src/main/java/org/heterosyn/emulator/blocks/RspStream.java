package org.heterosyn.emulator.blocks;

/**
 * Twin of rtl-gen's RspStream (heterosyn_rsp_stream, instance u_rsp): one register. The controller
 * pushes only when free_o, true when the register is empty or the host takes its word this cycle.
 */
final class RspStream {
    boolean out_valid_q;
    int out_data_q;
    private boolean out_valid_d;
    private int out_data_d;

    boolean free_o(boolean out_ready_i) { return !out_valid_q || out_ready_i; }

    boolean out_valid_o() { return out_valid_q; }

    int out_data_o() { return out_data_q; }

    void eval(boolean push_i, int push_data_i, boolean out_ready_i) {
        out_valid_d = out_valid_q;
        out_data_d = out_data_q;
        if (push_i) {
            out_data_d = push_data_i;
            out_valid_d = true;
        } else if (out_ready_i) {
            out_valid_d = false;
        }
    }

    void commit(boolean rst) {
        out_valid_q = !rst && out_valid_d;
        out_data_q = out_data_d;
    }

    void name(NamedState n, String at) {
        n.reg(at + "out_valid_q", () -> out_valid_q ? 1 : 0, (v, w) -> out_valid_q = v != 0);
        n.reg(at + "out_data_q", () -> out_data_q, (v, w) -> out_data_q = (int) v);
    }
}
