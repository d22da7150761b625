package org.heterosyn.emulator;

import java.util.HashMap;
import java.util.Map;

/**
 * The blocks' registers and memories by RTL instance path (StateMap's names), registered once by
 * each block; {@link CycleEmulator} binds the manifest's list to these probes when it is built.
 * A probe returns the raw value (sign-extended or not); the caller masks it to the manifest width.
 */
final class NamedState {
    interface Reg {
        long get();
    }

    interface Mem {
        long get(int index);
    }

    private final Map<String, Reg> regs = new HashMap<>();
    private final Map<String, Mem> mems = new HashMap<>();

    void reg(String path, Reg r) {
        if (regs.put(path, r) != null) throw new IllegalStateException("register " + path + " named twice");
    }

    void mem(String path, Mem m) {
        if (mems.put(path, m) != null) throw new IllegalStateException("memory " + path + " named twice");
    }

    Reg reg(String path) { return regs.get(path); }

    Mem mem(String path) { return mems.get(path); }

    Map<String, Reg> registers() { return regs; }

    Map<String, Mem> memories() { return mems; }
}
