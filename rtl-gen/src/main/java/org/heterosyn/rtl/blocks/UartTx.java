package org.heterosyn.rtl.blocks;

import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.manifest.Registers;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

/**
 * UART transmitter, 8N1 at divisor clocks per bit. A byte taken (valid_i while ready_o) loads
 * {stop, data, start} into a 10-bit shift register whose bit 0 is the line, so tx_o is a flop
 * output and never glitches; it idles all ones (line high).
 */
public final class UartTx {
    private UartTx() {}

    public static String name(BoardTopConfig cfg) { return "heterosyn_uart_tx_D" + cfg.baudDivisor(); }

    public static ModuleDef build(Circuit c, BoardTopConfig cfg) {
        String name = name(cfg);
        if (c.has(name)) return c.get(name);
        int div = cfg.baudDivisor();
        Module m = new Module(name);
        Expr clk = m.input("clk_i", Type.clock());
        Expr rst = m.input("rst_i", Type.bool());
        Expr valid = m.input("valid_i", Type.bool());
        Expr data = m.input("data_i", Type.uint(8));
        Expr.Ref ready = m.output("ready_o", Type.bool());
        Expr.Ref tx = m.output("tx_o", Type.bool());
        Hw.Regs r = new Hw.Regs(m, Registers.uartTx(cfg), clk, rst);
        Hw.DQ busy = r.get("busy"), cnt = r.get("cnt"), bit = r.get("bit"), sh = r.get("sh");
        int cw = cnt.q().width();
        m.connect(ready, busy.q().not());
        m.connect(tx, sh.q().bit(0));
        m.whenElse(busy.q().not(), () -> m.when(valid, () -> {
            m.connect(busy.d(), Expr.TRUE);
            m.connect(sh.d(), Expr.TRUE.cat(data).cat(Expr.FALSE));
            m.connect(cnt.d(), Expr.u(div - 1, cw));
            m.connect(bit.d(), Expr.u(0, 4));
        }), () -> m.whenElse(cnt.q().neq(0), () -> m.connect(cnt.d(), cnt.q().sub(Expr.u(1, 1)).low(cw)), () -> {
            m.connect(sh.d(), Expr.TRUE.cat(sh.q().bits(9, 1)));
            m.connect(cnt.d(), Expr.u(div - 1, cw));
            m.connect(bit.d(), Hw.inc(bit.q()));
            m.when(bit.q().eq(UartRx.STOP), () -> m.connect(busy.d(), Expr.FALSE));
        }));
        c.add(m);
        return m;
    }
}
