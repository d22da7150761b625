package org.heterosyn.emulator.blocks;

/**
 * Twin of rtl-gen's CmdStream (heterosyn_cmd_stream, instance u_cmd): a two-entry skid buffer, so
 * in_ready_o is a register output and a word arriving while the controller stalls is kept.
 */
final class CmdStream {
    boolean out_valid_q;
    int out_data_q;
    boolean skid_valid_q;
    int skid_data_q;
    private boolean out_valid_d;
    private int out_data_d;
    private boolean skid_valid_d;
    private int skid_data_d;

    boolean in_ready_o() { return !skid_valid_q; }

    boolean out_valid_o() { return out_valid_q; }

    int out_data_o() { return out_data_q; }

    void eval(boolean in_valid_i, int in_data_i, boolean out_ready_i) {
        out_valid_d = out_valid_q;
        out_data_d = out_data_q;
        skid_valid_d = skid_valid_q;
        skid_data_d = skid_data_q;
        boolean load = !out_valid_q || out_ready_i;
        if (load) {
            if (skid_valid_q) {
                out_data_d = skid_data_q;
                out_valid_d = true;
                skid_valid_d = false;
            } else {
                // The data register takes the bus even without valid (it has no enable).
                out_data_d = in_data_i;
                out_valid_d = in_valid_i;
            }
        } else if (in_valid_i && !skid_valid_q) {
            skid_data_d = in_data_i;
            skid_valid_d = true;
        }
    }

    void commit(boolean rst) {
        out_valid_q = !rst && out_valid_d;
        out_data_q = out_data_d;
        skid_valid_q = !rst && skid_valid_d;
        skid_data_q = skid_data_d;
    }

    void name(NamedState n, String at) {
        n.reg(at + "out_valid_q", () -> out_valid_q ? 1 : 0, (v, w) -> out_valid_q = v != 0);
        n.reg(at + "out_data_q", () -> out_data_q, (v, w) -> out_data_q = (int) v);
        n.reg(at + "skid_valid_q", () -> skid_valid_q ? 1 : 0, (v, w) -> skid_valid_q = v != 0);
        n.reg(at + "skid_data_q", () -> skid_data_q, (v, w) -> skid_data_q = (int) v);
    }
}
