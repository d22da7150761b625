package org.heterosyn.testbenches;

import org.heterosyn.driver.FastDevice;
import org.heterosyn.driver.ProtocolFuzzer;
import org.heterosyn.driver.VerilatorDevice;
import org.heterosyn.rtl.Firtool;
import org.heterosyn.rtl.Generator;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Rule;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The protocol fuzzer of host-driver through the generated RTL under Verilator: 10^4 valid, mutated
 * and random command words on a tiny design, answered word for word as the fast model answers them
 * (host-driver's ProtocolFuzzTest does 10^5 through the emulator). The seed is printed.
 */
@Tag("cosim")
class ProtocolFuzzVerilatorTest {
    @Test
    void theRtlAnswersFuzzedCommandsLikeTheFastModel() {
        ExternalTool.require("verilator", "the RTL fuzz run needs Verilator 5.006 or later");
        DesignSpec spec = DesignSpec.tiny().withLayers(List.of(6, 5, 3)).withRule(Rule.KP).withLanes(2).withName("fuzz-kp");
        long seed = Long.getLong("heterosyn.fuzzSeed", System.nanoTime());
        System.out.println("ProtocolFuzzVerilatorTest seed " + seed);
        Path dir = new Generator(Firtool.fromClasspath()).run(spec, Path.of("target", "fuzz", "rtl")).outDir();
        ProtocolFuzzer.Report r = assertTimeoutPreemptively(Duration.ofSeconds(600), () -> {
            try (FastDevice fast = new FastDevice("fast", spec); VerilatorDevice rtl = new VerilatorDevice("verilator:" + dir, dir)) {
                return ProtocolFuzzer.run(fast, rtl, seed, 10_000, 2048);
            }
        });
        System.out.println("fuzz fast vs verilator: " + r);
        assertTrue(r.rejected() > 0 && r.rejected() < r.commands(), r.toString());
    }
}
