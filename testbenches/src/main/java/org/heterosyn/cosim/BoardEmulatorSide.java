package org.heterosyn.cosim;

import org.heterosyn.emulator.BoardEmulator;
import org.heterosyn.emulator.ClockedModel;

/** The model side of a board-top co-simulation: the board twin, its state laid out as the WatchList has it. */
public final class BoardEmulatorSide implements LockstepModel {
    private final BoardEmulator emu;
    private final boolean memoriesEveryCycle;

    public BoardEmulatorSide(BoardEmulator emu, WatchList watch) {
        this.emu = emu;
        this.memoriesEveryCycle = watch.memoriesEveryCycle();
        int words = memoriesEveryCycle ? emu.sampleWords() : emu.registerWords();
        if (words != watch.cycleWords()) {
            throw new IllegalStateException("board twin samples " + words + " words, the watch list " + watch.cycleWords());
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
