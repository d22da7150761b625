package org.heterosyn.emulator.blocks;

import java.util.HashMap;
import java.util.Map;

/**
 * The blocks' registers and memories by RTL instance path (StateMap's names), registered once by
 * each block; {@link CycleEmulator} binds the manifest's list to these probes when it is built.
 * A getter returns the raw value (sign-extended or not); the caller masks it to the manifest width.
 * A setter takes raw bits of that width and stores them as the block holds them.
 */
public final class NamedState {
    public interface Reg {
        long get();
    }

    /**
     * A register held in a slot of a long[] (a {@link RegFile}'s q): readers that go over many
     * registers every cycle (the co-simulation digest) read the slot directly instead of calling
     * one getter per register through one megamorphic call site.
     */
    public record Slot(long[] array, int index) implements Reg {
        @Override
        public long get() { return array[index]; }
    }

    public interface Mem {
        long get(int index);
    }

    public interface SetReg {
        void set(long raw, int width);
    }

    public interface SetMem {
        void set(int index, long raw, int width);
    }

    private final Map<String, Reg> regs = new HashMap<>();
    private final Map<String, Mem> mems = new HashMap<>();
    private final Map<String, SetReg> regSetters = new HashMap<>();
    private final Map<String, SetMem> memSetters = new HashMap<>();

    void reg(String path, Reg r, SetReg set) {
        if (regs.put(path, r) != null) throw new IllegalStateException("register " + path + " named twice");
        regSetters.put(path, set);
    }

    void mem(String path, Mem m, SetMem set) {
        if (mems.put(path, m) != null) throw new IllegalStateException("memory " + path + " named twice");
        memSetters.put(path, set);
    }

    public SetReg regSetter(String path) { return regSetters.get(path); }

    public SetMem memSetter(String path) { return memSetters.get(path); }

    public Reg reg(String path) { return regs.get(path); }

    public Mem mem(String path) { return mems.get(path); }

    public Map<String, Reg> registers() { return regs; }

    public Map<String, Mem> memories() { return mems; }
}
