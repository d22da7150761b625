package org.heterosyn.driver;

import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Rule;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The protocol fuzzer through the fast model and the cycle emulator (issue 10): 10^6 words, about
 * 25 s on 2 cores (scripts/protocol-fuzz runs other lengths and seeds). The seed is printed;
 * -Dheterosyn.fuzzSeed=N replays one.
 */
@Tag("unit")
class ProtocolFuzzTest {
    static final DesignSpec SPEC = DesignSpec.tiny().withLayers(List.of(6, 5, 3)).withRule(Rule.KP);

    @Test
    void fastAndEmuAnswerAMillionFuzzedWordsAlike() {
        long seed = Long.getLong("heterosyn.fuzzSeed", System.nanoTime());
        System.out.println("ProtocolFuzzTest seed " + seed);
        ProtocolFuzzer.Report r = assertTimeoutPreemptively(Duration.ofSeconds(600), () -> {
            try (FastDevice fast = new FastDevice("fast", SPEC); EmuDevice emu = new EmuDevice("emu", SPEC)) {
                return ProtocolFuzzer.run(fast, emu, seed, 1_000_000, 4096);
            }
        });
        System.out.println("fuzz fast vs emu: " + r);
        assertTrue(r.rejected() > r.commands() / 10, "the fuzzer should exercise rejections: " + r);
        assertTrue(r.rejected() < r.commands() * 9 / 10, "and accepted commands: " + r);
    }

    @Test
    void aDeviceThatDivergesByOneWordIsCaught() {
        try (FastDevice fast = new FastDevice("fast", SPEC); FastDevice other = new FastDevice("fast", SPEC)) {
            Device flipped = new Device() {
                private int calls;

                @Override public DesignSpec spec() { return SPEC; }

                @Override public String uri() { return "flipped"; }

                @Override public long cycles() { return -1; }

                @Override public void close() {}

                @Override
                public int[] stream(int[] words) {
                    int[] r = other.stream(words);
                    if (++calls == 3) r[r.length / 2] ^= 1;
                    return r;
                }
            };
            DeviceException e = assertThrows(DeviceException.class, () -> ProtocolFuzzer.run(fast, flipped, 1, 20_000, 1024));
            assertTrue(e.getMessage().contains("seed 1 batch 2"), e.getMessage());
        }
    }
}
