package org.heterosyn.manifest;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chunking for every lane count (docs/architecture.md, "Layout" and "Ragged chunks"): ragged last
 * chunks pad, and every lane count that tiled before keeps its layout exactly.
 */
@Tag("unit")
class LayoutTest {

    private static Layout layout(List<Integer> layers, int lanes) {
        return new Layout(DesignSpec.tiny().withLayers(layers).withLanes(lanes));
    }

    private static List<Integer> shape(Layout.LayerLayout l) {
        return List.of(l.inW(), l.rpc(), l.cpr(), l.rowGroups(), l.chunks(), l.used(), l.stride(), l.tailLanes());
    }

    @Test
    void raggedLastChunkOfARow() {
        // 10-5-4 on 3 lanes: rows of 10 in chunks 3+3+3+1, rows of 5 in 3+2.
        Layout lay = layout(List.of(10, 5, 4), 3);
        assertEquals(List.of(3, 1, 4, 5, 20, 3, 12, 1), shape(lay.layer(0)));
        assertEquals(List.of(3, 1, 2, 4, 8, 3, 6, 2), shape(lay.layer(1)));
        assertTrue(lay.layer(0).ragged() && lay.layer(1).ragged());
        assertEquals(List.of(3, 3, 1), lay.buffers().stream().map(Layout.BufferLayout::banks).toList());
        assertEquals(List.of(4, 2, 4), lay.buffers().stream().map(Layout.BufferLayout::depth).toList());
        // W_1[2][4] is word 2*6 + 4 = 16: chunk 5, lane 1 (the second chunk of row 2).
        assertEquals(16, lay.layer(1).slot(2, 4));
        // 784-100-10 on 8 lanes: 784 tiles, 100 = 12 * 8 + 4.
        Layout big = layout(List.of(784, 100, 10), 8);
        assertFalse(big.layer(0).ragged());
        assertEquals(List.of(8, 1, 13, 10, 130, 8, 104, 4), shape(big.layer(1)));
        assertEquals(13, big.buffer(1).depth());
    }

    @Test
    void raggedLastRowGroup() {
        // 3-2-5 on 6 lanes: W_1 (5 x 2) in groups of 3 rows, the last with 2 rows and 2 idle lanes.
        Layout lay = layout(List.of(3, 2, 5), 6);
        assertEquals(List.of(2, 3, 1, 2, 2, 6, 2, 4), shape(lay.layer(1)));
        assertEquals(3, lay.buffer(2).banks());
        assertEquals(2, lay.buffer(2).depth());
        // W_0 (2 x 3): two rows per chunk, and buffer 1 has inW(1) = 2 banks.
        assertEquals(List.of(3, 2, 1, 1, 1, 6, 3, 6), shape(lay.layer(0)));
        assertFalse(lay.layer(0).ragged());
        // 2-5-7 on 6 lanes: three rows of W_0 would fit, but buffer 1 has 5 banks: one row per chunk.
        assertEquals(1, layout(List.of(2, 5, 7), 6).layer(0).rpc());
        // 2-5-3 on 4 lanes: two rows of W_0 per chunk, buffer 1 has 4 banks; 5 rows in 3 groups.
        Layout g = layout(List.of(2, 5, 3), 4);
        assertEquals(List.of(2, 2, 1, 3, 3, 4, 2, 2), shape(g.layer(0)));
        assertEquals(List.of(4, 2), List.of(g.buffer(1).banks(), g.buffer(1).depth()));
    }

    @Test
    void cycleModelCountsRaggedChunks() {
        DesignSpec s = DesignSpec.tiny().withLayers(List.of(10, 5, 4)).withLanes(3);
        CycleModel cm = new CycleModel(s);
        assertEquals(20 + 1, cm.forward(0).value());
        assertEquals(8 + 1, cm.forward(1).value());
        assertEquals(2 + 10 + 30 + 2 * 4, cm.infer().value());
        assertEquals(21, cm.update(0).value());
        CycleModel spram = new CycleModel(s.withMemory(MemoryStyle.SPRAM));
        // kp: layer 1 reads W and B and writes both (4 slots per chunk), layer 0 only W, staged: its
        // last chunk is written in one more slot pair.
        assertEquals(4 * 8, spram.update(1).value());
        assertEquals(2 * 20 + 2, spram.update(0).value());
        // Loads and reads walk the logical matrix: the seek does not see the padding.
        assertEquals(7 / 5 + 7 % 5, cm.seek(1, 0, 7));
    }

    /**
     * Every synapse in exactly one (chunk, lane); a chunk inside one row or whole rows; idle lanes
     * only in the last chunk of a row or the last row group; groups never straddle buffer banks.
     */
    @Property(tries = 400)
    void everyLaneCountPlacesEverySynapseOnce(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> layers = new ArrayList<>();
        int n = 2 + rng.nextInt(3);
        for (int i = 0; i < n; i++) layers.add(1 + rng.nextInt(rng.nextBoolean() ? 12 : 40));
        long total = 0;
        for (int k = 0; k + 1 < n; k++) total += (long) layers.get(k) * layers.get(k + 1);
        int lanes = 1 + rng.nextInt((int) total);
        Layout lay = layout(layers, lanes);
        String what = layers + " lanes " + lanes + " (seed " + seed + ")";
        for (Layout.LayerLayout k : lay.layers()) {
            assertTrue(k.used() <= lanes && k.used() >= 1, what);
            assertTrue(k.inW() == lanes && k.rpc() == 1 || k.inW() == k.cols(), what + ": chunk inside a row or whole rows");
            int words = k.chunks() * k.used();
            boolean[] seen = new boolean[words];
            for (int i = 0; i < k.rows(); i++) {
                for (int j = 0; j < k.cols(); j++) {
                    int s = (int) k.slot(i, j);
                    assertTrue(s < words && !seen[s], what + ": W_" + k.k() + "[" + i + "][" + j + "]");
                    seen[s] = true;
                    // chunk t * cpr + c: row group t holds the row, chunk column c the column
                    int chunk = s / k.used();
                    int lane = s % k.used();
                    assertEquals(i, chunk / k.cpr() * k.rpc() + k.laneRow(lane), what);
                    assertEquals(j, chunk % k.cpr() * k.inW() + k.laneCol(lane), what);
                }
            }
            int idle = 0;
            for (int s = 0; s < words; s++) {
                if (seen[s]) continue;
                idle++;
                int chunk = s / k.used();
                boolean lastOfRow = chunk % k.cpr() == k.cpr() - 1;
                boolean lastGroup = chunk / k.cpr() == k.rowGroups() - 1;
                assertTrue(k.rpc() == 1 ? lastOfRow : lastGroup, what + ": idle lane in a chunk that is not a tail");
                assertTrue(s % k.used() >= k.tailLanes(), what + ": idle lane below the tail's live lanes");
            }
            assertEquals(words - k.synapses(), idle, what);
            assertEquals(idle > 0, k.ragged(), what);
            Layout.BufferLayout next = lay.buffer(k.k() + 1);
            assertEquals(0, next.banks() % k.rpc(), what + ": a row group must not straddle banks");
            assertTrue(k.rowGroups() * k.rpc() <= next.banks() * next.depth(), what);
            // rpc is the largest row count up to lanes / cols that divides the banks
            if (k.inW() == k.cols()) {
                for (int r = k.rpc() + 1; r <= Math.min(k.rows(), lanes / k.cols()); r++) {
                    assertTrue(k.k() + 1 < lay.weightLayers() && next.banks() % r != 0, what + ": rpc " + r + " fits");
                }
            }
        }
        for (Layout.BufferLayout b : lay.buffers()) {
            assertTrue(b.banks() * b.depth() >= b.neurons() && b.banks() * (b.depth() - 1) < b.neurons(), what);
        }
        if (tiledBefore(layers, lanes)) assertEquals(layoutBefore(layers, lanes), summary(lay), what + ": tiled before");
    }

    /** Every lane count of small shapes that tiled before ragged chunks keeps the layout it had. */
    @Property(tries = 200)
    void tilingLaneCountsKeepTheirLayout(@ForAll @IntRange(min = 1, max = 12) int a, @ForAll @IntRange(min = 1, max = 12) int b,
                                         @ForAll @IntRange(min = 1, max = 12) int c) {
        List<Integer> layers = List.of(a, b, c);
        for (int lanes = 1; lanes <= a * b + b * c; lanes++) {
            if (tiledBefore(layers, lanes)) {
                assertEquals(layoutBefore(layers, lanes), summary(layout(layers, lanes)), layers + " lanes " + lanes);
            }
        }
    }

    private static List<List<Integer>> summary(Layout lay) {
        List<List<Integer>> out = new ArrayList<>();
        for (Layout.LayerLayout k : lay.layers()) out.add(List.of(k.inW(), k.rpc(), k.cpr(), k.rowGroups(), k.chunks(), k.used()));
        for (Layout.BufferLayout b : lay.buffers()) out.add(List.of(b.banks(), b.depth()));
        return out;
    }

    /** The rule DesignSpec enforced before ragged chunks (lanesTile) and the bank check Layout made. */
    private static boolean tiledBefore(List<Integer> layers, int lanes) {
        for (int k = 0; k + 1 < layers.size(); k++) {
            long syn = (long) layers.get(k) * layers.get(k + 1);
            int cols = layers.get(k);
            if (!(lanes >= syn || cols % lanes == 0 || (lanes % cols == 0 && syn % lanes == 0))) return false;
        }
        try {
            layoutBefore(layers, lanes);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Layout's formulas before ragged chunks, verbatim. */
    private static List<List<Integer>> layoutBefore(List<Integer> layers, int lanes) {
        List<List<Integer>> out = new ArrayList<>();
        List<int[]> ls = new ArrayList<>();
        for (int k = 0; k + 1 < layers.size(); k++) {
            int rows = layers.get(k + 1);
            int cols = layers.get(k);
            int inW = cols % lanes == 0 ? lanes : cols;
            int rpc = cols % lanes == 0 ? 1 : Math.min(rows, lanes / cols);
            int cpr = cols / inW;
            int rowGroups = rows / rpc;
            if (rows % rpc != 0 || inW * rpc > lanes) throw new IllegalStateException("lanes do not tile layer " + k);
            ls.add(new int[] {inW, rpc});
            out.add(List.of(inW, rpc, cpr, rowGroups, rowGroups * cpr, inW * rpc));
        }
        int last = layers.size() - 1;
        for (int m = 0; m <= last; m++) {
            int banks = m < last ? ls.get(m)[0] : ls.get(last - 1)[1];
            if (m > 0 && banks % ls.get(m - 1)[1] != 0) throw new IllegalStateException("straddle");
            out.add(List.of(banks, layers.get(m) / banks));
        }
        return out;
    }
}
