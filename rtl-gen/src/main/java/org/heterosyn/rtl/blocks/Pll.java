package org.heterosyn.rtl.blocks;

import org.heterosyn.board.Board;
import org.heterosyn.board.BoardException;
import org.heterosyn.board.Ice40Pll;
import org.heterosyn.manifest.DesignDir;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.ExtModule;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

import java.util.Locale;

/**
 * The design clock from the board's oscillator: an iCE40 SB_PLL40_PAD in SIMPLE feedback with the
 * dividers {@link Ice40Pll} finds. Simulation uses sim/SB_PLL40_PAD.v, which passes the
 * oscillator through and is always locked, so Verilator and the emulator run one clock. At the
 * oscillator's own frequency (12 MHz on the iCEBreaker, below the PLL's 16 MHz floor) the module is
 * a bypass: the oscillator pin is the clock, always locked. ECP5 boards (EHXPLLL) are refused.
 */
public final class Pll {
    private Pll() {}

    public static String name(Ice40Pll p) {
        if (p.bypass()) return "heterosyn_pll_bypass";
        return String.format(Locale.ROOT, "heterosyn_pll_R%d_F%d_Q%d", p.divr(), p.divf(), p.divq());
    }

    public static Ice40Pll settings(Board board, double clockMhz) {
        if (board.family() != Board.Family.ICE40) {
            throw new BoardException("board " + board.name() + " is " + board.family()
                    + ": its board top needs an EHXPLLL, which rtl-gen does not generate yet; only iCE40 boards have a board top");
        }
        return Ice40Pll.of(board.oscillatorMhz(), clockMhz);
    }

    public static ModuleDef build(Circuit c, Ice40Pll p) {
        String name = name(p);
        if (c.has(name)) return c.get(name);
        Module m = new Module(name);
        Expr osc = m.input("osc_i", Type.clock());
        Expr.Ref clk = m.output("clk_o", Type.clock());
        Expr.Ref lock = m.output("lock_o", Type.bool());
        if (p.bypass()) {
            m.connect(clk, osc);
            m.connect(lock, Expr.TRUE);
            c.add(m);
            return m;
        }
        ExtModule prim = primitive(c, p);
        Module.Instance pll = m.instance("u_pll40", prim);
        m.connect(pll.port("PACKAGEPIN"), osc);
        m.connect(pll.port("RESETB"), Expr.TRUE);
        m.connect(pll.port("BYPASS"), Expr.FALSE);
        m.connect(clk, pll.port("PLLOUTGLOBAL"));
        m.connect(lock, pll.port("LOCK"));
        c.add(m);
        return m;
    }

    private static ExtModule primitive(Circuit c, Ice40Pll p) {
        String ext = DesignDir.PLL_PRIMITIVE + "_" + name(p);
        if (c.has(ext)) return (ExtModule) c.get(ext);
        ExtModule e = new ExtModule(ext, DesignDir.PLL_PRIMITIVE)
                .input("PACKAGEPIN", Type.clock())
                .input("RESETB", Type.bool())
                .input("BYPASS", Type.bool())
                .output("PLLOUTGLOBAL", Type.clock())
                .output("LOCK", Type.bool())
                .param("FEEDBACK_PATH", "SIMPLE")
                .param("DIVR", p.divr())
                .param("DIVF", p.divf())
                .param("DIVQ", p.divq())
                .param("FILTER_RANGE", p.filterRange());
        c.add(e);
        return e;
    }
}
