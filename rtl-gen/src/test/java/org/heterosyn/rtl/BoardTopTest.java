package org.heterosyn.rtl;

import org.heterosyn.board.BoardException;
import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.board.Boards;
import org.heterosyn.manifest.DesignDir;
import org.heterosyn.manifest.Hierarchy;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.manifest.StateMap;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The board top (docs/board-top.md): its state is the manifest's, it lints clean, its FIFOs are block RAM. */
class BoardTopTest {
    private static Generator gen;

    @BeforeAll
    static void firtool() { gen = new Generator(Firtool.fromClasspath()); }

    private static Generator.Result board(DesignSpec spec, Path dir) {
        return gen.runBoard(spec, Boards.load("icebreaker"), BoardTopConfig.defaults(), dir);
    }

    @Test
    void manifestStateIsTheRtlState(@TempDir Path dir) throws IOException {
        DesignSpec spec = DesignSpec.tiny();
        Generator.Result r = board(spec, dir);
        assertEquals(Manifest.BOARD_TOP, r.manifest().top());
        Map<String, SvScan.Mod> mods = SvScan.read(r.sources());
        Map<String, SvScan.Reg> rtl = SvScan.flatten(mods, Manifest.BOARD_TOP);
        Map<String, Integer> expected = new TreeMap<>();
        for (StateMap.Reg reg : r.manifest().state()) expected.put(reg.path(), reg.width());
        Map<String, Integer> actual = new TreeMap<>();
        rtl.forEach((path, reg) -> {
            String leaf = path.substring(path.lastIndexOf('.') + 1);
            if (reg.depth() == 0 && !leaf.startsWith("_") && !leaf.startsWith("casez_tmp")) actual.put(path, reg.width());
        });
        assertEquals(expected, actual);
        for (StateMap.Mem m : r.manifest().memories()) {
            if (!m.kind().equals("ram")) continue;
            SvScan.Reg arr = rtl.get(m.path());
            assertTrue(arr != null && arr.depth() == m.depth() && arr.width() == m.width(), m + " vs " + arr);
        }
        assertTrue(Files.isRegularFile(dir.resolve(DesignDir.PLL_MODEL)));
    }

    /** At the oscillator's frequency the board top has no PLL primitive: the pin is the clock. */
    @Test
    void theOscillatorsOwnClockBypassesThePll(@TempDir Path dir) throws IOException {
        gen.runBoard(DesignSpec.tiny(), Boards.load("icebreaker"), BoardTopConfig.defaults().withClockMhz(12), dir);
        String all;
        try (var files = Files.list(dir)) {
            all = files.filter(f -> f.toString().endsWith(".sv")).map(f -> {
                try { return Files.readString(f); } catch (IOException e) { throw new java.io.UncheckedIOException(e); }
            }).reduce("", String::concat);
        }
        assertTrue(all.contains("module heterosyn_pll_bypass"), "no bypass module");
        assertTrue(!all.contains(DesignDir.PLL_PRIMITIVE + " "), "a PLL primitive is instantiated");
    }

    @Test
    void ecp5BoardsAreRefusedByName(@TempDir Path dir) {
        BoardException e = assertThrows(BoardException.class,
                () -> gen.runBoard(DesignSpec.tiny(), Boards.load("ulx3s-85f"), BoardTopConfig.defaults(), dir));
        assertTrue(e.getMessage().contains("EHXPLLL"), e.getMessage());
    }

    @Test
    @Tag("cosim")
    void lintIsClean(@TempDir Path dir) throws Exception {
        ExternalTool.require("verilator", "lint needs Verilator 5.006 or later");
        for (DesignSpec spec : List.of(DesignSpec.tiny(), DesignSpec.tiny().withMemory(MemoryStyle.SPRAM))) {
            Path d = dir.resolve(spec.memory().name());
            Generator.Result r = board(spec, d);
            List<String> cmd = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--no-timing",
                    "--top-module", r.manifest().top(), DesignDir.LINT_WAIVERS));
            for (Path p : r.sources()) cmd.add(d.relativize(p).toString());
            for (Path p : r.simSources()) cmd.add(d.relativize(p).toString());
            ExternalTool.Run run = ExternalTool.run(d, cmd, 300);
            assertEquals("", run.output().strip(), "verilator -Wall on the board top of " + spec.name());
            assertEquals(0, run.exit());
        }
    }

    /** The FIFOs are inferred RAM that Yosys maps to EBR: 1024 x 32 is 8 blocks, 512 x 32 is 4. */
    @Test
    @Tag("fpga")
    void fifosMapToBlockRam(@TempDir Path dir) throws Exception {
        ExternalTool.require("yosys", "synthesis needs Yosys 0.23 or later");
        BoardTopConfig cfg = BoardTopConfig.defaults();
        Generator.Result r = board(DesignSpec.tiny(), dir);
        for (String top : List.of(org.heterosyn.rtl.blocks.LinkFifo.name(cfg.cmdFifoWords(), org.heterosyn.rtl.blocks.LinkFifo.Kind.COMMAND),
                org.heterosyn.rtl.blocks.LinkFifo.name(cfg.rspFifoWords(), org.heterosyn.rtl.blocks.LinkFifo.Kind.RESPONSE))) {
            Map<String, Integer> cells = synthCells(dir, r, top, "", "heterosyn_link_fifo", StateMap.FIFO_RAM);
            int words = top.contains("_C") ? cfg.cmdFifoWords() : cfg.rspFifoWords();
            int ebrs = words * 32 / Boards.load("icebreaker").resources().ebrBits();
            assertEquals(ebrs, cells.getOrDefault("SB_RAM40_4K", 0), top + ": " + cells);
        }
    }

    /**
     * FrameTx's frame end pointers are two RAMs of 8 words with a registered read port each: with the
     * flow's -no-rw-check, Yosys maps each to a block RAM and builds no logic for the arrays
     * (8 x 10 registers and two 8-way selects cost about 250 logic cells, docs/board-top.md).
     */
    @Test
    @Tag("fpga")
    void frameEndsMapToBlockRam(@TempDir Path dir) throws Exception {
        ExternalTool.require("yosys", "synthesis needs Yosys 0.23 or later");
        BoardTopConfig cfg = BoardTopConfig.defaults();
        Generator.Result r = board(DesignSpec.tiny(), dir);
        String top = org.heterosyn.rtl.blocks.FrameTx.name(cfg);
        // FrameTx and its two RAMs, which firtool gives one module named after their common prefix.
        Map<String, Integer> cells = synthCells(dir, r, top, "-no-rw-check ", "heterosyn_frame_tx", "heterosyn_frame_ends");
        assertEquals(2, cells.getOrDefault("SB_RAM40_4K", 0), top + ": " + cells);
        int ffs = cells.entrySet().stream().filter(e -> e.getKey().startsWith("SB_DFF")).mapToInt(Map.Entry::getValue).sum();
        assertTrue(ffs < 140, "the end pointers are not flip-flops any more: " + cells);
    }

    /** Yosys's cells of module top, synthesised alone from the generated files whose names start with a prefix. */
    private static Map<String, Integer> synthCells(Path dir, Generator.Result r, String top, String flags, String... prefixes)
            throws Exception {
        List<String> files = new ArrayList<>();
        for (Path p : r.sources()) {
            String f = dir.relativize(p).toString();
            if (java.util.Arrays.stream(prefixes).anyMatch(f::startsWith)) files.add(f);
        }
        String script = "read_verilog -sv " + String.join(" ", files) + "; synth_ice40 " + flags + "-top " + top
                + "; tee -o " + top + ".txt stat";
        ExternalTool.Run run = ExternalTool.run(dir, List.of("yosys", "-q", "-p", script), 600);
        assertEquals(0, run.exit(), run.output());
        return YosysStat.cells(Files.readString(dir.resolve(top + ".txt")));
    }

    @Test
    void boardNamesItsInstancesFromHierarchy(@TempDir Path dir) throws IOException {
        Generator.Result r = board(DesignSpec.tiny(), dir);
        String sv = Files.readString(dir.resolve(Manifest.BOARD_TOP + ".sv"));
        for (String i : List.of(Hierarchy.PLL, Hierarchy.POR, Hierarchy.UART_RX, Hierarchy.UART_TX, Hierarchy.FRAME_RX,
                Hierarchy.FRAME_TX, Hierarchy.CMD_FIFO, Hierarchy.RSP_FIFO, Hierarchy.CORE)) {
            assertTrue(sv.contains(" " + i + " ("), i);
        }
    }
}
