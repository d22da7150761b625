package org.heterosyn.rtl;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class FirtoolTest {

    @Test
    void unpacksTheMavenBinaryIntoItsCache(@TempDir Path cache) {
        Firtool f = Firtool.fromClasspath(cache);
        assertEquals("1.62.1", f.version());
        assertEquals(cache.resolve("firtool-1.62.1").resolve("firtool"), f.binary());
        assertTrue(Files.isExecutable(f.binary()));
        // A second use finds the unpacked binary.
        assertEquals(f.binary(), Firtool.fromClasspath(cache).binary());
    }

    @Test
    void loweringWritesOneFilePerModule(@TempDir Path dir) throws IOException {
        Path fir = dir.resolve("t.fir");
        Files.writeString(fir, """
                FIRRTL version 3.3.0
                circuit heterosyn_t :
                  module heterosyn_leaf :
                    input a_i : UInt<4>
                    output y_o : UInt<4>
                    connect y_o, not(a_i)
                  module heterosyn_t :
                    input a_i : UInt<4>
                    output y_o : UInt<4>
                    inst u of heterosyn_leaf
                    connect u.a_i, a_i
                    connect y_o, u.y_o
                """);
        List<Path> out = Firtool.fromClasspath().lower(fir, dir.resolve("sv"));
        assertEquals(List.of("heterosyn_leaf.sv", "heterosyn_t.sv"), out.stream().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void aRejectedCircuitNamesFirtoolAndItsMessage(@TempDir Path dir) throws IOException {
        Path fir = dir.resolve("bad.fir");
        Files.writeString(fir, "FIRRTL version 3.3.0\ncircuit t :\n  module t :\n    output y_o : UInt<4>\n");
        Firtool.FirtoolException e = assertThrows(Firtool.FirtoolException.class,
                () -> Firtool.fromClasspath().lower(fir, dir.resolve("sv")));
        assertTrue(e.getMessage().startsWith("firtool 1.62.1 failed"), e.getMessage());
        assertTrue(e.getMessage().contains("bad.fir"), e.getMessage());
    }
}
