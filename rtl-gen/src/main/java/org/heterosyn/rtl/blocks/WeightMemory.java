package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.ExtModule;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * The weight memories, one bank per lane (docs/architecture.md, "Memory layout").
 *
 * <p>generic: W_k and B_k of every layer are separate inferred RAMs per lane (depth = chunks of
 * layer k), with a read port at raddr_i and a write port at waddr_i, so an update pass reads one
 * chunk and writes back another in the same cycle. A one-chunk matrix is a register.
 *
 * <p>spram: each lane's bank is SB_SPRAM256KA blocks holding all matrices one after the other
 * (Layout.regions); single port, so one access per cycle: a write when we_w_i or we_b_i, else a
 * read of matrix mat_i.
 *
 * <p>Loads (ld_i) write ld_data_i into lane ld_lane_i only; rd_one_o is lane ld_lane_i of the
 * W (mat_i = 0) or B read data, for the read-weights command.
 */
public final class WeightMemory {
    public static final String SPRAM = "SB_SPRAM256KA";
    private static final int SPRAM_WIDTH = 16;
    private static final int NIBBLES = SPRAM_WIDTH / 4;

    private WeightMemory() {}

    public static String name(Layout lay) {
        return "heterosyn_weight_mem_" + (lay.spram() ? "spram" : "generic") + "_L" + lay.lanes()
                + "_W" + lay.weightBits();
    }

    /** The ports the controller and engine see; which exist depends on the design. */
    static boolean hasFeedback(Layout lay) { return lay.layers().stream().anyMatch(Layout.LayerLayout::feedback); }

    static boolean hasPlastic(Layout lay) { return lay.layers().stream().anyMatch(Layout.LayerLayout::plastic); }

    public static ExtModule spramPrimitive(Circuit c) {
        if (c.has(SPRAM)) return (ExtModule) c.get(SPRAM);
        ExtModule e = new ExtModule(SPRAM, SPRAM)
                .input("ADDRESS", Type.uint(Layout.SPRAM_ADDR_BITS))
                .input("DATAIN", Type.uint(SPRAM_WIDTH))
                .input("MASKWREN", Type.uint(NIBBLES))
                .input("WREN", Type.bool())
                .input("CHIPSELECT", Type.bool())
                .input("CLOCK", Type.clock())
                .input("STANDBY", Type.bool())
                .input("SLEEP", Type.bool())
                .input("POWEROFF", Type.bool())
                .output("DATAOUT", Type.uint(SPRAM_WIDTH));
        c.add(e);
        return e;
    }

    public static ModuleDef build(Circuit c, Layout lay) {
        String name = name(lay);
        if (c.has(name)) return c.get(name);
        ModuleDef spramDef = lay.spram() ? spramPrimitive(c) : null;
        Module m = new Module(name);
        int lanes = lay.lanes();
        int wb = lay.weightBits();
        Type weight = Type.sint(wb);
        boolean fb = hasFeedback(lay);
        boolean plastic = hasPlastic(lay);

        Expr clk = m.input("clk_i", Type.clock());
        // Ports a variant does not read are pruned when the module is added to the circuit.
        Expr layer = m.input("layer_i", Type.uint(lay.layerBits()));
        Expr mat = m.input("mat_i", Type.bool());
        Expr raddr = m.input("raddr_i", Type.uint(lay.chunkBits()));
        Expr waddr = m.input("waddr_i", Type.uint(lay.chunkBits()));
        Expr weW = m.input("we_w_i", Type.bool());
        Expr weB = m.input("we_b_i", Type.bool());
        Expr ld = m.input("ld_i", Type.bool());
        Expr ldLane = m.input("ld_lane_i", Type.uint(lay.laneBits()));
        Expr ldData = m.input("ld_data_i", weight);
        Expr[] wdW = new Expr[lanes];
        Expr[] wdB = new Expr[lanes];
        for (int l = 0; l < lanes; l++) wdW[l] = m.input("wd_w_" + l + "_i", weight);
        if (plastic) {
            for (int l = 0; l < lanes; l++) wdB[l] = m.input("wd_b_" + l + "_i", weight);
        }
        Expr.Ref[] rdW = new Expr.Ref[lanes];
        Expr.Ref[] rdB = new Expr.Ref[lanes];
        for (int l = 0; l < lanes; l++) rdW[l] = m.output("rd_w_" + l + "_o", weight);
        if (fb) {
            for (int l = 0; l < lanes; l++) rdB[l] = m.output("rd_b_" + l + "_o", weight);
        }
        Expr.Ref rdOne = m.output("rd_one_o", weight);

        // Per-lane write data and enable: a load writes one lane, an update pass all of them.
        Expr[] laneEn = new Expr[lanes];
        Expr[] dataW = new Expr[lanes];
        Expr[] dataB = new Expr[lanes];
        for (int l = 0; l < lanes; l++) {
            final int lane = l;
            // Generic lanes past a layer's used lanes have no memory there; name only what is used.
            boolean wUsed = lay.spram() || lay.layers().stream().anyMatch(k -> k.used() > lane);
            boolean bUsed = lay.spram() || lay.layers().stream().anyMatch(k -> k.feedback() && k.used() > lane);
            if (!wUsed) continue;
            laneEn[l] = m.node("lane_en_" + l, ld.not().or(ldLane.eq(l)));
            dataW[l] = m.node("data_w_" + l, Expr.mux(ld, ldData, wdW[l]));
            dataB[l] = plastic && bUsed ? m.node("data_b_" + l, Expr.mux(ld, ldData, wdB[l])) : ldData;
        }

        if (lay.spram()) {
            spram(m, lay, spramDef, clk, layer, mat, raddr, waddr, weW, weB, laneEn, dataW, dataB, rdW, rdB);
        } else {
            generic(m, lay, clk, layer, raddr, waddr, weW, weB, laneEn, dataW, dataB, rdW, rdB);
        }
        List<Expr> one = new ArrayList<>();
        for (int l = 0; l < lanes; l++) one.add(fb ? Expr.mux(mat, rdB[l], rdW[l]) : rdW[l]);
        m.connect(rdOne, Hw.select(ldLane, one));
        c.add(m);
        return m;
    }

    private static void generic(Module m, Layout lay, Expr clk, Expr layer, Expr raddr, Expr waddr, Expr weW, Expr weB,
                                Expr[] laneEn, Expr[] dataW, Expr[] dataB, Expr.Ref[] rdW, Expr.Ref[] rdB) {
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
                        en.and(weW), dataW[l]));
                readB.get(l).add(k.feedback()
                        ? bank(m, "b" + k.k() + "_" + l, weight, k.chunks(), clk, raddr, waddr, en.and(weB), dataB[l])
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

    private static void spram(Module m, Layout lay, ModuleDef def, Expr clk, Expr layer, Expr mat, Expr raddr,
                              Expr waddr, Expr weW, Expr weB, Expr[] laneEn, Expr[] dataW, Expr[] dataB,
                              Expr.Ref[] rdW, Expr.Ref[] rdB) {
        int ab = lay.bankAddrBits();
        Expr write = m.node("wr_en", weW.or(weB));
        // One port: the region is B when writing B or reading with mat_i, the offset the port's address.
        Expr useB = Expr.mux(write, weB, mat);
        List<Expr> base = new ArrayList<>();
        for (Layout.LayerLayout k : lay.layers()) {
            Expr w = Expr.u(lay.region(k.k(), 0).base(), ab);
            base.add(k.feedback() ? Expr.mux(useB, Expr.u(lay.region(k.k(), 1).base(), ab), w) : w);
        }
        Expr offset = Expr.mux(write, waddr, raddr);
        Expr phys = m.node("phys", Hw.select(layer, base).add(offset).low(ab).pad(Layout.SPRAM_ADDR_BITS));
        int blocks = lay.spramsPerLane();
        int sb = Layout.bits(blocks - 1);
        int pw = phys.width();
        Expr block = blocks > 1 ? m.node("block", phys.bits(pw - 1, Layout.SPRAM_ADDR_BITS)) : Expr.u(0, 1);
        Expr inner = phys.bits(Layout.SPRAM_ADDR_BITS - 1, 0);
        // The block read in the previous cycle selects DATAOUT (the data is registered in the block).
        Expr.Ref blockQ = blocks > 1 ? m.reg("block_q", Type.uint(sb), clk) : null;
        if (blockQ != null) m.connect(blockQ, block);
        Expr wdata;
        for (int l = 0; l < lay.lanes(); l++) {
            wdata = m.node("wdata_" + l, Expr.mux(weB, dataB[l], dataW[l]).pad(SPRAM_WIDTH).asUInt());
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
