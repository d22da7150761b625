package org.heterosyn.emulator;

import org.heterosyn.manifest.Layout;

/**
 * Twin of rtl-gen's Top (heterosyn_top): the command and response streams, the controller, the layer
 * engine and the weight memory, wired as in the RTL. Every register and memory starts at zero, as in
 * Verilator's --x-initial fast build; registers with a reset take its value while rst_i is high.
 *
 * <p>One {@link #clock} is one rising edge: every block computes its next values from the current
 * ones and the combinational signals of this cycle, then all of them commit at once. The order of
 * the evaluations only follows the combinational wires (controller outputs feed the stream, engine
 * and memory inputs); no block sees another's next values.
 */
final class Top {
    final CmdStream u_cmd = new CmdStream();
    final RspStream u_rsp = new RspStream();
    final Controller u_ctrl;
    final LayerEngine u_eng;
    final WeightMemory u_wmem;

    Top(Layout lay) {
        u_eng = new LayerEngine(lay);
        u_wmem = new WeightMemory(lay);
        u_ctrl = new Controller(lay, u_eng, u_wmem);
    }

    boolean cmd_ready_o() { return u_cmd.in_ready_o(); }

    boolean rsp_valid_o() { return u_rsp.out_valid_o(); }

    int rsp_data_o() { return u_rsp.out_data_o(); }

    void clock(boolean rst_i, boolean cmd_valid_i, int cmd_data_i, boolean rsp_ready_i) {
        boolean free = u_rsp.free_o(rsp_ready_i);
        // The memory's layer_i is u_ctrl.layer_o, which is layer_q in every phase.
        u_wmem.read(u_ctrl.layer_q);
        u_ctrl.eval(u_cmd.out_valid_o(), u_cmd.out_data_o(), free);
        u_cmd.eval(cmd_valid_i, cmd_data_i, u_ctrl.cmd_ready_o);
        u_rsp.eval(u_ctrl.rsp_push_o, u_ctrl.rsp_data_o, rsp_ready_i);
        u_eng.eval(u_ctrl, u_wmem);
        u_wmem.eval(u_ctrl, u_eng);
        u_cmd.commit(rst_i);
        u_rsp.commit(rst_i);
        u_ctrl.commit(rst_i);
        u_eng.commit(rst_i);
        u_wmem.commit();
    }

    void name(NamedState n, Layout lay) {
        u_cmd.name(n, "u_cmd.");
        u_rsp.name(n, "u_rsp.");
        u_ctrl.name(n, "u_ctrl.");
        u_eng.name(n, "u_eng.");
        u_wmem.name(n, "u_wmem.", lay);
    }
}
