package org.heterosyn.cosim;

import org.heterosyn.emulator.ClockedModel;
import org.heterosyn.emulator.CycleEmulator;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.rtl.Generator;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.heterosyn.spec.Rule;
import org.heterosyn.testbenches.ExternalTool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A difference found through the digests is reported as the word-by-word comparison reports it:
 * the same cycle, signal and values, whether it is in a register (found by the per-cycle digests,
 * named by a replay from reset) or in a memory compared at batch ends (the snapshot digests).
 * Each fault is planted on the emulator side by writing one bit of its state at a chosen cycle.
 */
@Tag("cosim")
class CosimDigestTest {
    private static final long PLANT_AT = 9_000;

    @Test
    void aFlippedRegisterBitIsNamedWithItsCycleAndValues() throws Exception {
        ExternalTool.require("verilator", "co-simulation builds the RTL with Verilator");
        String label = "u_ctrl.label_q";
        // Held from one TRAIN header to the next: the flipped bit shows after the next edge.
        Cosim.Mismatch m = sameThroughDigestsAndWordByWord(DesignSpec.tiny().withRule(Rule.BP), "register",
                emu -> emu.deposit(label, emu.state(label) ^ 1));
        assertEquals(PLANT_AT + 1, m.cycle(), m.toString());
        assertEquals(label, m.signal());
        assertEquals(1, m.rtl() ^ m.emulator(), m.toString());
    }

    @Test
    void aFlippedBitInAnUnusedSpramWordIsNamedAtTheBatchEnd() throws Exception {
        ExternalTool.require("verilator", "co-simulation builds the RTL with Verilator");
        // 4 x 16K SPRAM words: memories are compared at batch ends. The last word holds no weight,
        // so nothing reads it and only the memory comparison can see it.
        DesignSpec spec = DesignSpec.tiny().withMemory(MemoryStyle.SPRAM);
        String spram = "u_wmem.u_spram_0_0";
        int last = 16_383;
        Cosim.Mismatch m = sameThroughDigestsAndWordByWord(spec, "memory",
                emu -> emu.depositMemory(spram, last, emu.memory(spram, last) ^ 1));
        assertEquals((PLANT_AT / Cosim.BATCH + 1) * Cosim.BATCH, m.cycle(), m.toString());
        assertTrue(m.signal().startsWith(spram + "[" + last + "]"), m.signal());
        assertEquals(1, m.rtl() ^ m.emulator(), m.toString());
    }

    /** Runs the planted fault through both comparisons; they must report the same mismatch, which is returned. */
    private static Cosim.Mismatch sameThroughDigestsAndWordByWord(DesignSpec spec, String name, Consumer<CycleEmulator> plant)
            throws Exception {
        Path dir = Path.of("target", "cosim-digest", name);
        Path rtl = dir.resolve("rtl");
        Manifest m = Generator.generate(spec, rtl).manifest();
        Layout lay = new Layout(spec);
        WatchList watch = new WatchList(m, lay);
        Supplier<LockstepModel> verilator = () -> new VerilatorSide(rtl, m.top(), watch);
        Supplier<LockstepModel> planted = () -> planted(spec, watch, plant);
        Cosim.Options o = new Cosim.Options(3 * Cosim.BATCH, 7, 85, dir.resolve("mismatch"), 5);
        Cosim.Report digests = Cosim.run(m, lay, verilator, planted, o.with(Cosim.Compare.DIGEST, true));
        Cosim.Report oneThread = Cosim.run(m, lay, verilator, planted, o.with(Cosim.Compare.DIGEST, false));
        Cosim.Report words = Cosim.run(m, lay, verilator, planted, o.with(Cosim.Compare.FULL, false));
        assertFalse(words.passed(), "the planted fault went unnoticed word by word");
        System.out.println("planted " + name + " fault: " + digests.mismatch());
        assertEquals(words.mismatch(), digests.mismatch(), "digests on two threads against word by word");
        assertEquals(words.mismatch(), oneThread.mismatch(), "digests on one thread against word by word");
        return digests.mismatch();
    }

    /** The emulator side with {@code plant} applied to its emulator between cycles PLANT_AT and PLANT_AT + 1. */
    private static LockstepModel planted(DesignSpec spec, WatchList watch, Consumer<CycleEmulator> plant) {
        CycleEmulator emu = new CycleEmulator(spec);
        EmulatorSide side = new EmulatorSide(emu, watch);
        ClockedModel model = (ClockedModel) Proxy.newProxyInstance(ClockedModel.class.getClassLoader(),
                new Class<?>[] {ClockedModel.class}, (proxy, method, args) -> {
                    long now = emu.cycle() - Manifest.RESET_CYCLES;
                    if (method.getName().equals("step") && now <= PLANT_AT && PLANT_AT < now + (long) args[0]) {
                        emu.step(PLANT_AT - now);
                        plant.accept(emu);
                        emu.step(now + (long) args[0] - PLANT_AT);
                        return null;
                    }
                    try {
                        return method.invoke(emu, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new LockstepModel() {
            @Override public String side() { return side.side(); }

            @Override public ClockedModel model() { return model; }

            @Override public void record(boolean on) { side.record(on); }

            @Override public int[] snapshot() { return side.snapshot(); }

            @Override public void digests(boolean on) { side.digests(on); }

            @Override public long[] takeDigests(int maxCycles) { return side.takeDigests(maxCycles); }

            @Override public long snapshotDigest() { return side.snapshotDigest(); }
        };
    }
}
