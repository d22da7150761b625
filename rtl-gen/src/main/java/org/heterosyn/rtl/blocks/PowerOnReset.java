package org.heterosyn.rtl.blocks;

import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.manifest.Registers;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

/**
 * Power-on reset: a counter without reset of its own (iCE40 flip-flops start at 0 from the
 * bitstream; Verilator builds and the emulator start at 0 too) that counts while the PLL is locked
 * and holds rst_o high until its top bit sets, resetCycles cycles after lock. Losing lock restarts it.
 */
public final class PowerOnReset {
    private PowerOnReset() {}

    public static String name(BoardTopConfig cfg) { return "heterosyn_power_on_reset_C" + cfg.resetCycles(); }

    public static ModuleDef build(Circuit c, BoardTopConfig cfg) {
        String name = name(cfg);
        if (c.has(name)) return c.get(name);
        Module m = new Module(name);
        Expr clk = m.input("clk_i", Type.clock());
        Expr lock = m.input("lock_i", Type.bool());
        Expr.Ref rst = m.output("rst_o", Type.bool());
        Hw.DQ cnt = new Hw.Regs(m, Registers.powerOnReset(cfg), clk, Expr.FALSE).get("cnt");
        Expr done = cnt.q().bit(cnt.q().width() - 1);
        m.connect(rst, done.not());
        m.connect(cnt.d(), Expr.mux(lock.not(), Hw.zero(cnt.q().type()), Expr.mux(done, cnt.q(), Hw.inc(cnt.q()))));
        c.add(m);
        return m;
    }
}
