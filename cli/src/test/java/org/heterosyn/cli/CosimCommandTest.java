package org.heterosyn.cli;

import org.heterosyn.cosim.Cosim;
import org.heterosyn.cosim.Reproducer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class CosimCommandTest {
    @Test
    void aReproducersRerunLineIsACosimCommandWithTheRunsOptions() {
        Cosim.Options o = new Cosim.Options(1_000_000, 77, 63, Path.of("anywhere"), 20);
        Cosim.Mismatch m = new Cosim.Mismatch(5123, "u_ctrl.state_q", 1, 2);
        CommandLine.ParseResult p = HeterosynCli.commandLine().parseArgs(Reproducer.rerunArguments(o, m).toArray(String[]::new));
        CosimCommand c = (CosimCommand) p.subcommand().commandSpec().userObject();
        assertEquals(Path.of("spec.json"), c.spec);
        assertEquals(Path.of("commands.hex"), c.commands);
        assertEquals(5123 + 20, c.cycles);
        assertEquals(77, c.seed);
        assertEquals(63, c.ready);
        assertEquals(20, c.window);
        assertEquals(Path.of("."), c.wave);
        assertEquals(Path.of("rtl"), c.design);
    }
}
