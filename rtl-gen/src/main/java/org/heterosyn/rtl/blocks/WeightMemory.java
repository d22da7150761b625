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
 * The weight memories, one bank per lane (docs/architecture.md, "Memory layout"): the ports and
 * lane logic both variants share. Loads (ld_i) write ld_data_i into lane ld_lane_i only, an update
 * pass writes every lane; rd_one_o is lane ld_lane_i of the W (mat_i = 0) or B read data, for the
 * read-weights command. The storage is the variant's: {@link GenericWeightMemory} (inferred RAMs)
 * or {@link SpramWeightMemory} (iCE40 SB_SPRAM256KA).
 */
public final class WeightMemory {
    private WeightMemory() {}

    /** The design's variant. */
    public static ModuleDef build(Circuit c, Layout lay) {
        return lay.spram() ? SpramWeightMemory.build(c, lay) : GenericWeightMemory.build(c, lay);
    }

    static String name(Layout lay, String variant) {
        return "heterosyn_weight_mem_" + variant + "_L" + lay.lanes() + "_W" + lay.weightBits();
    }

    /**
     * The shared ports and, per lane, the write enable and data: laneEn[l] (null for a generic lane
     * no layer uses), dataW[l], dataB[l]. Ports a variant does not read are pruned when the module
     * is added to the circuit.
     */
    record Ports(Expr clk, Expr layer, Expr mat, Expr raddr, Expr waddr, Expr weW, Expr weB, Expr ldLane,
                 Expr[] laneEn, Expr[] dataW, Expr[] dataB, Expr.Ref[] rdW, Expr.Ref[] rdB, Expr.Ref rdOne) {}

    static Ports ports(Module m, Layout lay) {
        int lanes = lay.lanes();
        Type weight = Type.sint(lay.weightBits());
        boolean plastic = lay.anyPlastic();
        Expr clk = m.input("clk_i", Type.clock());
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
        if (lay.anyFeedback()) {
            for (int l = 0; l < lanes; l++) rdB[l] = m.output("rd_b_" + l + "_o", weight);
        }
        Expr.Ref rdOne = m.output("rd_one_o", weight);

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
        return new Ports(clk, layer, mat, raddr, waddr, weW, weB, ldLane, laneEn, dataW, dataB, rdW, rdB, rdOne);
    }

    /** rd_one_o, once the variant has driven the read data. */
    static void readOne(Module m, Ports p) {
        List<Expr> one = new ArrayList<>();
        for (int l = 0; l < p.rdW().length; l++) one.add(p.rdB()[l] != null ? Expr.mux(p.mat(), p.rdB()[l], p.rdW()[l]) : p.rdW()[l]);
        m.connect(p.rdOne(), Hw.select(p.ldLane(), one));
    }
}
