package org.heterosyn.rtl.blocks;

import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.manifest.Registers;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

/**
 * UART receiver, 8N1 at divisor clocks per bit: the line goes through two flops (it is
 * asynchronous), a falling edge of the synchronised line starts a byte, each bit is sampled in its
 * middle, and a byte whose stop bit is low (framing error) is dropped. valid_o is a one-cycle strobe.
 *
 * <pre>
 * line  ‾‾‾‾\_start_/ d0 \/ d1 ... d7 \/‾stop‾‾
 * s2 falls ->|  div/2  |   div   |  ...  | div |-> sample stop: valid if high
 * </pre>
 */
public final class UartRx {
    /** Bit index of the stop bit (0 is the start bit, 1..8 the data bits). */
    static final int STOP = 9;

    private UartRx() {}

    public static String name(BoardTopConfig cfg) { return "heterosyn_uart_rx_D" + cfg.baudDivisor(); }

    public static ModuleDef build(Circuit c, BoardTopConfig cfg) {
        String name = name(cfg);
        if (c.has(name)) return c.get(name);
        int div = cfg.baudDivisor();
        Module m = new Module(name);
        Expr clk = m.input("clk_i", Type.clock());
        Expr rst = m.input("rst_i", Type.bool());
        Expr rx = m.input("rx_i", Type.bool());
        Expr.Ref validO = m.output("valid_o", Type.bool());
        Expr.Ref dataO = m.output("data_o", Type.uint(8));
        Hw.Regs r = new Hw.Regs(m, Registers.uartRx(cfg), clk, rst);
        Hw.DQ s1 = r.get("s1"), s2 = r.get("s2"), s3 = r.get("s3"), busy = r.get("busy"), cnt = r.get("cnt");
        Hw.DQ bit = r.get("bit"), sh = r.get("sh"), valid = r.get("valid"), data = r.get("data");
        m.connect(validO, valid.q());
        m.connect(dataO, data.q());
        m.connect(s1.d(), rx);
        m.connect(s2.d(), s1.q());
        m.connect(s3.d(), s2.q());
        m.connect(valid.d(), Expr.FALSE);
        Expr line = s2.q();
        m.whenElse(busy.q().not(), () -> m.when(line.not().and(s3.q()), () -> {
            m.connect(busy.d(), Expr.TRUE);
            m.connect(cnt.d(), Expr.u(div / 2 - 1, cnt.q().width()));
            m.connect(bit.d(), Expr.u(0, 4));
        }), () -> m.whenElse(cnt.q().neq(0), () -> m.connect(cnt.d(), cnt.q().sub(Expr.u(1, 1)).low(cnt.q().width())), () -> {
            m.connect(cnt.d(), Expr.u(div - 1, cnt.q().width()));
            m.connect(bit.d(), Hw.inc(bit.q()));
            m.whenElse(bit.q().eq(0), () -> m.when(line, () -> m.connect(busy.d(), Expr.FALSE)),
                    () -> m.whenElse(bit.q().lt(STOP), () -> m.connect(sh.d(), line.cat(sh.q().bits(7, 1))), () -> {
                        m.connect(busy.d(), Expr.FALSE);
                        m.connect(valid.d(), line);
                        m.when(line, () -> m.connect(data.d(), sh.q()));
                    }));
        }));
        c.add(m);
        return m;
    }
}
