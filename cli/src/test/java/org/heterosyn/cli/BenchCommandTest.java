package org.heterosyn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.heterosyn.bench.BenchEngines;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small `bench --out`: a small design on the teacher task, a few samples, reference, fast and
 * emu (and verilator: and cosim when Verilator is installed), each in its own JVM. Checks bench.json's fields,
 * not speeds: speeds are what the bench prints (docs/performance.md).
 */
@Tag("unit")
class BenchCommandTest {
    @TempDir Path dir;

    @Test
    void everyEngineWritesBenchJsonAndChart() throws Exception {
        Path spec = dir.resolve("s.json");
        Files.writeString(spec, "{\"name\": \"t\", \"layers\": [8, 6, 3], \"rule\": \"kp\", \"lanes\": 2}");
        List<String> engines = new ArrayList<>(List.of("reference", "fast", "emu"));
        boolean rtl = BenchEngines.unavailable(BenchEngines.VERILATOR) == null;
        if (rtl) engines.addAll(List.of(BenchEngines.VERILATOR, BenchEngines.COSIM));
        Path out = dir.resolve("out");
        Cli r = Cli.run("bench", "--quiet", "--spec", spec.toString(), "--dataset", "teacher", "--teacher-train", "400",
                "--teacher-test", "10", "--engines", String.join(",", engines), "--samples", "300", "--warmup", "50",
                "--slow-samples", "6", "--slow-warmup", "2", "--rounds", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode res = new ObjectMapper().readTree(out.resolve("bench.json").toFile());
        assertEquals("t", res.get("design").asText());
        assertEquals(2, res.get("rounds").asInt());
        assertEquals(8 * 6 + 6 * 3 + 6 * 3, res.get("synaptic_updates_per_sample").asLong(), "W of both layers and plastic B_1");
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode e : res.get("engines")) byName.put(e.get("requested").asText(), e);
        assertEquals(engines.size(), byName.size());
        for (String name : engines) {
            JsonNode e = byName.get(name);
            assertFalse(e.has("skipped"), name + " skipped: " + e);
            boolean clocked = !name.equals("reference") && !name.equals("fast");
            assertEquals(clocked ? 6 : 300, e.get("samples").asInt(), name);
            JsonNode sps = e.get("samples_per_s");
            assertTrue(sps.get("min").asDouble() > 0 && sps.get("min").asDouble() <= sps.get("median").asDouble()
                    && sps.get("median").asDouble() <= sps.get("max").asDouble(), name + ": " + sps);
            assertEquals(2, e.get("samples_per_s_by_round").size());
            assertEquals(clocked, !e.get("cycles_per_s").isNull(), name + " has cycles/s exactly when it has a clock");
            if (clocked) assertTrue(e.get("cycles_per_sample").asDouble() > 0, name);
            assertEquals(sps.get("median").asDouble() * 84, e.get("synaptic_updates_per_s").asDouble(), 1e-6 * e.get("synaptic_updates_per_s").asDouble());
            assertTrue(e.get("peak_rss_mb").asDouble() > 10, name + " peak RSS " + e.get("peak_rss_mb"));
            // A co-simulation reads no weights back: it compared them every cycle instead.
            if (!name.equals(BenchEngines.COSIM)) assertEquals(64, e.get("weights_sha256").asText().length(), name);
        }
        assertTrue(byName.get("fast").get("engine").asText().startsWith("fast/"), "the kernel is named");
        if (rtl) {
            assertEquals(byName.get("emu").get("weights_sha256"), byName.get(BenchEngines.VERILATOR).get("weights_sha256"),
                    "the same first samples give the same bits on the emulator and the RTL");
            assertFalse(res.get("lockstep").get("cosim_vs_verilator").isNull());
            // Its cycle budget covers the load and every TRAIN: at least the emulator's cycles per sample.
            assertTrue(byName.get(BenchEngines.COSIM).get("cycles_per_sample").asDouble()
                    >= byName.get("emu").get("cycles_per_sample").asDouble(), res.toString());
        }
        assertTrue(Files.size(out.resolve("bench.png")) > 1000);
    }

    @Test
    void unknownEngineIsOneLineAndWritesNothing() {
        Path out = dir.resolve("out");
        Cli r = Cli.run("bench", "--quiet", "--dataset", "teacher", "--teacher-train", "100", "--engines", "reference,gpu",
                "--samples", "10", "--slow-samples", "4", "--rounds", "2", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("unknown engine 'gpu'"), r.err());
        assertFalse(Files.exists(out.resolve("bench.json")));
    }
}
