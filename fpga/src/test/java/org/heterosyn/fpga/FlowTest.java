package org.heterosyn.fpga;

import org.heterosyn.manifest.CycleModel;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small fast version of the flow: the tiny design (4-3-2) through estimate and build on the iCEBreaker. */
@Tag("fpga")
class FlowTest {
    private static final DesignSpec TINY = DesignSpec.tiny();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Flow flow = new Flow(new PrintStream(console, true, StandardCharsets.UTF_8));

    private Flow.Job job(DesignSpec spec, Path dir) {
        return new Flow.Job(spec, BoardFiles.load("icebreaker"), dir, Flow.DEFAULT_TARGET_MHZ);
    }

    @Test
    void estimateSynthesisesAndPacksWithoutTiming(@TempDir Path dir) {
        Tools.require(Tool.YOSYS, Tool.NEXTPNR_ICE40);
        Report r = flow.estimate(job(TINY, dir), false);
        assertEquals("estimate", r.get(ReportField.STAGE));
        assertTrue((int) r.get(ReportField.LUTS) > 0 && (int) r.get(ReportField.LUTS) < 5280, r.json());
        assertEquals(5280, r.get(ReportField.LUTS_TOTAL));
        assertNull(r.get(ReportField.FMAX_MHZ));
        long cycles = new CycleModel(TINY).train().value();
        assertEquals(cycles, r.get(ReportField.CYCLES_PER_TRAIN));
        assertTrue(r.fits(), r.json());
        assertTrue(Files.exists(dir.resolve(Report.FILE)));
        assertTrue(Files.exists(dir.resolve(Flow.LOGS).resolve("yosys.log")));
        String out = console.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("== [2/3] synthesis: yosys synth_ice40"), out);
    }

    @Test
    void buildPlacesRoutesAndWritesTheBitstreamAndReport(@TempDir Path dir) throws Exception {
        Tools.require(Tool.YOSYS, Tool.NEXTPNR_ICE40, Tool.ICEPACK);
        Report r = flow.build(job(TINY, dir));
        assertEquals("build", r.get(ReportField.STAGE));
        double fmax = (double) r.get(ReportField.FMAX_MHZ);
        assertTrue(fmax > 0, r.json());
        assertEquals(fmax >= Flow.DEFAULT_TARGET_MHZ, r.get(ReportField.TIMING_MET));
        assertTrue(Files.size(dir.resolve(r.get(ReportField.TOP) + ".bin")) > 0);
        for (String log : List.of("yosys.log", "nextpnr.log", "icepack.log"))
            assertTrue(Files.exists(dir.resolve(Flow.LOGS).resolve(log)), log);
        assertTrue(Files.readString(dir.resolve(Report.FILE)).contains("\"samples_per_s_at_fmax\""));
    }

    @Test
    void aSpramDesignTooBigForTheBoardIsRefusedBeforeAnyTool(@TempDir Path dir) {
        FpgaException e = assertThrows(FpgaException.class,
                () -> flow.estimate(job(DesignSpec.fashionMnist().withLanes(8), dir), false));
        assertTrue(e.getMessage().contains("need 8 SB_SPRAM256KA blocks"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(Flow.DESIGN)), "nothing generated");
    }

    @Test
    void anEstimateOnlyBoardRefusesBuild(@TempDir Path dir) {
        FpgaException e = assertThrows(FpgaException.class, () -> flow.build(
                new Flow.Job(TINY.withMemory(MemoryStyle.GENERIC), BoardFiles.load("ulx3s-85f"), dir, 25)));
        assertTrue(e.getMessage().contains("estimate only"), e.getMessage());
    }
}
