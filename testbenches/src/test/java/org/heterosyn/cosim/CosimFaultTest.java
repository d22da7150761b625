package org.heterosyn.cosim;

import org.heterosyn.emulator.CycleEmulator;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.rtl.Generator;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.testbenches.ExternalTool;
import org.heterosyn.spec.Rule;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness must catch a one-bit change of behaviour on one side and name the synapse it hit. */
@Tag("cosim")
class CosimFaultTest {
    @TempDir Path tmp;

    @Test
    void aFlippedBitInOneSynapsesUpdateIsReportedByName() throws Exception {
        ExternalTool.require("verilator", "co-simulation builds the RTL with Verilator");
        // 4-3-2: W_0 is 3 x 4, so (row 2, column 3) names one synapse of the whole design.
        DesignSpec spec = DesignSpec.tiny().withRule(Rule.BP);
        Path rtl = tmp.resolve("rtl");
        Manifest m = Generator.generate(spec, rtl).manifest();
        Layout lay = new Layout(spec);
        WatchList watch = new WatchList(m, lay);
        Path waves = tmp.resolve("mismatch");
        Cosim.Report r = Cosim.run(m, lay, () -> new VerilatorSide(rtl, m.top(), watch), () -> {
            CycleEmulator emu = new CycleEmulator(spec);
            emu.injectUpdateFault(2, 3);
            return new EmulatorSide(emu, watch);
        }, new Cosim.Options(200_000, 5, 90, waves, 10));
        assertFalse(r.passed(), "the fault went unnoticed");
        String signal = r.mismatch().signal();
        assertTrue(signal.contains("W_0[2][3] (layer 0, matrix W, row 2, column 3)"), signal);
        assertTrue(r.mismatch().rtl() != r.mismatch().emulator());
        System.out.println("caught: " + r.mismatch());
        for (String f : List.of("rtl.vcd", "emulator.vcd", "commands.hex", "mismatch.txt")) {
            assertTrue(Files.size(waves.resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(waves.resolve("rtl.vcd")).contains("$enddefinitions"));
    }
}
