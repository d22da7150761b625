package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.Hierarchy;
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
public final class Top {
    final CmdStream u_cmd = new CmdStream();
    final RspStream u_rsp = new RspStream();
    final Controller u_ctrl;
    final LayerEngine u_eng;
    final WeightMemory u_wmem;

    public Top(Layout lay) {
        u_eng = new LayerEngine(lay);
        u_wmem = WeightMemory.of(lay);
        u_ctrl = new Controller(lay, u_eng, u_wmem);
    }

    public boolean cmd_ready_o() { return u_cmd.in_ready_o(); }

    public boolean rsp_valid_o() { return u_rsp.out_valid_o(); }

    public int rsp_data_o() { return u_rsp.out_data_o(); }

    public void clock(boolean rst_i, boolean cmd_valid_i, int cmd_data_i, boolean rsp_ready_i) {
        boolean free = u_rsp.free_o(rsp_ready_i);
        // The memory's layer_i is u_ctrl.layer_o, which is layer_q in every phase.
        u_wmem.read(u_ctrl.layer_o());
        u_ctrl.eval(u_cmd.out_valid_o(), u_cmd.out_data_o(), free);
        u_cmd.eval(cmd_valid_i, cmd_data_i, u_ctrl.cmd_ready_o);
        u_rsp.eval(u_ctrl.rsp_push_o, u_ctrl.rsp_data_o, rsp_ready_i);
        u_eng.eval(u_ctrl.eng_o, u_ctrl.mem_o, u_wmem);
        u_wmem.eval(u_ctrl.mem_o, u_eng);
        u_cmd.commit(rst_i);
        u_rsp.commit(rst_i);
        u_ctrl.commit(rst_i);
        u_eng.commit(rst_i);
        u_wmem.commit();
    }

    public void name(NamedState n, Layout lay) { name(n, ""); }

    /** Names the blocks' state under {@code at} (the board top's "u_core.", or "" for the top itself). */
    public void name(NamedState n, String at) {
        u_cmd.name(n, at + Hierarchy.path(Hierarchy.CMD));
        u_rsp.name(n, at + Hierarchy.path(Hierarchy.RSP));
        u_ctrl.name(n, at + Hierarchy.path(Hierarchy.CTRL));
        u_eng.name(n, at + Hierarchy.path(Hierarchy.ENGINE));
        u_wmem.name(n, at + Hierarchy.path(Hierarchy.WEIGHTS));
    }

    /** Test-only fault (CycleEmulator.injectUpdateFault). */
    public void injectUpdateFault(int row, int col) { u_eng.injectUpdateFault(row, col); }

    /** The raw word of lane {@code lane}, chunk {@code chunk} of matrix {@code matrix} of layer k, by back door. */
    public int weightWord(Layout.LayerLayout k, int matrix, int chunk, int lane) {
        return u_wmem.word(k, matrix, chunk, lane);
    }
}
