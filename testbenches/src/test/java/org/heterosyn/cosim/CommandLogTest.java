package org.heterosyn.cosim;

import org.heterosyn.protocol.HexWords;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class CommandLogTest {
    @TempDir Path tmp;

    @Test
    void aWrittenLogReadsBackBatchByBatchAndAsOnePlainWordFile() throws Exception {
        CommandLog log = new CommandLog();
        log.add(0, new int[] {0x0600_0000, 0x0100_0001, -1});
        log.add(4096, new int[] {0x7F00_0000});
        log.add(8192, new int[0]);
        Path file = tmp.resolve("commands.hex");
        log.write(file);

        CommandLog back = CommandLog.read(file);
        assertEquals(3, back.batches());
        assertEquals(4, back.words());
        for (int i = 0; i < 3; i++) {
            assertEquals(log.cycle(i), back.cycle(i));
            assertArrayEquals(log.batch(i), back.batch(i));
        }
        CommandSource replay = back.replay();
        assertArrayEquals(log.batch(0), replay.next(4096));
        assertArrayEquals(log.batch(1), replay.next(4096));
        assertArrayEquals(new int[0], replay.next(4096));
        assertArrayEquals(new int[0], replay.next(4096), "nothing once the log is played");
        assertArrayEquals(new int[] {0x0600_0000, 0x0100_0001, -1, 0x7F00_0000}, HexWords.read(file), "`heterosyn run --in` takes it");
    }
}
