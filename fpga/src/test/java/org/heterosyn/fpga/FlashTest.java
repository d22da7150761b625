package org.heterosyn.fpga;

import org.heterosyn.board.Boards;
import org.heterosyn.spec.DesignSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Needs an iCEBreaker on USB: builds the tiny design and loads it into the FPGA's SRAM (no flash wear). */
@Tag("board")
class FlashTest {
    @Test
    void loadsABitstreamIntoTheBoard(@TempDir Path dir) {
        Tools.require(Tool.YOSYS, Tool.NEXTPNR_ICE40, Tool.ICEPACK, Tool.ICEPROG);
        Report r = new Flow(System.out).build(new Flow.Job(DesignSpec.tiny(), BoardFiles.load("icebreaker"), dir, 12));
        Flash.program(Boards.load("icebreaker"), dir.resolve(r.get(ReportField.TOP) + ".bin"), true, System.out);
    }
}
