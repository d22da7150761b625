package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.StateMap;
import org.heterosyn.protocol.PackedInputs;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

/**
 * The input table (docs/architecture.md, "Input table"): the value each byte code of a packed input
 * stands for, 256 signed values written by LOAD_INPUT_TABLE. One write port and one read port whose
 * data is registered in rd_q (read data in cycle t+1 is the entry addressed in cycle t, as it was
 * before that cycle's write), so it maps to one iCE40 EBR (256 x 16). No reset: like the weights,
 * it holds what the host loaded; at power-up every entry is 0.
 */
public final class InputTable {
    private InputTable() {}

    public static String name(int bits) { return "heterosyn_input_table_V" + bits; }

    public static ModuleDef build(Circuit c, int bits) {
        String name = name(bits);
        if (c.has(name)) return c.get(name);
        Module m = new Module(name);
        Type value = Type.sint(bits);
        Type addr = Type.uint(PackedInputs.CODE_BITS);
        Expr clk = m.input("clk_i", Type.clock());
        Expr we = m.input("we_i", Type.bool());
        Expr waddr = m.input("waddr_i", addr);
        Expr wd = m.input("wd_i", value);
        Expr raddr = m.input("raddr_i", addr);
        Expr.Ref rd = m.output("rd_o", value);

        Module.Mem mem = m.mem(StateMap.INPUT_TABLE_RAM, value, PackedInputs.TABLE_ENTRIES, 1, 1);
        m.connect(mem.readClk(0), clk);
        m.connect(mem.readEn(0), Expr.TRUE);
        m.connect(mem.readAddr(0), raddr);
        m.connect(mem.writeClk(0), clk);
        m.connect(mem.writeEn(0), we);
        m.connect(mem.writeAddr(0), waddr);
        m.connect(mem.writeData(0), wd);
        m.connect(mem.writeMask(0), Expr.TRUE);
        Expr.Ref q = m.reg("rd_q", value, clk);
        m.connect(q, mem.readData(0));
        m.connect(rd, q);
        c.add(m);
        return m;
    }
}
