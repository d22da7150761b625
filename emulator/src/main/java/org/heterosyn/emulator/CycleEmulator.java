package org.heterosyn.emulator;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.StateMap;
import org.heterosyn.spec.DesignSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cycle-accurate twin of a generated design (docs/emulator.md), with the API of the Verilator
 * model handle (host-driver's VerilatorModel) so a co-simulation harness drives both alike.
 *
 * <p>Host-link timing, as the Verilator shim's: in each cycle, with the clock low, cmd_valid_i and
 * cmd_data_i come from the input queue (0 when it is empty) and rsp_ready_i from the back-pressure
 * pattern; cmd_ready_o, rsp_valid_o and rsp_data_o are sampled; then the clock edge. A word moved when
 * valid and ready were both high before the edge. Reset cycles drive no handshake and draw no
 * pattern values.
 *
 * <p>Named state: every register and memory of the manifest's StateMap, by RTL path, as raw unsigned
 * bits of its manifest width. {@link #sample()} lays them out as the shim's hs_sample does when the
 * StateMap entries are watched in order: registers, then memories, each element ceil(width/32)
 * little-endian 32-bit words. Not thread-safe.
 */
public final class CycleEmulator implements AutoCloseable {
    /** The top-level ports, as in the manifest and the VCD. */
    public static final List<String> PORTS = List.of("clk_i", "rst_i", "cmd_valid_i", "cmd_ready_o", "cmd_data_i",
            "rsp_valid_o", "rsp_ready_i", "rsp_data_o");
    private static final String TOP_SCOPE = "TOP.heterosyn_top";

    private final DesignSpec spec;
    private final Layout lay;
    private final Top top;

    // ---- host link ----
    private int[] in = new int[1024];
    private int inHead;
    private int inTail;
    private int[] out = new int[1024];
    private int outSize;
    private long cycle;
    private int lfsr = 1;
    private int readyPercent = 100;
    /** The port values of the cycle in progress, for the waveform. */
    private boolean clk;
    private boolean rst;
    private boolean cmdValid;
    private int cmdData;
    private boolean rspReady;

    // ---- named state ----
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

    // ---- recording and waveform ----
    private boolean recording;
    private int rowWords;
    private int[] recorded = new int[0];
    private int recordedWords;
    private Vcd trace;

    public CycleEmulator(DesignSpec spec) {
        this.spec = spec;
        this.lay = new Layout(spec);
        this.top = new Top(lay);
        NamedState named = new NamedState();
        top.name(named, lay);
        regs = StateMap.registers(lay);
        mems = StateMap.memories(lay);
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

    public DesignSpec spec() { return spec; }

    public Layout layout() { return lay; }

    // ---- the host link ----

    /** Holds rst_i high for {@code cycles} cycles; drops collected responses, keeps queued command words. */
    public void reset(int cycles) {
        for (int i = 0; i < cycles; i++) oneCycle(true);
        outSize = 0;
    }

    public void push(int[] words) {
        if (inTail + words.length > in.length) {
            int live = inTail - inHead;
            int[] next = live + words.length > in.length / 2 ? new int[Math.max(2 * in.length, 2 * (live + words.length))] : in;
            System.arraycopy(in, inHead, next, 0, live);
            in = next;
            inHead = 0;
            inTail = live;
        }
        System.arraycopy(words, 0, in, inTail, words.length);
        inTail += words.length;
    }

    /** All response words collected so far. */
    public int[] pop() {
        int[] w = Arrays.copyOf(out, outSize);
        outSize = 0;
        return w;
    }

    public int pendingIn() { return inTail - inHead; }

    public int pendingOut() { return outSize; }

    /** Runs exactly {@code cycles} clock cycles. */
    public void step(long cycles) {
        for (long i = 0; i < cycles; i++) oneCycle(false);
    }

    /** Runs until {@code want} response words are waiting or {@code max} cycles passed; returns cycles run. */
    public long runUntil(long want, long max) {
        long i = 0;
        while (i < max && outSize < want) {
            oneCycle(false);
            i++;
        }
        return i;
    }

    public long cycle() { return cycle; }

    /**
     * rsp_ready_i high on {@code percent}% of cycles from here on (100: always ready), drawn from the
     * shim's xorshift32 sequence seeded with {@code seed} (0 counts as 1).
     */
    public void backpressure(int seed, int percent) {
        lfsr = seed != 0 ? seed : 1;
        readyPercent = Math.max(percent, 0);
    }

    private boolean nextReady() {
        if (readyPercent >= 100) return true;
        int x = lfsr;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        lfsr = x;
        return Integer.remainderUnsigned(x, 100) < readyPercent;
    }

    private void oneCycle(boolean reset) {
        clk = false;
        rst = reset;
        cmdValid = !reset && inHead < inTail;
        cmdData = cmdValid ? in[inHead] : 0;
        rspReady = !reset && nextReady();
        if (trace != null) trace.dump(2 * cycle);
        boolean took = cmdValid && top.cmd_ready_o();
        boolean gave = rspReady && top.rsp_valid_o();
        int data = top.rsp_data_o();
        top.clock(reset, cmdValid, cmdData, rspReady);
        clk = true;
        if (trace != null) trace.dump(2 * cycle + 1);
        if (took) inHead++;
        if (gave) {
            if (outSize == out.length) out = Arrays.copyOf(out, 2 * out.length);
            out[outSize++] = data;
        }
        cycle++;
        if (recording) record();
    }

    // ---- named state ----

    /** Register {@code path} (a StateMap.Reg path, e.g. "u_ctrl.state_q") as raw bits of its width. */
    public long state(String path) {
        Integer i = regIndex.get(path);
        if (i == null) throw new IllegalArgumentException("no register " + path + " in " + spec.name() + " (see its manifest state)");
        return regProbe[i].get() & regMask[i];
    }

    /** Element {@code index} of memory {@code path} (a StateMap.Mem path) as raw bits of its width. */
    public long memory(String path, int index) {
        Integer i = memIndex.get(path);
        if (i == null) throw new IllegalArgumentException("no memory " + path + " in " + spec.name() + " (see its manifest memories)");
        int depth = mems.get(i).depth();
        if (index < 0 || index >= depth) throw new IndexOutOfBoundsException(path + " has " + depth + " words, not " + index);
        return memProbe[i].get(index) & memMask[i];
    }

    /**
     * Test-only fault: from now on every weight update of synapse (row, col), in the coordinates of
     * the matrix updated (W_k or B_k, any k), has its lowest bit flipped. One bit of behaviour that
     * the RTL does not share, for proving that co-simulation catches and names it (CosimFaultTest).
     */
    public void injectUpdateFault(int row, int col) { top.u_eng.injectUpdateFault(row, col); }

    /**
     * Overwrites register {@code path} with {@code value} (its low manifest-width bits) between two
     * cycles, as a write through Verilator's public_flat_rw access would: for fault injection and for
     * restoring state. The next edge computes from the new value.
     */
    public void deposit(String path, long value) {
        Integer i = regIndex.get(path);
        if (i == null) throw new IllegalArgumentException("no register " + path + " in " + spec.name() + " (see its manifest state)");
        regSet[i].set(value & regMask[i], regs.get(i).width());
    }

    /** Overwrites element {@code index} of memory {@code path} with {@code value} (its low width bits), as {@link #deposit}. */
    public void depositMemory(String path, int index, long value) {
        Integer i = memIndex.get(path);
        if (i == null) throw new IllegalArgumentException("no memory " + path + " in " + spec.name() + " (see its manifest memories)");
        int depth = mems.get(i).depth();
        if (index < 0 || index >= depth) throw new IndexOutOfBoundsException(path + " has " + depth + " words, not " + index);
        memSet[i].set(index, value & memMask[i], mems.get(i).width());
    }

    /** Words of {@link #sample()}: every register, then every memory. */
    public int sampleWords() { return sampleWords; }

    /** Words of the registers at the start of {@link #sample()}. */
    public int registerWords() { return registerWords; }

    /** The word offset of a register (or, for a memory that is not also a register, a memory) in a sample. */
    public int offset(String path) {
        Integer at = offsets.get(path);
        if (at == null) throw new IllegalArgumentException("no state " + path + " in " + spec.name());
        return at;
    }

    /** All registers, then all memories, in StateMap order, each element ceil(width/32) little-endian words. */
    public int[] sample() {
        int[] s = new int[sampleWords];
        sampleInto(s, 0, true);
        return s;
    }

    /**
     * The memories part of {@link #sample()} (its words from {@link #registerWords()} on): what the
     * shim's snapshot group holds when the memories are watched on demand.
     */
    public int[] sampleMemories() {
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

    /** While on, every cycle appends a full {@link #sample()}, taken after the clock edge. */
    public void record(boolean on) { record(on, true); }

    /**
     * While on, every cycle appends a sample taken after the clock edge: the full {@link #sample()},
     * or with {@code memories} false only its first {@link #registerWords()} words (what the shim
     * records when the registers are watched every cycle and the memories only on demand).
     */
    public void record(boolean on, boolean memories) {
        int words = memories ? sampleWords : registerWords;
        if (on && recordedWords > 0 && words != rowWords) {
            throw new IllegalStateException("take() the " + recordedWords / rowWords + " recorded samples before changing what is recorded");
        }
        recording = on;
        if (on) rowWords = words;
    }

    private void record() {
        if (recordedWords + rowWords > recorded.length) {
            recorded = Arrays.copyOf(recorded, Math.max(2 * recorded.length, recordedWords + 64 * rowWords));
        }
        sampleInto(recorded, recordedWords, rowWords == sampleWords);
        recordedWords += rowWords;
    }

    /** Recorded samples, one row per cycle, oldest first; at most {@code maxCycles} of them. */
    public int[][] take(int maxCycles) {
        if (rowWords == 0) return new int[0][];
        int n = Math.min(maxCycles, recordedWords / rowWords);
        int[][] rows = new int[n][];
        for (int c = 0; c < n; c++) rows[c] = Arrays.copyOfRange(recorded, c * rowWords, (c + 1) * rowWords);
        System.arraycopy(recorded, n * rowWords, recorded, 0, recordedWords - n * rowWords);
        recordedWords -= n * rowWords;
        return rows;
    }

    // ---- backdoor views ----

    /**
     * The logical matrix W_k (matrix 0, n_{k+1} x n_k) or B_k (matrix 1, n_k x n_{k+1}), row-major,
     * read from the weight memories through the layout: W_k[i][j] is word s = i*stride + j (stride: n_k
     * padded to whole chunks), in chunk s / used, lane s % used; B_k[j][i] is stored where W_k[i][j] is.
     */
    public int[] weights(int layer, int matrix) {
        Layout.LayerLayout k = lay.layer(layer);
        if (matrix == 1 && !k.feedback()) throw new IllegalArgumentException("layer " + layer + " stores no B");
        int[] m = new int[k.rows() * k.cols()];
        int wb = lay.weightBits();
        for (int i = 0; i < k.rows(); i++) {
            for (int j = 0; j < k.cols(); j++) {
                int s = (int) k.slot(i, j);
                int raw = weightWord(k, matrix, s / k.used(), s % k.used());
                m[matrix == 0 ? i * k.cols() + j : j * k.rows() + i] = Hw.sext(raw, wb);
            }
        }
        return m;
    }

    private int weightWord(Layout.LayerLayout k, int matrix, int chunk, int lane) {
        WeightMemory mem = top.u_wmem;
        if (lay.spram()) {
            int word = lay.region(k.k(), matrix).base() + chunk;
            int blocks = lay.spramsPerLane();
            return mem.spramMem[lane * blocks + word / Layout.SPRAM_DEPTH][word % Layout.SPRAM_DEPTH];
        }
        return (matrix == 0 ? mem.wmem : mem.bmem)[k.k()][lane][chunk];
    }

    // ---- waveform ----

    /** Starts a VCD of the ports and every register. */
    public void traceOpen(Path vcd) {
        List<String> all = new ArrayList<>(PORTS);
        for (StateMap.Reg r : regs) all.add(r.path());
        traceOpen(vcd, all);
    }

    /**
     * Starts a VCD of the named signals: top-level ports ({@link #PORTS}) and StateMap registers.
     * Times are Verilator's: 2*cycle with the clock low and the inputs driven, 2*cycle+1 after the edge.
     */
    public void traceOpen(Path vcd, Collection<String> signals) {
        if (trace != null) throw new IllegalStateException("a waveform is already open");
        List<Vcd.Signal> sig = new ArrayList<>();
        for (String s : signals) {
            NamedState.Reg port = port(s);
            if (port != null) {
                int w = s.endsWith("data_i") || s.endsWith("data_o") ? Layout.WORD_BITS : 1;
                sig.add(new Vcd.Signal("TOP", s, w, port));
                sig.add(new Vcd.Signal(TOP_SCOPE, s, w, port));
                continue;
            }
            Integer i = regIndex.get(s);
            if (i == null) throw new IllegalArgumentException("no port or register " + s + " to trace in " + spec.name());
            int dot = s.lastIndexOf('.');
            sig.add(new Vcd.Signal(TOP_SCOPE + "." + s.substring(0, dot), s.substring(dot + 1), regs.get(i).width(), regProbe[i]));
        }
        trace = new Vcd(vcd, sig);
    }

    /** The probes of the ports, shared by both scopes that show them. */
    private final Map<String, NamedState.Reg> ports = new HashMap<>();

    private NamedState.Reg port(String name) {
        if (!PORTS.contains(name)) return null;
        return ports.computeIfAbsent(name, n -> switch (n) {
            case "clk_i" -> () -> clk ? 1 : 0;
            case "rst_i" -> () -> rst ? 1 : 0;
            case "cmd_valid_i" -> () -> cmdValid ? 1 : 0;
            case "cmd_data_i" -> () -> cmdData;
            case "rsp_ready_i" -> () -> rspReady ? 1 : 0;
            case "cmd_ready_o" -> () -> top.cmd_ready_o() ? 1 : 0;
            case "rsp_valid_o" -> () -> top.rsp_valid_o() ? 1 : 0;
            default -> () -> top.rsp_data_o();
        });
    }

    public void traceClose() {
        if (trace == null) return;
        trace.close();
        trace = null;
    }

    @Override
    public void close() { traceClose(); }
}
