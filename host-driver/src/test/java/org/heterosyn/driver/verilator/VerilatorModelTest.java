package org.heterosyn.driver.verilator;

import org.heterosyn.emulator.StateDigest;
import org.heterosyn.manifest.DesignStamp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("cosim")
class VerilatorModelTest {
    @TempDir static Path tmp;
    static Path design;
    static Path cache;

    @BeforeAll
    static void setUp() throws IOException {
        ExternalTool.require("verilator");
        design = tmp.resolve("echo");
        Files.createDirectories(design);
        try (InputStream in = VerilatorModelTest.class.getResourceAsStream("echo/heterosyn_echo.sv")) {
            Files.copy(in, design.resolve("heterosyn_echo.sv"));
        }
        DesignStamp.write(design);  // builds refuse an unstamped directory
        cache = tmp.resolve("cache");
    }

    @Test
    void streamsWordsThroughTheModelUnderBackPressureAndCachesTheBuild() {
        VerilatorBuild.Result first = VerilatorBuild.build(design, "heterosyn_echo", cache);
        VerilatorBuild.Result second = VerilatorBuild.build(design, "heterosyn_echo", cache);
        assertFalse(first.cached());
        assertTrue(second.cached());
        assertEquals(first.library(), second.library());
        System.out.printf("echo build: %d ms; cached: %d ms%n", first.millis(), second.millis());

        int n = 5000;
        int[] words = new int[n];
        for (int i = 0; i < n; i++) words[i] = i * 7919;
        try (VerilatorModel m = new VerilatorModel(second.library())) {
            m.reset(2);
            m.backpressure(12345, 30);
            m.push(words);
            long cycles = m.runUntil(n, 100L * n);
            int[] out = m.pop();
            assertEquals(n, out.length, "responses after " + cycles + " cycles");
            for (int i = 0; i < n; i++) assertEquals(words[i] + 1, out[i], "word " + i);
            assertTrue(cycles > 2L * n, "30% ready should stall the stream: " + cycles + " cycles");
            assertEquals(0, m.pendingIn());
            assertEquals(2 + cycles, m.cycle());
        }
    }

    @Test
    void writesAWaveformWithoutRebuilding() throws IOException {
        Path lib = VerilatorBuild.build(design, "heterosyn_echo", cache).library();
        Path vcd = tmp.resolve("echo.vcd");
        try (VerilatorModel m = new VerilatorModel(lib)) {
            m.reset(1);
            m.traceOpen(vcd);
            m.push(new int[] {41});
            m.runUntil(1, 100);
            m.traceClose();
            assertEquals(42, m.pop()[0]);
        }
        String text = Files.readString(vcd);
        assertTrue(text.contains("rsp_data_o") && text.contains("$enddefinitions"), "a VCD with the ports");
    }

    @Test
    void recordsNamedStateEveryCycleInACosimBuild() {
        Path lib = VerilatorBuild.build(design, "heterosyn_echo", cache, VerilatorBuild.Variant.COSIM).library();
        try (VerilatorModel m = new VerilatorModel(lib)) {
            int full = m.watch("TOP.heterosyn_echo", "full_q", true);
            int data = m.watch("TOP.heterosyn_echo", "data_q", true);
            assertEquals(2, m.watchWords());
            assertThrows(VerilatorException.class, () -> m.watch("TOP.heterosyn_echo", "no_such_q", true));
            m.reset(1);
            m.record(true);
            m.push(new int[] {10, 20});
            m.step(4);
            int[][] rows = m.take(100);
            assertEquals(4, rows.length);
            // Cycle 1 takes 10 (data_q = 11); the response leaves in cycle 2 while 20 comes in; cycle 3 empties it.
            assertEquals(1, rows[0][full]);
            assertEquals(11, rows[0][data]);
            assertEquals(21, rows[1][data]);
            assertEquals(0, rows[2][full]);
            assertEquals(0, m.take(100).length);
            int snap = m.watch("TOP.heterosyn_echo", "data_q", false);
            assertEquals(2, m.watchWords(), "snapshot variables are not recorded");
            assertEquals(21, m.snapshot()[snap]);
        }
    }

    @Test
    void aWatchingBuildMakesTheNamedVariablesVisibleAndDigestsThem() {
        Path lib = VerilatorBuild.buildWatching(design, "heterosyn_echo", cache, List.of("data_q")).library();
        try (VerilatorModel m = new VerilatorModel(lib)) {
            int data = m.watch("TOP.heterosyn_echo", "data_q", true);
            assertThrows(VerilatorException.class, () -> m.watch("TOP.heterosyn_echo", "full_q", true), "not named, not public");
            m.reset(1);
            m.record(true);
            m.digests(true);
            m.push(new int[] {10, 20});
            m.step(4);
            int[][] rows = m.take(100);
            long[] digests = m.takeDigests(100);
            assertEquals(4, digests.length);
            assertEquals(11, rows[0][data]);
            for (int c = 0; c < rows.length; c++) assertEquals(StateDigest.of(rows[c]), digests[c], "cycle " + c);
            assertEquals(StateDigest.of(m.sample()), StateDigest.of(rows[3]));
        }
    }

    @Test
    @Timeout(120)
    void modelsCloseInAnyOrder() {
        // Closing the newer model first once left Verilator's thread context dangling and the next
        // close waited forever on a freed mutex (hs_close now selects its own context).
        Path lib = VerilatorBuild.build(design, "heterosyn_echo", cache, VerilatorBuild.Variant.COSIM).library();
        VerilatorModel first = new VerilatorModel(lib);
        VerilatorModel second = new VerilatorModel(lib);
        first.watch("TOP.heterosyn_echo", "full_q", true);
        second.watch("TOP.heterosyn_echo", "full_q", true);
        first.step(3);
        second.step(3);
        second.close();
        first.close();
    }

    @Test
    void aBrokenDesignReportsVerilatorsMessage() throws IOException {
        Path bad = tmp.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("heterosyn_bad.sv"), "module heterosyn_bad(input logic clk_i); nonsense; endmodule\n");
        DesignStamp.write(bad);
        VerilatorException e = assertThrows(VerilatorException.class, () -> VerilatorBuild.build(bad, "heterosyn_bad", cache));
        assertTrue(e.getMessage().contains("failed") && e.getMessage().contains("heterosyn_bad.sv"), e.getMessage());
    }
}
