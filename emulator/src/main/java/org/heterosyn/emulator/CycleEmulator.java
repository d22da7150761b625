package org.heterosyn.emulator;

import org.heterosyn.emulator.blocks.Hw;
import org.heterosyn.emulator.blocks.NamedState;
import org.heterosyn.emulator.blocks.Top;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.manifest.StateMap;
import org.heterosyn.manifest.TopPort;
import org.heterosyn.spec.DesignSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The cycle-accurate twin of a generated design (docs/emulator.md), a {@link ClockedModel} as the
 * Verilator model is, so drivers and the co-simulation harness drive both alike (host-link timing
 * there).
 *
 * <p>Named state: every register and memory of the manifest's StateMap, by RTL path, as raw unsigned
 * bits of its manifest width. {@link #sample()} lays them out as the shim's hs_sample does when the
 * StateMap entries are watched in order: registers, then memories, each element ceil(width/32)
 * little-endian 32-bit words. Not thread-safe.
 */
public final class CycleEmulator implements ClockedModel {
    private static final String TOP_SCOPE = "TOP." + Manifest.TOP;

    private final DesignSpec spec;
    private final Layout lay;
    private final Top top;

    // ---- host link ----
    private final WordQueue in = new WordQueue();
    private final WordQueue out = new WordQueue();
    private long cycle;
    private int lfsr = 1;
    private int readyPercent = 100;
    /** The port values of the cycle in progress, for the waveform. */
    private boolean clk;
    private boolean rst;
    private boolean cmdValid;
    private int cmdData;
    private boolean rspReady;

    private final StateBinding state;

    // ---- waveform ----
    private Vcd trace;

    public CycleEmulator(DesignSpec spec) {
        spec.rule().requireHardware("emulate");
        this.spec = spec;
        this.lay = new Layout(spec);
        this.top = new Top(lay);
        NamedState named = new NamedState();
        top.name(named, lay);
        state = new StateBinding(lay, named);
    }

    public DesignSpec spec() { return spec; }

    public Layout layout() { return lay; }

    // ---- the host link ----

    /** Holds rst_i high for {@code cycles} cycles; drops collected responses, keeps queued command words. */
    public void reset(int cycles) {
        for (int i = 0; i < cycles; i++) oneCycle(true);
        out.clear();
    }

    public void push(int[] words) {
        in.push(words);
    }

    /** All response words collected so far. */
    public int[] pop() {
        return out.drain();
    }

    public int pendingIn() { return in.size(); }

    public int pendingOut() { return out.size(); }

    /** Runs exactly {@code cycles} clock cycles. */
    public void step(long cycles) {
        for (long i = 0; i < cycles; i++) oneCycle(false);
    }

    /** Runs until {@code want} response words are waiting or {@code max} cycles passed; returns cycles run. */
    public long runUntil(long want, long max) {
        long i = 0;
        while (i < max && out.size() < want) {
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
        cmdValid = !reset && !in.isEmpty();
        cmdData = cmdValid ? in.peek() : 0;
        rspReady = !reset && nextReady();
        if (trace != null) trace.dump(2 * cycle);
        boolean took = cmdValid && top.cmd_ready_o();
        boolean gave = rspReady && top.rsp_valid_o();
        int data = top.rsp_data_o();
        top.clock(reset, cmdValid, cmdData, rspReady);
        clk = true;
        if (trace != null) trace.dump(2 * cycle + 1);
        if (took) in.take();
        if (gave) {
            out.add(data);
        }
        cycle++;
        state.afterEdge();
    }

    // ---- named state (StateBinding) ----

    /** Register {@code path} (a StateMap.Reg path, e.g. "u_ctrl.state_q") as raw bits of its width. */
    public long state(String path) { return state.state(path); }

    /** Element {@code index} of memory {@code path} (a StateMap.Mem path) as raw bits of its width. */
    public long memory(String path, int index) { return state.memory(path, index); }

    /**
     * Test-only fault: from now on every weight update of synapse (row, col), in the coordinates of
     * the matrix updated (W_k or B_k, any k), has its lowest bit flipped. One bit of behaviour that
     * the RTL does not share, for proving that co-simulation catches and names it (CosimFaultTest).
     */
    public void injectUpdateFault(int row, int col) { top.injectUpdateFault(row, col); }

    /**
     * Overwrites register {@code path} with {@code value} (its low manifest-width bits) between two
     * cycles, as a write through Verilator's public_flat_rw access would: for fault injection and for
     * restoring state. The next edge computes from the new value.
     */
    public void deposit(String path, long value) { state.deposit(path, value); }

    /** Overwrites element {@code index} of memory {@code path} with {@code value} (its low width bits), as {@link #deposit}. */
    public void depositMemory(String path, int index, long value) { state.depositMemory(path, index, value); }

    /** Words of {@link #sample()}: every register, then every memory. */
    public int sampleWords() { return state.sampleWords(); }

    /** Words of the registers at the start of {@link #sample()}. */
    public int registerWords() { return state.registerWords(); }

    /** The word offset of a register (or, for a memory that is not also a register, a memory) in a sample. */
    public int offset(String path) { return state.offset(path); }

    /** All registers, then all memories, in StateMap order, each element ceil(width/32) little-endian words. */
    public int[] sample() { return state.sample(); }

    /** The memories part of {@link #sample()} (its words from {@link #registerWords()} on). */
    public int[] sampleMemories() { return state.sampleMemories(); }

    /** While on, every cycle appends a full {@link #sample()}, taken after the clock edge. */
    public void record(boolean on) { record(on, true); }

    /**
     * While on, every cycle appends a sample taken after the clock edge: the full {@link #sample()},
     * or with {@code memories} false only its first {@link #registerWords()} words (what the shim
     * records when the registers are watched every cycle and the memories only on demand).
     */
    public void record(boolean on, boolean memories) { state.record(on, memories); }

    /** Recorded samples, one row per cycle, oldest first; at most {@code maxCycles} of them. */
    public int[][] take(int maxCycles) { return state.take(maxCycles); }

    /**
     * While on, every cycle appends the {@link StateDigest} of the state {@link #record(boolean, boolean)}
     * would record (the registers, with {@code memories} every memory after them), taken after the edge.
     */
    public void digests(boolean on, boolean memories) { state.digests(on, memories); }

    /** Digests of the cycles since the last call, oldest first; at most {@code maxCycles} of them. */
    public long[] takeDigests(int maxCycles) { return state.takeDigests(maxCycles); }

    /** The {@link StateDigest} of {@link #sampleMemories()} as the memories are now. */
    public long memoryDigest() { return state.memoryDigest(); }

    // ---- backdoor views ----

    /**
     * The logical matrix W_k (matrix 0, n_{k+1} x n_k) or B_k (matrix 1, n_k x n_{k+1}), row-major,
     * read from the weight memories through the layout: W_k[i][j] is word s = i*stride + j (stride: n_k
     * padded to whole chunks), in chunk s / used, lane s % used; B_k[j][i] is stored where W_k[i][j] is.
     */
    public int[] weights(int layer, int matrix) { return weights(lay, top, layer, matrix); }

    /** {@link #weights(int, int)} of a core twin (also the board top's u_core). */
    static int[] weights(Layout lay, Top top, int layer, int matrix) {
        Layout.LayerLayout k = lay.layer(layer);
        if (matrix == 1 && !k.feedback()) throw new IllegalArgumentException("layer " + layer + " stores no B");
        int[] m = new int[k.rows() * k.cols()];
        int wb = lay.weightBits();
        for (int i = 0; i < k.rows(); i++) {
            for (int j = 0; j < k.cols(); j++) {
                int s = (int) k.slot(i, j);
                int raw = top.weightWord(k, matrix, s / k.used(), s % k.used());
                m[matrix == 0 ? i * k.cols() + j : j * k.rows() + i] = Hw.sext(raw, wb);
            }
        }
        return m;
    }

    // ---- waveform ----

    /** Starts a VCD of the ports and every register. */
    public void traceOpen(Path vcd) {
        List<String> all = new ArrayList<>();
        for (TopPort p : TopPort.values()) all.add(p.port());
        for (StateMap.Reg r : state.registers()) all.add(r.path());
        traceOpen(vcd, all);
    }

    /**
     * Starts a VCD of the named signals: top-level ports ({@link TopPort}) and StateMap registers.
     * Times are Verilator's: 2*cycle with the clock low and the inputs driven, 2*cycle+1 after the edge.
     */
    public void traceOpen(Path vcd, Collection<String> signals) {
        if (trace != null) throw new IllegalStateException("a waveform is already open");
        List<Vcd.Signal> sig = new ArrayList<>();
        for (String s : signals) {
            NamedState.Reg port = port(s);
            if (port != null) {
                int w = TopPort.of(s).width();
                sig.add(new Vcd.Signal("TOP", s, w, port));
                sig.add(new Vcd.Signal(TOP_SCOPE, s, w, port));
                continue;
            }
            NamedState.Reg reg = state.probe(s);
            if (reg == null) throw new IllegalArgumentException("no port or register " + s + " to trace in " + spec.name());
            int dot = s.lastIndexOf('.');
            sig.add(new Vcd.Signal(TOP_SCOPE + "." + s.substring(0, dot), s.substring(dot + 1), state.width(s), reg));
        }
        trace = new Vcd(vcd, sig);
    }

    /** The probes of the ports, shared by both scopes that show them. */
    private final Map<TopPort, NamedState.Reg> ports = new EnumMap<>(TopPort.class);

    private NamedState.Reg port(String name) {
        TopPort port = TopPort.of(name);
        if (port == null) return null;
        return ports.computeIfAbsent(port, p -> switch (p) {
            case CLK_I -> () -> clk ? 1 : 0;
            case RST_I -> () -> rst ? 1 : 0;
            case CMD_VALID_I -> () -> cmdValid ? 1 : 0;
            case CMD_DATA_I -> () -> cmdData;
            case RSP_READY_I -> () -> rspReady ? 1 : 0;
            case CMD_READY_O -> () -> top.cmd_ready_o() ? 1 : 0;
            case RSP_VALID_O -> () -> top.rsp_valid_o() ? 1 : 0;
            case RSP_DATA_O -> () -> top.rsp_data_o();
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
