package org.heterosyn.rtl.firrtl;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class ModuleTest {

    /** A counter with a when/else, a node, a memory and an instance of an external module. */
    private static Circuit sample() {
        Circuit c = new Circuit("top");
        ExtModule ext = new ExtModule("BLACKBOX", "BLACKBOX").input("A", Type.uint(4)).output("Y", Type.uint(4));
        c.add(ext);
        Module m = new Module("top");
        Expr clk = m.input("clk_i", Type.clock());
        Expr rst = m.input("rst_i", Type.bool());
        Expr en = m.input("en_i", Type.bool());
        Expr unused = m.input("spare_i", Type.uint(3));
        Expr.Ref out = m.output("cnt_o", Type.uint(4));
        Expr.Ref y = m.output("y_o", Type.uint(4));
        Expr.Ref q = m.regReset("cnt_q", Type.uint(4), clk, rst, Expr.u(0, 4));
        Expr.Ref d = m.wire("cnt_d", Type.uint(4));
        m.connect(d, q);
        m.whenElse(en, () -> m.connect(d, q.add(Expr.u(1, 1)).low(4)), () -> m.connect(d, q));
        m.connect(q, d);
        Module.Mem mem = m.mem("ram", Type.sint(8), 16, 1, 1);
        m.connect(mem.readClk(0), clk);
        m.connect(mem.readEn(0), Expr.TRUE);
        m.connect(mem.readAddr(0), q);
        m.connect(mem.writeClk(0), clk);
        m.connect(mem.writeEn(0), en);
        m.connect(mem.writeAddr(0), q);
        m.connect(mem.writeData(0), Expr.s(-1, 8));
        m.connect(mem.writeMask(0), Expr.TRUE);
        Module.Instance bb = m.instance("u_bb", ext);
        m.connect(bb.port("A"), m.node("low", mem.readData(0).asUInt().bits(3, 0)));
        m.connect(y, bb.port("Y"));
        m.connect(out, q);
        c.add(m);
        return c;
    }

    @Test
    void printsACircuitFirtoolReads() {
        String fir = sample().emit();
        assertTrue(fir.startsWith("FIRRTL version 3.3.0\ncircuit top :\n"), fir);
        assertTrue(fir.contains("  extmodule BLACKBOX :\n    input A : UInt<4>\n    output Y : UInt<4>\n    defname = BLACKBOX\n"), fir);
        assertTrue(fir.contains("    regreset cnt_q : UInt<4>, clk_i, rst_i, UInt<4>(0)\n"), fir);
        assertTrue(fir.contains("    when en_i :\n      connect cnt_d, bits(add(cnt_q, UInt<1>(1)), 3, 0)\n"
                + "    else :\n      connect cnt_d, cnt_q\n"), fir);
        assertTrue(fir.contains("    mem ram :\n      data-type => SInt<8>\n      depth => 16\n      read-latency => 0\n"
                + "      write-latency => 1\n      reader => r0\n      writer => w0\n      read-under-write => undefined\n"), fir);
        assertTrue(fir.contains("    inst u_bb of BLACKBOX\n"), fir);
    }

    @Test
    void prunesInputsNothingReads() {
        Circuit c = sample();
        ModuleDef top = c.get("top");
        assertFalse(top.ports().stream().anyMatch(p -> p.name().equals("spare_i")));
        assertTrue(top.pruned("spare_i"));
        assertFalse(c.emit().contains("spare_i"));
    }

    @Test
    void connectInSkipsPrunedPortsButNotTypos() {
        Circuit c = new Circuit("top");
        Module child = new Module("child");
        child.input("used_i", Type.bool());
        child.input("unused_i", Type.bool());
        Expr.Ref o = child.output("o", Type.bool());
        child.connect(o, new Expr.Ref("used_i", Type.bool(), false));
        c.add(child);
        Module top = new Module("top");
        Expr.Ref a = top.input("a_i", Type.bool());
        Expr.Ref y = top.output("y_o", Type.bool());
        Module.Instance i = top.instance("u", child);
        top.connectIn(i, "used_i", a);
        top.connectIn(i, "unused_i", a);
        assertThrows(FirrtlException.class, () -> top.connectIn(i, "typo_i", a));
        top.connect(y, i.port("o"));
        c.add(top);
        assertTrue(c.emit().contains("connect u.used_i, a_i"));
    }

    @Test
    void refusesUnsoundCircuits() {
        Module m = new Module("m");
        Expr.Ref a = m.input("a_i", Type.uint(8));
        Expr.Ref y = m.output("y_o", Type.uint(4));
        assertThrows(FirrtlException.class, () -> m.connect(y, a), "wider source");
        assertThrows(FirrtlException.class, () -> m.connect(a, Expr.u(1, 8)), "input as sink");
        assertThrows(FirrtlException.class, () -> m.wire("y_o", Type.bool()), "duplicate name");
        assertThrows(FirrtlException.class, () -> m.wire("reg", Type.bool()), "keyword");
        assertThrows(FirrtlException.class, () -> m.mem("one", Type.uint(4), 1, 1, 1), "depth 1");
        m.when(a.orr(), () -> m.connect(y, Expr.u(1, 4)));
        StringBuilder sb = new StringBuilder();
        assertThrows(FirrtlException.class, () -> m.emit(sb), "output without an unconditional default");
    }

    @Test
    void narrowerSourcesAreExtendedExplicitly() {
        Module m = new Module("m");
        Expr.Ref a = m.input("a_i", Type.sint(4));
        Expr.Ref y = m.output("y_o", Type.sint(8));
        m.connect(y, a);
        StringBuilder sb = new StringBuilder();
        m.emit(sb);
        assertTrue(sb.toString().contains("connect y_o, pad(a_i, 8)"), sb.toString());
        assertEquals(Type.sint(8), y.type());
    }
}
