package org.heterosyn.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class BenchEnginesTest {
    @Test
    void engineNamesAreCheckedInOneLine() {
        for (String ok : new String[] {"reference", "fast", "fast:scalar", "emu", "verilator:", "verilator:out/d", "board", "cosim"}) {
            assertNull(BenchEngines.unknown(ok), ok);
        }
        String why = BenchEngines.unknown("gpu");
        assertTrue(why.startsWith("--engines: unknown engine 'gpu'; allowed: ") && !why.contains("\n"), why);
    }

    @Test
    void rtlEnginesAreSkippedWithoutVerilatorOnThePath() {
        for (String rtl : new String[] {"verilator:", "board", "cosim"}) {
            assertTrue(BenchEngines.unavailable(rtl, "/nonexistent").contains("verilator is not on PATH"), rtl);
        }
        for (String java : new String[] {"reference", "fast", "emu"}) assertNull(BenchEngines.unavailable(java, "/nonexistent"), java);
    }

    @Test
    void onlyTheModelsWithoutAClockAreFast() {
        assertFalse(BenchEngines.clocked("reference"));
        assertFalse(BenchEngines.clocked("fast:vector"));
        for (String c : new String[] {"emu", "verilator:", "board", "cosim"}) assertTrue(BenchEngines.clocked(c), c);
    }

    @Test
    void roundsShareTheSamplesExactly() {
        for (int n = 1; n < 40; n++) {
            for (int rounds = 1; rounds <= n; rounds++) {
                int[] shares = new int[rounds];
                for (int i = 0; i < rounds; i++) shares[i] = Bench.share(n, rounds, i);
                assertEquals(n, IntStream.of(shares).sum());
                assertTrue(IntStream.of(shares).max().getAsInt() - IntStream.of(shares).min().getAsInt() <= 1);
            }
        }
    }

    @Test
    void statsAreMedianQuartilesAndExtremes() {
        BenchResult.Stats s = BenchResult.Stats.of(new double[] {5, 1, 4, 2, 3});
        assertEquals(new BenchResult.Stats(3, 2, 4, 1, 5), s);
        assertEquals(2.5, BenchResult.Stats.of(new double[] {3, 2}).median());
    }
}
