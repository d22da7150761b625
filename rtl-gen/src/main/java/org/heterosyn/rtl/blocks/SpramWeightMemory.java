package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.ExtModule;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;
import org.heterosyn.spec.Spram;

import java.util.ArrayList;
import java.util.List;

/**
 * Weight memory in iCE40 single-port RAM (memory "spram"): each lane's bank is SB_SPRAM256KA
 * blocks holding all matrices one after the other (Layout.regions); one access per cycle, a write
 * when we_w_i or we_b_i, else a read of matrix mat_i.
 */
public final class SpramWeightMemory {
    private static final int NIBBLES = Spram.WIDTH / 4;

    private SpramWeightMemory() {}

    public static ModuleDef build(Circuit c, Layout lay) {
        String name = WeightMemory.name(lay, "spram");
        if (c.has(name)) return c.get(name);
        ModuleDef def = spramPrimitive(c);
        Module m = new Module(name);
        WeightMemory.Ports p = WeightMemory.ports(m, lay);
        spram(m, lay, def, p);
        WeightMemory.readOne(m, p);
        c.add(m);
        return m;
    }

    static ExtModule spramPrimitive(Circuit c) {
        if (c.has(Spram.PRIMITIVE)) return (ExtModule) c.get(Spram.PRIMITIVE);
        ExtModule e = new ExtModule(Spram.PRIMITIVE, Spram.PRIMITIVE)
                .input("ADDRESS", Type.uint(Spram.ADDR_BITS))
                .input("DATAIN", Type.uint(Spram.WIDTH))
                .input("MASKWREN", Type.uint(NIBBLES))
                .input("WREN", Type.bool())
                .input("CHIPSELECT", Type.bool())
                .input("CLOCK", Type.clock())
                .input("STANDBY", Type.bool())
                .input("SLEEP", Type.bool())
                .input("POWEROFF", Type.bool())
                .output("DATAOUT", Type.uint(Spram.WIDTH));
        c.add(e);
        return e;
    }

    private static void spram(Module m, Layout lay, ModuleDef def, WeightMemory.Ports p) {
        Expr clk = p.clk();
        Expr weW = p.weW();
        Expr weB = p.weB();
        Expr[] laneEn = p.laneEn();
        Expr[] dataW = p.dataW();
        Expr[] dataB = p.dataB();
        Expr.Ref[] rdW = p.rdW();
        Expr.Ref[] rdB = p.rdB();
        int ab = lay.bankAddrBits();
        Expr write = m.node("wr_en", weW.or(weB));
        // One port: the region is B when writing B or reading with mat_i, the offset the port's address.
        Expr useB = Expr.mux(write, weB, p.mat());
        List<Expr> base = new ArrayList<>();
        for (Layout.LayerLayout k : lay.layers()) {
            Expr w = Expr.u(lay.region(k.k(), 0).base(), ab);
            base.add(k.feedback() ? Expr.mux(useB, Expr.u(lay.region(k.k(), 1).base(), ab), w) : w);
        }
        Expr offset = Expr.mux(write, p.waddr(), p.raddr());
        Expr phys = m.node("phys", Hw.select(p.layer(), base).add(offset).low(ab).pad(Spram.ADDR_BITS));
        int blocks = lay.spramsPerLane();
        int sb = Layout.bits(blocks - 1);
        int pw = phys.width();
        Expr block = blocks > 1 ? m.node("block", phys.bits(pw - 1, Spram.ADDR_BITS)) : Expr.u(0, 1);
        Expr inner = phys.bits(Spram.ADDR_BITS - 1, 0);
        // The block read in the previous cycle selects DATAOUT (the data is registered in the block).
        Expr.Ref blockQ = blocks > 1 ? m.reg("block_q", Type.uint(sb), clk) : null;
        if (blockQ != null) m.connect(blockQ, block);
        Expr wdata;
        for (int l = 0; l < lay.lanes(); l++) {
            wdata = m.node("wdata_" + l, Expr.mux(weB, dataB[l], dataW[l]).pad(Spram.WIDTH).asUInt());
            List<Expr> outs = new ArrayList<>();
            for (int s = 0; s < blocks; s++) {
                Module.Instance u = m.instance("u_spram_" + l + "_" + s, def);
                Expr hit = blocks > 1 ? block.eq(s) : Expr.TRUE;
                m.connect(u.port("ADDRESS"), inner);
                m.connect(u.port("DATAIN"), wdata);
                m.connect(u.port("MASKWREN"), Expr.u((1 << NIBBLES) - 1, NIBBLES));
                m.connect(u.port("WREN"), write.and(hit).and(laneEn[l]));
                m.connect(u.port("CHIPSELECT"), Expr.TRUE);
                m.connect(u.port("CLOCK"), clk);
                m.connect(u.port("STANDBY"), Expr.FALSE);
                m.connect(u.port("SLEEP"), Expr.FALSE);
                // POWEROFF is active low: 1 keeps the block powered.
                m.connect(u.port("POWEROFF"), Expr.TRUE);
                outs.add(u.port("DATAOUT"));
            }
            Expr data = blocks > 1 ? Hw.select(blockQ, outs) : outs.get(0);
            Expr word = m.node("rdata_" + l, data.bits(lay.weightBits() - 1, 0).asSInt());
            m.connect(rdW[l], word);
            if (rdB[l] != null) m.connect(rdB[l], word);
        }
    }
}
