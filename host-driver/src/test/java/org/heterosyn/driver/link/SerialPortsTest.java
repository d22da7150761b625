package org.heterosyn.driver.link;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class SerialPortsTest {
    @TempDir Path sys;

    @Test
    void writesOneMillisecondWhereTheTimerExistsAndSaysWhyNotElsewhere() throws IOException {
        Path timer = Files.createDirectories(sys.resolve("ttyUSB7")).resolve("latency_timer");
        Files.writeString(timer, "16\n");
        String said = SerialPorts.lowerLatency("/dev/ttyUSB7", sys);
        assertEquals("1", Files.readString(timer).strip());
        assertTrue(said.contains("set to 1 ms"), said);
        String missing = SerialPorts.lowerLatency("/dev/ttyACM0", sys);
        assertTrue(missing.contains("latency timer left alone"), missing);
    }
}
