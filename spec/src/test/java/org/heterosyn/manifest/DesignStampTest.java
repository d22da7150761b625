package org.heterosyn.manifest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class DesignStampTest {
    @TempDir Path dir;

    private void design() throws IOException {
        Files.writeString(dir.resolve(DesignDir.MANIFEST), "{\"design\": \"a\"}\n");
        Files.writeString(dir.resolve("heterosyn_top.sv"), "module heterosyn_top; endmodule\n");
        Files.createDirectories(dir.resolve(DesignDir.SIM_MODELS));
        Files.writeString(dir.resolve(DesignDir.SPRAM_MODEL), "module SB_SPRAM256KA; endmodule\n");
        DesignStamp.write(dir);
    }

    private String refused() {
        Optional<String> why = DesignStamp.mismatch(dir);
        assertTrue(why.isPresent(), "accepted a directory that does not match its stamp");
        assertTrue(why.get().startsWith("refused: ") && why.get().endsWith("regenerate it with `heterosyn generate --out " + dir + "`"),
                why.get());
        return why.get();
    }

    @Test
    void aStampedDirectoryMatchesAndSha256sumCanCheckIt() throws IOException {
        design();
        assertEquals(Optional.empty(), DesignStamp.mismatch(dir));
        String stamp = Files.readString(dir.resolve(DesignDir.STAMP));
        assertTrue(stamp.contains("  heterosyn_top.sv\n") && stamp.contains("  " + DesignDir.SPRAM_MODEL + "\n"), stamp);
        assertTrue(stamp.lines().allMatch(l -> l.matches("[0-9a-f]{64}  \\S+")), stamp);
    }

    @Test
    void anotherDesignsManifestIsRefused() throws IOException {
        design();
        Files.writeString(dir.resolve(DesignDir.MANIFEST), "{\"design\": \"b\"}\n");
        assertTrue(refused().contains(DesignDir.MANIFEST + " changed after `generate` wrote it"));
    }

    @Test
    void aMissingOrAddedFileIsRefused() throws IOException {
        design();
        Files.delete(dir.resolve("heterosyn_top.sv"));
        assertTrue(refused().contains("heterosyn_top.sv is missing"));
        Files.writeString(dir.resolve("heterosyn_top.sv"), "module heterosyn_top; endmodule\n");
        assertEquals(Optional.empty(), DesignStamp.mismatch(dir));
        Files.writeString(dir.resolve(DesignDir.SIM_MODELS).resolve("extra.v"), "module extra; endmodule\n");
        assertTrue(refused().contains("sim/extra.v was not written by `generate`"));
    }

    @Test
    void anUnstampedDirectoryIsRefusedAndHiddenFilesAreIgnored() throws IOException {
        Files.writeString(dir.resolve(DesignDir.MANIFEST), "{}\n");
        assertTrue(refused().contains("has no " + DesignDir.STAMP));
        DesignStamp.write(dir);
        Files.writeString(dir.resolve(".swp"), "editor state");
        assertEquals(Optional.empty(), DesignStamp.mismatch(dir));
    }
}
