package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Registers;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

/**
 * The 32-bit response stream output: one register. The controller pushes only when free_o, which
 * is true when the register is empty or the host takes its word in this cycle.
 */
public final class RspStream {
    public static final String NAME = "heterosyn_rsp_stream";

    private RspStream() {}

    public static ModuleDef build(Circuit c) {
        if (c.has(NAME)) return c.get(NAME);
        Module m = new Module(NAME);
        Type word = Type.uint(Layout.WORD_BITS);
        Expr clk = m.input("clk_i", Type.clock());
        Expr rst = m.input("rst_i", Type.bool());
        Expr push = m.input("push_i", Type.bool());
        Expr pushData = m.input("push_data_i", word);
        Expr.Ref free = m.output("free_o", Type.bool());
        Expr.Ref outValid = m.output("out_valid_o", Type.bool());
        Expr outReady = m.input("out_ready_i", Type.bool());
        Expr.Ref outData = m.output("out_data_o", word);

        Hw.Regs regs = new Hw.Regs(m, Registers.rspStream(), clk, rst);
        Hw.DQ valid = regs.get("out_valid");
        Hw.DQ data = regs.get("out_data");
        m.connect(free, valid.q().not().or(outReady));
        m.connect(outValid, valid.q());
        m.connect(outData, data.q());
        m.whenElse(push, () -> {
            m.connect(data.d(), pushData);
            m.connect(valid.d(), Expr.TRUE);
        }, () -> m.when(outReady, () -> m.connect(valid.d(), Expr.FALSE)));
        c.add(m);
        return m;
    }
}
