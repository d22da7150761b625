package org.heterosyn.cli;

import org.heterosyn.manifest.DesignDir;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.manifest.ManifestJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `heterosyn generate --board`: the board top and the core, with the board manifest. */
@Tag("unit")
class GenerateCommandTest {
    @TempDir Path dir;

    private int run(StringWriter err, String... args) {
        CommandLine cl = HeterosynCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void boardOptionWritesTheBoardTop() throws Exception {
        Path spec = dir.resolve("s.json");
        Files.writeString(spec, "{\"name\": \"s\", \"layers\": [4, 3, 2], \"rule\": \"kp\"}");
        Path out = dir.resolve("board");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "generate", "--spec", spec.toString(), "--board", "icebreaker", "--out", out.toString()), err.toString());
        Manifest m = ManifestJson.read(out.resolve(DesignDir.MANIFEST));
        assertEquals(Manifest.BOARD_TOP, m.top());
        assertTrue(m.state().stream().anyMatch(r -> r.path().equals("u_frx.state_q")), "board registers in the manifest");
        assertTrue(m.state().stream().anyMatch(r -> r.path().equals("u_core.u_ctrl.state_q")), "core registers under u_core");
        assertTrue(Files.isRegularFile(out.resolve(Manifest.BOARD_TOP + ".sv")));
        assertTrue(Files.isRegularFile(out.resolve(DesignDir.PLL_MODEL)));
    }

    @Test
    void ecp5BoardIsRefusedClearly() throws Exception {
        Path spec = dir.resolve("s.json");
        Files.writeString(spec, "{\"name\": \"s\", \"layers\": [4, 3, 2], \"rule\": \"kp\"}");
        StringWriter err = new StringWriter();
        assertNotEquals(0, run(err, "generate", "--spec", spec.toString(), "--board", "ulx3s-85f", "--out", dir.resolve("x").toString()));
        assertTrue(err.toString().contains("EHXPLLL"), err.toString());
    }
}
