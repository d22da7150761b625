package org.heterosyn.cosim;

import org.heterosyn.emulator.ClockedModel;
import org.heterosyn.emulator.CycleEmulator;
import org.heterosyn.spec.DesignSpec;

/**
 * The model side: the cycle emulator, whose samples lay out its StateMap as the WatchList does;
 * its memories are recorded every cycle or read as the snapshot, as the watch list has them.
 */
public final class EmulatorSide implements LockstepModel {
    private final CycleEmulator emu;
    private final boolean memoriesEveryCycle;

    public EmulatorSide(DesignSpec spec, WatchList watch) {
        this(new CycleEmulator(spec), watch);
    }

    /** Wraps a given emulator (tests inject faults through its hooks). */
    public EmulatorSide(CycleEmulator emu, WatchList watch) {
        this.emu = emu;
        this.memoriesEveryCycle = watch.memoriesEveryCycle();
        int words = memoriesEveryCycle ? emu.sampleWords() : emu.registerWords();
        if (words != watch.cycleWords()) {
            throw new IllegalStateException("emulator samples " + emu.sampleWords() + " words (" + emu.registerWords()
                    + " of registers), the watch list " + watch.cycleWords() + " every cycle");
        }
    }

    @Override public String side() { return "emulator"; }

    @Override public ClockedModel model() { return emu; }

    @Override public void record(boolean on) { emu.record(on, memoriesEveryCycle); }

    @Override public int[] snapshot() { return memoriesEveryCycle ? new int[0] : emu.sampleMemories(); }

    @Override public void digests(boolean on) { emu.digests(on, memoriesEveryCycle); }

    @Override public long[] takeDigests(int maxCycles) { return emu.takeDigests(maxCycles); }

    /** An empty snapshot's digest is 0, as the shim's of an empty group. */
    @Override public long snapshotDigest() { return memoriesEveryCycle ? 0 : emu.memoryDigest(); }
}
