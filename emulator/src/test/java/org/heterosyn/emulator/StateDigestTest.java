package org.heterosyn.emulator;

import org.heterosyn.manifest.Manifest;
import org.heterosyn.numerics.InitialWeights;
import org.heterosyn.protocol.Command;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The emulator's digests (registers read from their slots or probes, memories word by word) are
 * StateDigest.of the samples it records, cycle by cycle, and a one-bit change of any word changes
 * the digest.
 */
class StateDigestTest {
    @Test
    void everyCycleDigestIsTheDigestOfTheRecordedSample() {
        for (boolean memories : new boolean[] {false, true}) {
            CycleEmulator emu = loadedAndTraining(DesignSpec.tiny());
            emu.record(true, memories);
            emu.digests(true, memories);
            emu.step(300);
            int[][] rows = emu.take(300);
            long[] digests = emu.takeDigests(300);
            assertEquals(300, digests.length);
            for (int c = 0; c < rows.length; c++) assertEquals(StateDigest.of(rows[c]), digests[c], "cycle " + c);
            assertTrue(Arrays.stream(digests).distinct().count() > 1, "the state moved");
        }
    }

    @Test
    void memoryDigestIsTheDigestOfTheMemorySample() {
        CycleEmulator emu = loadedAndTraining(DesignSpec.tiny().withMemory(MemoryStyle.SPRAM));
        emu.step(500);
        assertEquals(StateDigest.of(emu.sampleMemories()), emu.memoryDigest());
    }

    @Test
    void aChangeOfOneBitInAnyWordChangesTheDigest() {
        int[] s = new int[64];
        for (int i = 0; i < s.length; i++) s[i] = i * 0x9e3779b9;
        long d = StateDigest.of(s);
        for (int i = 0; i < s.length; i++) {
            for (int bit = 0; bit < 32; bit++) {
                s[i] ^= 1 << bit;
                assertNotEquals(d, StateDigest.of(s), "word " + i + " bit " + bit);
                s[i] ^= 1 << bit;
            }
        }
    }

    private static CycleEmulator loadedAndTraining(DesignSpec spec) {
        CycleEmulator emu = new CycleEmulator(spec);
        emu.reset(Manifest.RESET_CYCLES);
        int mask = (1 << spec.numerics().weightBits()) - 1;
        int[] w = InitialWeights.forward(spec, 0);
        for (int i = 0; i < w.length; i++) w[i] &= mask;
        emu.push(new Command.LoadWeights(0, Command.MATRIX_W, 0, w).words());
        int[] x = new int[spec.inputs()];
        for (int i = 0; i < x.length; i++) x[i] = (i + 1) << (spec.numerics().valueFrac() - 2);
        emu.push(new Command.Train(1, x).words());
        return emu;
    }
}
