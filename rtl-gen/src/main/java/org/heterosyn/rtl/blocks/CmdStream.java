package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Registers;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

/**
 * The 32-bit command stream input: a two-entry skid buffer, so the host-facing ready is a register
 * output and a word arriving while the controller stalls is kept, at full throughput.
 */
public final class CmdStream {
    public static final String NAME = "heterosyn_cmd_stream";

    private CmdStream() {}

    public static ModuleDef build(Circuit c) {
        if (c.has(NAME)) return c.get(NAME);
        Module m = new Module(NAME);
        Type word = Type.uint(Layout.WORD_BITS);
        Expr clk = m.input("clk_i", Type.clock());
        Expr rst = m.input("rst_i", Type.bool());
        Expr inValid = m.input("in_valid_i", Type.bool());
        Expr.Ref inReady = m.output("in_ready_o", Type.bool());
        Expr inData = m.input("in_data_i", word);
        Expr.Ref outValid = m.output("out_valid_o", Type.bool());
        Expr outReady = m.input("out_ready_i", Type.bool());
        Expr.Ref outData = m.output("out_data_o", word);

        Hw.Regs regs = new Hw.Regs(m, Registers.cmdStream(), clk, rst);
        Hw.DQ valid = regs.get("out_valid");
        Hw.DQ data = regs.get("out_data");
        Hw.DQ skidValid = regs.get("skid_valid");
        Hw.DQ skidData = regs.get("skid_data");

        m.connect(inReady, skidValid.q().not());
        m.connect(outValid, valid.q());
        m.connect(outData, data.q());
        Expr load = m.node("load", valid.q().not().or(outReady));
        m.whenElse(load, () -> m.whenElse(skidValid.q(), () -> {
            m.connect(data.d(), skidData.q());
            m.connect(valid.d(), Expr.TRUE);
            m.connect(skidValid.d(), Expr.FALSE);
        }, () -> {
            m.connect(data.d(), inData);
            m.connect(valid.d(), inValid);
        }), () -> m.when(inValid.and(skidValid.q().not()), () -> {
            m.connect(skidData.d(), inData);
            m.connect(skidValid.d(), Expr.TRUE);
        }));
        c.add(m);
        return m;
    }
}
