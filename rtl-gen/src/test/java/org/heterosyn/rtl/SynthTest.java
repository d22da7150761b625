package org.heterosyn.rtl;

import org.heterosyn.board.Board;
import org.heterosyn.board.Boards;
import org.heterosyn.manifest.Layout;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.SpecJson;
import org.heterosyn.spec.Spram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Yosys synth_ice40 completes on the default design (spec/specs/default.json, SPRAM weights) and
 * maps its memories and multipliers to the UP5K's hard blocks. scripts/rtl-results records the
 * counts in docs/results-rtl.md.
 */
@Tag("fpga")
class SynthTest {
    @Test
    void defaultDesignSynthesizesForIce40(@TempDir Path dir) throws Exception {
        ExternalTool.require("yosys", "synthesis needs Yosys 0.23 or later");
        DesignSpec spec = SpecJson.readDefault();
        Board.Resources up5k = Boards.load("icebreaker").resources();
        Generator.Result r = new Generator(Firtool.fromClasspath()).run(spec, dir);
        List<String> files = new ArrayList<>();
        for (Path p : r.sources()) files.add(dir.relativize(p).toString());
        String flags = String.join(" ", r.manifest().synthesis().yosysFlags());
        String script = "read_verilog -sv " + String.join(" ", files) + "; synth_ice40 " + flags + " -top "
                + r.manifest().top() + "; tee -o stat.txt stat";
        ExternalTool.Run run = ExternalTool.run(dir, List.of("yosys", "-q", "-p", script), 900);
        assertEquals(0, run.exit(), run.output());
        Map<String, Integer> cells = YosysStat.cells(Files.readString(dir.resolve("stat.txt")));
        Layout lay = new Layout(spec);
        assertEquals(lay.lanes() * lay.spramsPerLane(), cells.getOrDefault(Spram.PRIMITIVE, 0), cells.toString());
        assertTrue(cells.getOrDefault(Spram.PRIMITIVE, 0) <= up5k.sprams(), cells.toString());
        assertTrue(cells.getOrDefault("SB_MAC16", 0) <= up5k.dsps(), cells.toString());
        assertTrue(cells.getOrDefault("SB_MAC16", 0) > 0, "multipliers map to DSPs: " + cells);
        assertTrue(cells.getOrDefault("SB_RAM40_4K", 0) <= up5k.ebrs(), cells.toString());
        assertTrue(cells.getOrDefault("SB_RAM40_4K", 0) > 0, "value buffers map to block RAM: " + cells);
    }
}
