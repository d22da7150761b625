package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.Layout;

/**
 * Twin of rtl-gen's WeightMemory (instance u_wmem): the ports both variants share, one bank per
 * lane. Loads (ld_i) write ld_data_i into lane ld_lane_i only, an update pass writes every lane;
 * rd_one_o is lane ld_lane_i of the W or B read data, for the read-weights command. The storage is
 * the variant's: {@link GenericWeightMemory} or {@link SpramWeightMemory}.
 */
abstract sealed class WeightMemory permits GenericWeightMemory, SpramWeightMemory {
    final int lanes;
    final boolean feedback;
    final boolean plastic;
    /** rd_w_l_o / rd_b_l_o, valid after {@link #read}. */
    final int[] rd_w;
    final int[] rd_b;
    /** This cycle's per-lane write enables and data. */
    final boolean[] weW;
    final boolean[] weB;
    final int[] dataW;
    final int[] dataB;

    WeightMemory(Layout lay) {
        lanes = lay.lanes();
        feedback = lay.anyFeedback();
        plastic = lay.anyPlastic();
        rd_w = new int[lanes];
        rd_b = new int[lanes];
        weW = new boolean[lanes];
        weB = new boolean[lanes];
        dataW = new int[lanes];
        dataB = new int[lanes];
    }

    static WeightMemory of(Layout lay) {
        return lay.spram() ? new SpramWeightMemory(lay) : new GenericWeightMemory(lay);
    }

    /** The read data of this cycle (rd_w, rd_b) from registered state; layer_i is u_ctrl.layer_q. */
    abstract void read(int layer_i);

    /** rd_one_o: lane ld_lane_i of the B (mat_i) or W read data. */
    final int rd_one_o(boolean mat_i, int ld_lane_i) {
        if (ld_lane_i >= lanes) return 0;
        return feedback && mat_i ? rd_b[ld_lane_i] : rd_w[ld_lane_i];
    }

    /** The next state from the controller's memory controls and the engine's write data. */
    final void eval(MemoryControl c, LayerEngine eng) {
        boolean write = c.we_w || c.we_b;
        if (write) {
            for (int l = 0; l < lanes; l++) {
                boolean laneEn = !c.ld || c.ld_lane == l;
                weW[l] = laneEn && c.we_w;
                weB[l] = laneEn && c.we_b;
                dataW[l] = c.ld ? c.ld_data : eng.wd_w[l];
                dataB[l] = plastic && !c.ld ? eng.wd_b[l] : c.ld_data;
            }
        }
        address(c, write);
    }

    /** The variant's addressing of this cycle. */
    abstract void address(MemoryControl c, boolean write);

    abstract void commit();

    /** The stored word of lane {@code lane}, chunk {@code chunk} of layer k's matrix (0 W, 1 B), by back door. */
    abstract int word(Layout.LayerLayout k, int matrix, int chunk, int lane);

    abstract void name(NamedState n, String at);
}
