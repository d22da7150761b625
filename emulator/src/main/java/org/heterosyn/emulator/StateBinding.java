package org.heterosyn.emulator;

import org.heterosyn.emulator.blocks.Hw;
import org.heterosyn.emulator.blocks.NamedState;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.StateMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cycle emulator's named state: every register and memory of the manifest's StateMap bound to
 * the blocks' probes by RTL path, read, written between cycles, laid out as samples (as the shim's
 * hs_sample lays them out when the StateMap entries are watched in order: registers, then memories,
 * each element ceil(width/32) little-endian 32-bit words) and recorded cycle by cycle.
 */
final class StateBinding {
    private final String design;
    private final List<StateMap.Reg> regs;
    private final List<StateMap.Mem> mems;
    private final NamedState.Reg[] regProbe;
    private final NamedState.SetReg[] regSet;
    private final long[] regMask;
    private final NamedState.Mem[] memProbe;
    private final NamedState.SetMem[] memSet;
    private final long[] memMask;
    private final Map<String, Integer> regIndex = new HashMap<>();
    private final Map<String, Integer> memIndex = new HashMap<>();
    private final Map<String, Integer> offsets = new HashMap<>();
    private final int registerWords;
    private final int sampleWords;

    private boolean recording;
    private int rowWords;
    private int[] recorded = new int[0];
    private int recordedWords;
    private boolean digesting;
    private boolean digestMemories;
    private long[] digests = new long[0];
    private int digestCount;
    /** StateDigest keys of the sample's words, and the registers as the digest reads them: made on first use. */
    private long[] keys;
    private RegisterDigest registerDigest;

    /** Binds the StateMap of {@code lay} to what the blocks named; both must list the same state. */
    StateBinding(Layout lay, NamedState named) {
        this(lay.spec().name(), StateMap.registers(lay), StateMap.memories(lay), named);
    }

    /** Binds given lists (a board top's: StateMap.boardRegisters, boardMemories). */
    StateBinding(String design, List<StateMap.Reg> regs, List<StateMap.Mem> mems, NamedState named) {
        this.design = design;
        this.regs = regs;
        this.mems = mems;
        regProbe = new NamedState.Reg[regs.size()];
        regSet = new NamedState.SetReg[regs.size()];
        regMask = new long[regs.size()];
        int words = 0;
        for (int i = 0; i < regs.size(); i++) {
            StateMap.Reg r = regs.get(i);
            regProbe[i] = named.reg(r.path());
            if (regProbe[i] == null) throw new IllegalStateException("the emulator has no register " + r.path() + " (manifest)");
            regSet[i] = named.regSetter(r.path());
            regMask[i] = Hw.mask(r.width());
            regIndex.put(r.path(), i);
            offsets.put(r.path(), words);
            words += wordsPer(r.width());
        }
        registerWords = words;
        memProbe = new NamedState.Mem[mems.size()];
        memSet = new NamedState.SetMem[mems.size()];
        memMask = new long[mems.size()];
        for (int i = 0; i < mems.size(); i++) {
            StateMap.Mem m = mems.get(i);
            memProbe[i] = named.mem(m.path());
            if (memProbe[i] == null) throw new IllegalStateException("the emulator has no memory " + m.path() + " (manifest)");
            memSet[i] = named.memSetter(m.path());
            memMask[i] = Hw.mask(m.width());
            memIndex.put(m.path(), i);
            // A one-word "reg" memory is also a register; its memory view is the one after the registers.
            offsets.putIfAbsent(m.path(), words);
            words += m.depth() * wordsPer(m.width());
        }
        sampleWords = words;
        int bound = regs.size() + mems.size();
        if (named.registers().size() + named.memories().size() != bound) {
            throw new IllegalStateException("the emulator names state the manifest does not list: "
                    + unlisted(named.registers().keySet(), regIndex.keySet()) + unlisted(named.memories().keySet(), memIndex.keySet()));
        }
    }

    private static List<String> unlisted(Collection<String> named, Collection<String> listed) {
        List<String> extra = new ArrayList<>(named);
        extra.removeAll(listed);
        return extra;
    }

    private static int wordsPer(int width) { return (width + 31) / 32; }


    List<StateMap.Reg> registers() { return regs; }

    /** The manifest width of register {@code path}. */
    int width(String path) { return regs.get(regIndex.get(path)).width(); }

    /** The probe of register {@code path}, or null. */
    NamedState.Reg probe(String path) {
        Integer i = regIndex.get(path);
        return i == null ? null : regProbe[i];
    }

    /** Register {@code path} (a StateMap.Reg path, e.g. "u_ctrl.state_q") as raw bits of its width. */
    long state(String path) {
        Integer i = regIndex.get(path);
        if (i == null) throw new IllegalArgumentException("no register " + path + " in " + design + " (see its manifest state)");
        return regProbe[i].get() & regMask[i];
    }

    /** Element {@code index} of memory {@code path} (a StateMap.Mem path) as raw bits of its width. */
    long memory(String path, int index) {
        Integer i = memIndex.get(path);
        if (i == null) throw new IllegalArgumentException("no memory " + path + " in " + design + " (see its manifest memories)");
        int depth = mems.get(i).depth();
        if (index < 0 || index >= depth) throw new IndexOutOfBoundsException(path + " has " + depth + " words, not " + index);
        return memProbe[i].get(index) & memMask[i];
    }

    /**
     * Overwrites register {@code path} with {@code value} (its low manifest-width bits) between two
     * cycles, as a write through Verilator's public_flat_rw access would: for fault injection and for
     * restoring state. The next edge computes from the new value.
     */
    void deposit(String path, long value) {
        Integer i = regIndex.get(path);
        if (i == null) throw new IllegalArgumentException("no register " + path + " in " + design + " (see its manifest state)");
        regSet[i].set(value & regMask[i], regs.get(i).width());
    }

    /** Overwrites element {@code index} of memory {@code path} with {@code value} (its low width bits), as {@link #deposit}. */
    void depositMemory(String path, int index, long value) {
        Integer i = memIndex.get(path);
        if (i == null) throw new IllegalArgumentException("no memory " + path + " in " + design + " (see its manifest memories)");
        int depth = mems.get(i).depth();
        if (index < 0 || index >= depth) throw new IndexOutOfBoundsException(path + " has " + depth + " words, not " + index);
        memSet[i].set(index, value & memMask[i], mems.get(i).width());
    }

    /** Words of {@link #sample()}: every register, then every memory. */
    int sampleWords() { return sampleWords; }

    /** Words of the registers at the start of {@link #sample()}. */
    int registerWords() { return registerWords; }

    /** The word offset of a register (or, for a memory that is not also a register, a memory) in a sample. */
    int offset(String path) {
        Integer at = offsets.get(path);
        if (at == null) throw new IllegalArgumentException("no state " + path + " in " + design);
        return at;
    }

    /** All registers, then all memories, in StateMap order, each element ceil(width/32) little-endian words. */
    int[] sample() {
        int[] s = new int[sampleWords];
        sampleInto(s, 0, true);
        return s;
    }

    /**
     * The memories part of {@link #sample()} (its words from {@link #registerWords()} on): what the
     * shim's snapshot group holds when the memories are watched on demand.
     */
    int[] sampleMemories() {
        int[] s = new int[sampleWords - registerWords];
        memoriesInto(s, 0);
        return s;
    }

    private void sampleInto(int[] dst, int at, boolean memories) {
        for (int i = 0; i < regProbe.length; i++) at = put(dst, at, regProbe[i].get() & regMask[i], regMask[i]);
        if (memories) memoriesInto(dst, at);
    }

    private void memoriesInto(int[] dst, int at) {
        for (int i = 0; i < memProbe.length; i++) {
            NamedState.Mem m = memProbe[i];
            long mask = memMask[i];
            int depth = mems.get(i).depth();
            for (int e = 0; e < depth; e++) at = put(dst, at, m.get(e) & mask, mask);
        }
    }

    private static int put(int[] dst, int at, long v, long mask) {
        dst[at++] = (int) v;
        if (mask >>> 32 != 0) dst[at++] = (int) (v >>> 32);
        return at;
    }

    /**
     * While on, every cycle appends a sample taken after the clock edge: the full {@link #sample()},
     * or with {@code memories} false only its first {@link #registerWords()} words (what the shim
     * records when the registers are watched every cycle and the memories only on demand).
     */
    void record(boolean on, boolean memories) {
        int words = memories ? sampleWords : registerWords;
        if (on && recordedWords > 0 && words != rowWords) {
            throw new IllegalStateException("take() the " + recordedWords / rowWords + " recorded samples before changing what is recorded");
        }
        recording = on;
        if (on) rowWords = words;
    }

    /** After each clock edge: appends a sample while recording, a digest while digesting. */
    void afterEdge() {
        if (digesting) {
            if (digestCount == digests.length) digests = Arrays.copyOf(digests, Math.max(1024, 2 * digests.length));
            digests[digestCount++] = digest(digestMemories);
        }
        if (!recording) return;
        if (recordedWords + rowWords > recorded.length) {
            recorded = Arrays.copyOf(recorded, Math.max(2 * recorded.length, recordedWords + 64 * rowWords));
        }
        sampleInto(recorded, recordedWords, rowWords == sampleWords);
        recordedWords += rowWords;
    }

    /** Recorded samples, one row per cycle, oldest first; at most {@code maxCycles} of them. */
    int[][] take(int maxCycles) {
        if (rowWords == 0) return new int[0][];
        int n = Math.min(maxCycles, recordedWords / rowWords);
        int[][] rows = new int[n][];
        for (int c = 0; c < n; c++) rows[c] = Arrays.copyOfRange(recorded, c * rowWords, (c + 1) * rowWords);
        System.arraycopy(recorded, n * rowWords, recorded, 0, recordedWords - n * rowWords);
        recordedWords -= n * rowWords;
        return rows;
    }

    /**
     * While on, every cycle appends the {@link StateDigest} of a sample taken after the clock edge:
     * of the registers, or with {@code memories} of the full {@link #sample()} (the words the shim
     * digests for its every-cycle group).
     */
    void digests(boolean on, boolean memories) {
        if (on && digestCount > 0 && memories != digestMemories) {
            throw new IllegalStateException("takeDigests() the " + digestCount + " digests before changing what is digested");
        }
        digesting = on;
        if (on) digestMemories = memories;
    }

    /** Digests of the cycles since the last call, oldest first; at most {@code maxCycles} of them. */
    long[] takeDigests(int maxCycles) {
        int n = Math.min(maxCycles, digestCount);
        long[] d = Arrays.copyOf(digests, n);
        System.arraycopy(digests, n, digests, 0, digestCount - n);
        digestCount -= n;
        return d;
    }

    /** The digest of the sample as it is now: the registers, with {@code memories} the memories after them. */
    long digest(boolean memories) {
        if (registerDigest == null) registerDigest = new RegisterDigest(regProbe, regMask, keys());
        long d = registerDigest.digest();
        return memories ? d + memoryDigest(registerWords) : d;
    }

    /** The digest of {@link #sampleMemories()} as it is now (its words keyed from 0, as the shim's snapshot group). */
    long memoryDigest() { return memoryDigest(0); }

    /** The memories' digest with the first memory word keyed {@code at}. */
    private long memoryDigest(int at) {
        long[] k = keys();
        long d = 0;
        for (int i = 0; i < memProbe.length; i++) {
            NamedState.Mem m = memProbe[i];
            long mask = memMask[i];
            boolean wide = mask >>> 32 != 0;
            int depth = mems.get(i).depth();
            for (int e = 0; e < depth; e++) {
                long v = m.get(e) & mask;
                d += StateDigest.term(k[at++], (int) v);
                if (wide) d += StateDigest.term(k[at++], (int) (v >>> 32));
            }
        }
        return d;
    }

    private long[] keys() {
        if (keys == null) keys = StateDigest.keys(sampleWords);
        return keys;
    }
}
