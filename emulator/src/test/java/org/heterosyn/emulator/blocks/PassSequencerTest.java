package org.heterosyn.emulator.blocks;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import org.heterosyn.emulator.Designs;
import org.heterosyn.manifest.CycleModel;
import org.heterosyn.manifest.Layout;
import org.heterosyn.spec.DesignSpec;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sequencer alone: every chunk once, in the pass's order, in the cycles the CycleModel counts. */
@Tag("unit")
class PassSequencerTest {
    @Property(tries = 300)
    void forwardIssuesEveryChunkRowMajor(@ForAll long seed) {
        DesignSpec spec = Designs.random(seed);
        Layout lay = new Layout(spec);
        for (Layout.LayerLayout k : lay.layers()) {
            Run run = run(lay, k, true);
            List<Long> expected = new ArrayList<>();
            for (long a = 0; a < k.chunks(); a++) expected.add(a);
            String at = Designs.describe(spec) + " layer " + k.k();
            assertEquals(expected, run.issued, at);
            assertEquals(k.chunks() + 1L, run.cycles, at + ": chunks and a drain");
            assertEquals(k.rowGroups(), run.lasts, at + ": one row end per row group");
            assertEquals(k.chunks(), run.computes, at);
        }
    }

    @Property(tries = 300)
    void updateIssuesEveryChunkColumnMajorAndWritesItBack(@ForAll long seed) {
        DesignSpec spec = Designs.random(seed);
        Layout lay = new Layout(spec);
        CycleModel cycles = new CycleModel(lay);
        for (Layout.LayerLayout k : lay.layers()) {
            Run run = run(lay, k, false);
            List<Long> expected = new ArrayList<>();
            for (int c = 0; c < k.cpr(); c++) {
                for (int t = 0; t < k.rowGroups(); t++) expected.add((long) t * k.cpr() + c);
            }
            String at = Designs.describe(spec) + " layer " + k.k();
            assertEquals(expected, run.issued, at);
            assertEquals(cycles.update(k.k()).value(), run.cycles, at);
            assertEquals(k.chunks(), run.writesW, at + ": W written once per chunk");
            assertEquals(k.plastic() ? k.chunks() : 0, run.writesB, at + ": B written where plastic");
            assertEquals(k.cpr(), run.lasts, at + ": one column end per chunk column");
        }
    }

    private record Run(List<Long> issued, long cycles, int computes, int lasts, int writesW, int writesB) {}

    /** init, then the pass until done_o, counting its strobes. */
    private static Run run(Layout lay, Layout.LayerLayout k, boolean fwd) {
        PassSequencer s = new PassSequencer(lay);
        s.eval(k.k(), false, false);
        s.init();
        s.commit(false);
        List<Long> issued = new ArrayList<>();
        int computes = 0;
        int lasts = 0;
        int writesW = 0;
        int writesB = 0;
        long cycles = 0;
        boolean done = false;
        while (!done) {
            assertTrue(cycles <= 8L * (k.chunks() + 1), "the pass ends");
            s.eval(k.k(), fwd, !fwd);
            if (s.issue_o) issued.add(s.addr_o());
            if (s.cmp_o) computes++;
            if (s.issue_o && s.last_o) lasts++;
            if (s.we_w_o) writesW++;
            if (s.we_b_o) writesB++;
            done = s.done_o;
            s.commit(false);
            cycles++;
        }
        return new Run(issued, cycles, computes, lasts, writesW, writesB);
    }
}
