package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Bundles;
import org.heterosyn.manifest.Hierarchy;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.manifest.TopPort;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The top module: the command and response streams, the controller, the layer engine and the
 * weight memory, wired together. Its ports are {@link TopPort}'s: the host link only.
 */
public final class Top {
    public static final String NAME = Manifest.TOP;

    private Top() {}

    public static Circuit circuit(Layout lay) {
        Circuit c = new Circuit(NAME);
        build(c, lay);
        return c;
    }

    /** Adds the core's modules to {@code c} (the board top instantiates the core as u_core). */
    public static ModuleDef build(Circuit c, Layout lay) {
        if (c.has(NAME)) return c.get(NAME);
        ModuleDef cmdDef = CmdStream.build(c);
        ModuleDef rspDef = RspStream.build(c);
        ModuleDef ctrlDef = Controller.build(c, lay);
        ModuleDef engDef = LayerEngine.build(c, lay);
        ModuleDef memDef = WeightMemory.build(c, lay);

        Module m = new Module(NAME);
        Map<TopPort, Expr> in = new EnumMap<>(TopPort.class);
        Map<TopPort, Expr.Ref> out = new EnumMap<>(TopPort.class);
        for (TopPort p : TopPort.values()) {
            Type t = p == TopPort.CLK_I ? Type.clock() : Type.uint(p.width());
            if (p.input()) in.put(p, m.input(p.port(), t)); else out.put(p, m.output(p.port(), t));
        }
        Expr clk = in.get(TopPort.CLK_I);
        Expr rst = in.get(TopPort.RST_I);
        Expr cmdValid = in.get(TopPort.CMD_VALID_I);
        Expr.Ref cmdReady = out.get(TopPort.CMD_READY_O);
        Expr cmdData = in.get(TopPort.CMD_DATA_I);
        Expr.Ref rspValid = out.get(TopPort.RSP_VALID_O);
        Expr rspReady = in.get(TopPort.RSP_READY_I);
        Expr.Ref rspData = out.get(TopPort.RSP_DATA_O);

        Module.Instance cmd = m.instance(Hierarchy.CMD, cmdDef);
        Module.Instance rsp = m.instance(Hierarchy.RSP, rspDef);
        Module.Instance ctrl = m.instance(Hierarchy.CTRL, ctrlDef);
        Module.Instance eng = m.instance(Hierarchy.ENGINE, engDef);
        Module.Instance mem = m.instance(Hierarchy.WEIGHTS, memDef);
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

        for (Bundles.Signal s : Bundles.engineControl(lay)) m.connectIn(eng, s.name() + "_i", ctrl.port(s.name() + "_o"));
        for (Bundles.Signal s : Bundles.memoryControl(lay)) m.connectIn(mem, s.name() + "_i", ctrl.port(s.name() + "_o"));
        m.connectIn(ctrl, "y_i", eng.port("y_o"));
        m.connectIn(ctrl, "rd_one_i", mem.port("rd_one_o"));
        for (int l = 0; l < lay.lanes(); l++) {
            if (mem.has("rd_w_" + l + "_o")) m.connectIn(eng, "rd_w_" + l + "_i", mem.port("rd_w_" + l + "_o"));
            if (mem.has("rd_b_" + l + "_o")) m.connectIn(eng, "rd_b_" + l + "_i", mem.port("rd_b_" + l + "_o"));
            m.connectIn(mem, "wd_w_" + l + "_i", eng.port("wd_w_" + l + "_o"));
            if (eng.has("wd_b_" + l + "_o")) m.connectIn(mem, "wd_b_" + l + "_i", eng.port("wd_b_" + l + "_o"));
        }
        c.add(m);
        return m;
    }
}
