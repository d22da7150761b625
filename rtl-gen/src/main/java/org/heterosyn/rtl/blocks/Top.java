package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

import java.util.List;

/**
 * The top module: the command and response streams, the controller, the layer engine and the
 * weight memory, wired together. Its ports are the host link only: clock, synchronous active-high
 * reset and the two 32-bit valid/ready streams.
 */
public final class Top {
    public static final String NAME = "heterosyn_top";

    private Top() {}

    /** The controller outputs that drive engine inputs of the same name (minus the suffixes). */
    private static final List<String> ENGINE_CONTROLS = List.of("layer", "fwd", "issue", "cmp", "row", "col", "vaddr",
            "gaddr", "gbank", "first", "last", "uselat", "useblat", "in_we", "in_bank", "in_addr", "in_data", "y_addr",
            "y_bank", "err_we", "hit", "key_start", "key_site", "key_w", "key_b", "sample");
    private static final List<String> MEMORY_CONTROLS = List.of("layer", "mat", "raddr", "waddr", "we_w", "we_b", "ld",
            "ld_lane", "ld_data");

    public static Circuit circuit(Layout lay) {
        Circuit c = new Circuit(NAME);
        ModuleDef cmdDef = CmdStream.build(c);
        ModuleDef rspDef = RspStream.build(c);
        ModuleDef ctrlDef = Controller.build(c, lay);
        ModuleDef engDef = LayerEngine.build(c, lay);
        ModuleDef memDef = WeightMemory.build(c, lay);

        Module m = new Module(NAME);
        Type word = Type.uint(Layout.WORD_BITS);
        Expr clk = m.input("clk_i", Type.clock());
        Expr rst = m.input("rst_i", Type.bool());
        Expr cmdValid = m.input("cmd_valid_i", Type.bool());
        Expr.Ref cmdReady = m.output("cmd_ready_o", Type.bool());
        Expr cmdData = m.input("cmd_data_i", word);
        Expr.Ref rspValid = m.output("rsp_valid_o", Type.bool());
        Expr rspReady = m.input("rsp_ready_i", Type.bool());
        Expr.Ref rspData = m.output("rsp_data_o", word);

        Module.Instance cmd = m.instance("u_cmd", cmdDef);
        Module.Instance rsp = m.instance("u_rsp", rspDef);
        Module.Instance ctrl = m.instance("u_ctrl", ctrlDef);
        Module.Instance eng = m.instance("u_eng", engDef);
        Module.Instance mem = m.instance("u_wmem", memDef);
        // Not every block has a reset (memories and datapath registers need none).
        for (Module.Instance i : List.of(cmd, rsp, ctrl, eng, mem)) {
            if (i.has("clk_i")) m.connect(i.port("clk_i"), clk);
            if (i.has("rst_i")) m.connect(i.port("rst_i"), rst);
        }
        m.connectIn(cmd, "in_valid_i", cmdValid);
        m.connectIn(cmd, "in_data_i", cmdData);
        m.connect(cmdReady, cmd.port("in_ready_o"));
        m.connectIn(cmd, "out_ready_i", ctrl.port("cmd_ready_o"));
        m.connectIn(ctrl, "cmd_valid_i", cmd.port("out_valid_o"));
        m.connectIn(ctrl, "cmd_data_i", cmd.port("out_data_o"));

        m.connectIn(rsp, "push_i", ctrl.port("rsp_push_o"));
        m.connectIn(rsp, "push_data_i", ctrl.port("rsp_data_o"));
        m.connectIn(rsp, "out_ready_i", rspReady);
        m.connect(rspValid, rsp.port("out_valid_o"));
        m.connect(rspData, rsp.port("out_data_o"));
        m.connectIn(ctrl, "rsp_free_i", rsp.port("free_o"));

        for (String s : ENGINE_CONTROLS) m.connectIn(eng, s + "_i", ctrl.port(s + "_o"));
        for (String s : MEMORY_CONTROLS) m.connectIn(mem, s + "_i", ctrl.port(s + "_o"));
        m.connectIn(ctrl, "y_i", eng.port("y_o"));
        m.connectIn(ctrl, "rd_one_i", mem.port("rd_one_o"));
        for (int l = 0; l < lay.lanes(); l++) {
            if (mem.has("rd_w_" + l + "_o")) m.connectIn(eng, "rd_w_" + l + "_i", mem.port("rd_w_" + l + "_o"));
            if (mem.has("rd_b_" + l + "_o")) m.connectIn(eng, "rd_b_" + l + "_i", mem.port("rd_b_" + l + "_o"));
            m.connectIn(mem, "wd_w_" + l + "_i", eng.port("wd_w_" + l + "_o"));
            if (eng.has("wd_b_" + l + "_o")) m.connectIn(mem, "wd_b_" + l + "_i", eng.port("wd_b_" + l + "_o"));
        }
        c.add(m);
        return c;
    }
}
