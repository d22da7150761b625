package org.heterosyn.rtl.blocks;

import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

/**
 * A neuron value buffer (activations h_m or errors e_m): {@code banks} memories of {@code depth}
 * signed values, all read at one address, each bank written on its own enable at one write
 * address. Read data in cycle t+1 is bank[raddr given in cycle t] as it was in cycle t, held in
 * rd_<b>_q (the old word if that cycle also wrote it); the controller never uses such a read, so
 * synthesis may treat collisions as don't-care. A depth-1 buffer is a register per bank, read
 * directly, without address ports.
 */
public final class ValueBuffer {
    private ValueBuffer() {}

    public static String name(int banks, int depth, int bits) {
        return "heterosyn_value_buf_B" + banks + "_D" + depth + "_V" + bits;
    }

    public static ModuleDef build(Circuit c, int banks, int depth, int bits) {
        String name = name(banks, depth, bits);
        if (c.has(name)) return c.get(name);
        Module m = new Module(name);
        Type value = Type.sint(bits);
        Expr clk = m.input("clk_i", Type.clock());
        int aw = Expr.bitsFor(depth - 1);
        Expr raddr = depth > 1 ? m.input("raddr_i", Type.uint(aw)) : null;
        Expr waddr = depth > 1 ? m.input("waddr_i", Type.uint(aw)) : null;
        Expr[] we = new Expr[banks];
        Expr[] wd = new Expr[banks];
        Expr.Ref[] rd = new Expr.Ref[banks];
        for (int b = 0; b < banks; b++) {
            we[b] = m.input("we_" + b + "_i", Type.bool());
            wd[b] = m.input("wd_" + b + "_i", value);
        }
        for (int b = 0; b < banks; b++) rd[b] = m.output("rd_" + b + "_o", value);
        for (int b = 0; b < banks; b++) {
            if (depth > 1) {
                Module.Mem mem = m.mem("heterosyn_vram_" + b, value, depth, 1, 1);
                m.connect(mem.readClk(0), clk);
                m.connect(mem.readEn(0), Expr.TRUE);
                m.connect(mem.readAddr(0), raddr);
                m.connect(mem.writeClk(0), clk);
                m.connect(mem.writeEn(0), we[b]);
                m.connect(mem.writeAddr(0), waddr);
                m.connect(mem.writeData(0), wd[b]);
                m.connect(mem.writeMask(0), Expr.TRUE);
                Expr.Ref q = m.reg("rd_" + b + "_q", value, clk);
                m.connect(q, mem.readData(0));
                m.connect(rd[b], q);
            } else {
                Expr.Ref q = m.reg("val_" + b + "_q", value, clk);
                final int bank = b;
                m.when(we[b], () -> m.connect(q, wd[bank]));
                m.connect(rd[b], q);
            }
        }
        c.add(m);
        return m;
    }
}
