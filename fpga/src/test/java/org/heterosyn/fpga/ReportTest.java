package org.heterosyn.fpga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class ReportTest {
    @Test
    void everyFieldIsWrittenInOrderAndNothingIsLeftBeside(@TempDir Path dir) throws Exception {
        Report r = new Report().put(ReportField.LUTS, 100).put(ReportField.FITS, true);
        Path file = dir.resolve(Report.FILE);
        Files.writeString(file, "old");
        r.write(file);
        JsonNode j = new ObjectMapper().readTree(file.toFile());
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of(ReportField.values()).stream().map(ReportField::key).toList(), keys);
        assertEquals(100, j.get("luts").asInt());
        assertTrue(j.get("fmax_mhz").isNull());
        try (var s = Files.list(dir)) {
            assertEquals(List.of(file), s.toList(), "the temporary file was renamed, not left");
        }
    }

    @Test
    void samplesPerSecondIsTheClockOverTheCyclesOfATrain() {
        assertEquals(24e6 / 39_287, Throughput.samplesPerSecond(24, 39_287), 1e-9);
    }
}
