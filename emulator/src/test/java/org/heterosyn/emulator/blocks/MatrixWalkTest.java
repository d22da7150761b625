package org.heterosyn.emulator.blocks;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import org.heterosyn.emulator.Designs;
import org.heterosyn.manifest.Layout;
import org.heterosyn.spec.DesignSpec;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The walk alone: it visits W_k and B_k in logical row-major order, at the places Layout gives. */
@Tag("unit")
class MatrixWalkTest {
    @Property(tries = 300)
    void stepsVisitEverySynapseWhereTheLayoutHoldsIt(@ForAll long seed) {
        DesignSpec spec = Designs.random(seed);
        Layout lay = new Layout(spec);
        for (Layout.LayerLayout k : lay.layers()) {
            for (int mat = 0; mat < (k.feedback() ? 2 : 1); mat++) {
                MatrixWalk w = new MatrixWalk(lay);
                clock(w, k.k(), mat, true, false, false, false);
                long n = k.synapses();
                for (long s = 0; s < n; s++) {
                    String at = Designs.describe(spec) + " layer " + k.k() + " matrix " + mat + " element " + s;
                    assertPlace(lay, k, mat, s, w, at);
                    clock(w, k.k(), mat, false, false, false, true);
                }
            }
        }
    }

    /** SEEK's row and column skips reach the same place as stepping element by element. */
    @Property(tries = 300)
    void seekingReachesTheStart(@ForAll long seed, @ForAll int pick) {
        DesignSpec spec = Designs.random(seed);
        Layout lay = new Layout(spec);
        Layout.LayerLayout k = lay.layer(Math.floorMod(pick, lay.weightLayers()));
        int mat = k.feedback() && pick < 0 ? 1 : 0;
        long start = Math.floorMod(pick * 31L, k.synapses());
        MatrixWalk w = new MatrixWalk(lay);
        clock(w, k.k(), mat, true, false, false, false);
        long rowLen = w.row_len_o(k.k(), mat);
        for (long r = 0; r < start / rowLen; r++) clock(w, k.k(), mat, false, true, false, false);
        for (long c = 0; c < start % rowLen; c++) clock(w, k.k(), mat, false, false, true, false);
        assertPlace(lay, k, mat, start, w, Designs.describe(spec) + " seek to " + start);
        assertEquals(k.synapses(), w.size_o(k.k(), mat));
    }

    /** Logical element s of W_k (row-major) or B_k (its transpose, stored at W_k[i][j]'s slot). */
    private static void assertPlace(Layout lay, Layout.LayerLayout k, int mat, long s, MatrixWalk w, String at) {
        int i = (int) (mat == 0 ? s / k.cols() : s % k.rows());
        int j = (int) (mat == 0 ? s % k.cols() : s / k.rows());
        long wIndex = k.slot(i, j);
        assertEquals(wIndex / k.used(), w.chunk_o(), at + ": chunk");
        assertEquals(wIndex % k.used(), w.lane_o(), at + ": lane");
    }

    private static void clock(MatrixWalk w, int layer, int mat, boolean clear, boolean row, boolean col, boolean step) {
        w.eval(layer, mat, clear, row, col, step);
        w.commit(false);
    }
}
