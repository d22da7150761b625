package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * Weight memory with inferred RAMs (memory "generic"): W_k and B_k of every layer are separate
 * RAMs per lane (depth = chunks of layer k), with a read port at raddr_i and a write port at
 * waddr_i, so an update pass reads one chunk and writes back another in the same cycle. A
 * one-chunk matrix is a register.
 */
public final class GenericWeightMemory {
    private GenericWeightMemory() {}

    public static ModuleDef build(Circuit c, Layout lay) {
        String name = WeightMemory.name(lay, "generic");
        if (c.has(name)) return c.get(name);
        Module m = new Module(name);
        WeightMemory.Ports p = WeightMemory.ports(m, lay);
        generic(m, lay, p);
        WeightMemory.readOne(m, p);
        c.add(m);
        return m;
    }

    private static void generic(Module m, Layout lay, WeightMemory.Ports p) {
        Expr clk = p.clk();
        Expr layer = p.layer();
        Expr raddr = p.raddr();
        Expr waddr = p.waddr();
        Expr[] laneEn = p.laneEn();
        Expr[] dataW = p.dataW();
        Expr[] dataB = p.dataB();
        Expr.Ref[] rdW = p.rdW();
        Expr.Ref[] rdB = p.rdB();
        Type weight = Type.sint(lay.weightBits());
        int lanes = lay.lanes();
        List<List<Expr>> readW = new ArrayList<>();
        List<List<Expr>> readB = new ArrayList<>();
        for (int l = 0; l < lanes; l++) {
            readW.add(new ArrayList<>());
            readB.add(new ArrayList<>());
        }
        for (Layout.LayerLayout k : lay.layers()) {
            Expr here = m.node("sel_" + k.k(), layer.eq(k.k()));
            for (int l = 0; l < lanes; l++) {
                if (l >= k.used()) {
                    readW.get(l).add(Expr.s(0, lay.weightBits()));
                    readB.get(l).add(Expr.s(0, lay.weightBits()));
                    continue;
                }
                Expr en = here.and(laneEn[l]);
                readW.get(l).add(bank(m, "w" + k.k() + "_" + l, weight, k.chunks(), clk, raddr, waddr,
                        en.and(p.weW()), dataW[l]));
                readB.get(l).add(k.feedback()
                        ? bank(m, "b" + k.k() + "_" + l, weight, k.chunks(), clk, raddr, waddr, en.and(p.weB()), dataB[l])
                        : Expr.s(0, lay.weightBits()));
            }
        }
        for (int l = 0; l < lanes; l++) {
            m.connect(rdW[l], Hw.select(layer, readW.get(l)));
            if (rdB[l] != null) m.connect(rdB[l], Hw.select(layer, readB.get(l)));
        }
    }

    /**
     * One lane's memory of one matrix: an inferred RAM with its read data registered in
     * {@code <id>_rd_q} (the word at the previous cycle's read address, as it was before that
     * cycle's write), or a register when the matrix is one chunk.
     */
    private static Expr bank(Module m, String id, Type t, int depth, Expr clk, Expr raddr, Expr waddr, Expr we, Expr wd) {
        if (depth == 1) {
            Expr.Ref q = m.reg(id + "_q", t, clk);
            m.when(we, () -> m.connect(q, wd));
            return q;
        }
        Module.Mem mem = m.mem("heterosyn_wram_" + id, t, depth, 1, 1);
        int aw = mem.addrWidth();
        m.connect(mem.readClk(0), clk);
        m.connect(mem.readEn(0), Expr.TRUE);
        m.connect(mem.readAddr(0), raddr.bits(aw - 1, 0));
        m.connect(mem.writeClk(0), clk);
        m.connect(mem.writeEn(0), we);
        m.connect(mem.writeAddr(0), waddr.bits(aw - 1, 0));
        m.connect(mem.writeData(0), wd);
        m.connect(mem.writeMask(0), Expr.TRUE);
        Expr.Ref rd = m.reg(id + "_rd_q", t, clk);
        m.connect(rd, mem.readData(0));
        return rd;
    }
}
