package org.heterosyn.fpga;

import org.heterosyn.board.Board;
import org.heterosyn.board.Boards;
import org.heterosyn.manifest.Layout;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class FitTest {
    private final Board icebreaker = Boards.load("icebreaker");

    @Test
    void theDefaultDesignsWeightsFitTheIcebreakersSprams() {
        assertEquals(List.of(), Fit.memory(new Layout(DesignSpec.fashionMnist()), icebreaker));
    }

    @Test
    void moreSpramBlocksThanTheBoardHasIsRefusedNamingTheMatricesAndTheCount() {
        // 8 lanes: one block per lane, the UP5K has 4
        List<String> p = Fit.memory(new Layout(DesignSpec.fashionMnist().withLanes(8)), icebreaker);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("memory spram: the weights need 8 SB_SPRAM256KA blocks (8 lanes x 1 per lane, "
                + "each lane's bank holding W_0 6272 + W_1 80 + B_1 80 = 6432 words of 16384 per block), but board "
                + "icebreaker has 4"), p.get(0));
        // the spec accepts this network (no board in a spec); one lane needs 5 blocks for its 65792 words
        DesignSpec big = DesignSpec.tiny().withLayers(List.of(256, 128, 129)).withMemory(MemoryStyle.SPRAM);
        assertTrue(Fit.memory(new Layout(big), icebreaker).get(0).contains("need 5 SB_SPRAM256KA blocks (1 lanes x 5 per lane"));
    }

    @Test
    void aBoardWithoutSpramRefusesTheSpramStyle() {
        for (String b : List.of("hx8k-breakout", "ulx3s-85f")) {
            List<String> p = Fit.memory(new Layout(DesignSpec.fashionMnist()), Boards.load(b));
            assertTrue(p.get(0).contains("board " + b + " has none"), p.toString());
        }
        assertEquals(List.of(), Fit.memory(new Layout(DesignSpec.tiny()), Boards.load("hx8k-breakout")));
    }

    @Test
    void resourcesAndClockBeyondTheBoardAreNamed() {
        assertEquals(List.of(), Fit.resources(new Usage(5280, 8, 30, 4), icebreaker));
        List<String> p = Fit.resources(new Usage(5281, 9, 31, 5), icebreaker);
        assertEquals(List.of("logic cells: the design uses 5281, board icebreaker has 5280 (100%)",
                "multiplier blocks (DSP): the design uses 9, board icebreaker has 8 (113%)",
                "block RAMs (EBR): the design uses 31, board icebreaker has 30 (103%)",
                "SPRAM blocks: the design uses 5, board icebreaker has 4 (125%)"), p);
        assertEquals(List.of("timing: Fmax 20.50 MHz is below the target 24.00 MHz"), Fit.clock(OptionalDouble.of(20.5), 24));
        assertEquals(List.of(), Fit.clock(OptionalDouble.of(24), 24));
        assertEquals(List.of(), Fit.clock(OptionalDouble.empty(), 24));
    }
}
