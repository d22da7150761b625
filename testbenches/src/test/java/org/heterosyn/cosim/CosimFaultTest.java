package org.heterosyn.cosim;

import org.heterosyn.emulator.CycleEmulator;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.rtl.Generator;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.SpecJson;
import org.heterosyn.testbenches.ExternalTool;
import org.heterosyn.spec.Rule;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness must catch a one-bit change of behaviour on one side, name the synapse it hit, and
 * leave a reproducer whose command log replays the same mismatch.
 */
@Tag("cosim")
class CosimFaultTest {
    @Test
    void aFlippedBitInOneSynapsesUpdateIsReportedByNameAndReplays() throws Exception {
        ExternalTool.require("verilator", "co-simulation builds the RTL with Verilator");
        // 4-3-2: W_0 is 3 x 4, so (row 2, column 3) names one synapse of the whole design.
        DesignSpec spec = DesignSpec.tiny().withRule(Rule.BP);
        Path dir = Path.of("target", "cosim-fault");
        Path rtl = dir.resolve("rtl");
        Manifest m = Generator.generate(spec, rtl).manifest();
        Layout lay = new Layout(spec);
        WatchList watch = new WatchList(m, lay);
        Supplier<LockstepModel> verilator = () -> new VerilatorSide(rtl, m.top(), watch);
        Supplier<LockstepModel> faulty = () -> {
            CycleEmulator emu = new CycleEmulator(spec);
            emu.injectUpdateFault(2, 3);
            return new EmulatorSide(emu, watch);
        };
        Cosim.Options o = new Cosim.Options(200_000, 5, 90, dir.resolve("mismatch"), 10);
        Cosim.Report r = Cosim.run(m, lay, verilator, faulty, o);
        assertFalse(r.passed(), "the fault went unnoticed");
        System.out.println("caught: " + r.mismatch() + "; reproducer: " + r.reproducer().toAbsolutePath());
        String signal = r.mismatch().signal();
        assertTrue(signal.contains("W_0[2][3] (layer 0, matrix W, row 2, column 3)"), signal);
        assertTrue(r.mismatch().rtl() != r.mismatch().emulator());
        Path out = r.reproducer();
        assertEquals(o.mismatchDir(), out);
        for (String f : List.of("rtl.vcd", "emulator.vcd", "commands.hex", "mismatch.txt", "spec.json", "rerun.sh")) {
            assertTrue(r.files().contains(out.resolve(f)) && Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(out.resolve("rtl.vcd")).contains("$enddefinitions"));
        assertEquals(spec, SpecJson.parse(Files.readString(out.resolve("spec.json")), "spec.json"));
        assertTrue(Files.isExecutable(out.resolve("rerun.sh")));
        assertTrue(Files.readString(out.resolve("rerun.sh")).contains(String.join(" ", Reproducer.rerunArguments(o, r.mismatch()))));

        // What rerun.sh does: the same co-simulation on the logged commands, into the same directory.
        String log = Files.readString(out.resolve("commands.hex"));
        Cosim.Options again = new Cosim.Options(r.mismatch().cycle() + o.window(), o.seed(), o.readyPercent(), out, o.window());
        Cosim.Report replay = Cosim.run(m, lay, verilator, faulty, again, CommandLog.read(out.resolve("commands.hex")).replay());
        assertEquals(r.mismatch(), replay.mismatch(), "the reproducer's command log replays the mismatch");
        assertEquals(log, Files.readString(out.resolve("commands.hex")), "the replay pushed the logged batches at the logged cycles");
    }
}
