package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.Registers;

/**
 * Twin of rtl-gen's CmdStream (heterosyn_cmd_stream, instance u_cmd): a two-entry skid buffer, so
 * in_ready_o is a register output and a word arriving while the controller stalls is kept.
 */
final class CmdStream {
    private final RegFile r = new RegFile(Registers.cmdStream());
    private final int outValid = r.slot("out_valid");
    private final int outData = r.slot("out_data");
    private final int skidValid = r.slot("skid_valid");
    private final int skidData = r.slot("skid_data");

    boolean in_ready_o() { return r.q[skidValid] == 0; }

    boolean out_valid_o() { return r.q[outValid] != 0; }

    int out_data_o() { return (int) r.q[outData]; }

    void eval(boolean in_valid_i, int in_data_i, boolean out_ready_i) {
        r.hold();
        boolean skid = r.q[skidValid] != 0;
        boolean load = r.q[outValid] == 0 || out_ready_i;
        if (load) {
            if (skid) {
                r.d[outData] = r.q[skidData];
                r.d[outValid] = 1;
                r.d[skidValid] = 0;
            } else {
                // The data register takes the bus even without valid (it has no enable).
                r.d[outData] = in_data_i;
                r.d[outValid] = in_valid_i ? 1 : 0;
            }
        } else if (in_valid_i && !skid) {
            r.d[skidData] = in_data_i;
            r.d[skidValid] = 1;
        }
    }

    void commit(boolean rst) { r.commit(rst); }

    void name(NamedState n, String at) { r.name(n, at); }
}
