package org.heterosyn.cosim;

import org.heterosyn.emulator.CycleEmulator;
import org.heterosyn.spec.DesignSpec;

import java.nio.file.Path;

/** The model side: the cycle emulator, sampling the same WatchList layout as the RTL side. */
public final class EmulatorSide implements LockstepModel {
    private final CycleEmulator emu;
    private final WatchList watch;

    public EmulatorSide(DesignSpec spec, WatchList watch) {
        this(new CycleEmulator(spec), watch);
    }

    /** Wraps a given emulator (tests inject faults through its hooks). */
    public EmulatorSide(CycleEmulator emu, WatchList watch) {
        this.emu = emu;
        this.watch = watch;
        if (emu.registerWords() + (watch.memoriesEveryCycle() ? emu.sampleWords() - emu.registerWords() : 0) != watch.cycleWords()) {
            throw new IllegalStateException("emulator samples " + emu.sampleWords() + " words (" + emu.registerWords()
                    + " of registers), the watch list " + watch.cycleWords() + " every cycle");
        }
    }

    public CycleEmulator emulator() { return emu; }

    @Override public String side() { return "emulator"; }

    @Override public void reset(int cycles) { emu.reset(cycles); }

    @Override public void push(int[] words) { emu.push(words); }

    @Override public int[] pop() { return emu.pop(); }

    @Override public int pendingIn() { return emu.pendingIn(); }

    @Override public void step(long cycles) { emu.step(cycles); }

    @Override public long cycle() { return emu.cycle(); }

    @Override public void backpressure(int seed, int percent) { emu.backpressure(seed, percent); }

    @Override public void record(boolean on) { emu.record(on, watch.memoriesEveryCycle()); }

    @Override public int[][] take(int maxCycles) { return emu.take(maxCycles); }

    @Override public int[] snapshot() { return watch.memoriesEveryCycle() ? new int[0] : emu.sampleMemories(); }

    @Override public void traceOpen(Path vcd) { emu.traceOpen(vcd); }

    @Override public void traceClose() { emu.traceClose(); }

    @Override public void close() { emu.close(); }
}
