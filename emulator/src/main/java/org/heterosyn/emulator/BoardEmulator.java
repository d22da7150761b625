package org.heterosyn.emulator;

import org.heterosyn.board.Board;
import org.heterosyn.board.BoardPort;
import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.emulator.blocks.BoardTop;
import org.heterosyn.emulator.blocks.NamedState;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.manifest.StateMap;
import org.heterosyn.spec.DesignSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cycle twin of a board top (heterosyn_board_top, docs/board-top.md) as a {@link ClockedModel},
 * driven at its pins as the board shim drives the Verilated board top:
 * <ul>
 *   <li>{@link #push} queues line levels for uart_rx_i, one per cycle (0 low, else high); with
 *       none queued the line idles high;</li>
 *   <li>{@link #pop} returns one word per cycle, the output pins sampled before the edge:
 *       bit {@value #TX_BIT} uart_tx_o, bit {@value #OK_BIT} led_ok_o, bit {@value #ERR_BIT} led_err_o;</li>
 *   <li>{@link #reset} runs cycles with the line idle and keeps no pins (the board top has no reset
 *       pin: its power-on reset counts from power-up); back-pressure does not exist at the pins.</li>
 * </ul>
 * Named state: the manifest's board state (Manifest.board), as {@link CycleEmulator}'s.
 */
public final class BoardEmulator implements ClockedModel {
    public static final int TX_BIT = 0;
    public static final int OK_BIT = 1;
    public static final int ERR_BIT = 2;

    private final Layout lay;
    private final BoardTop top;
    private final StateBinding state;
    private final WordQueue in = new WordQueue();
    private final WordQueue out = new WordQueue();
    private long cycle;
    private boolean osc;
    private boolean rx = true;
    private Vcd trace;

    public BoardEmulator(DesignSpec spec, Board board, BoardTopConfig cfg) {
        spec.rule().requireHardware("emulate");
        lay = new Layout(spec);
        top = new BoardTop(lay, board, cfg);
        NamedState named = new NamedState();
        top.name(named);
        state = new StateBinding(spec.name() + " board top", StateMap.boardRegisters(lay, cfg),
                StateMap.boardMemories(lay, cfg), named);
    }

    /** The output pins as one word (the class comment's bits). */
    public int pins() {
        return (top.uart_tx_o() ? 1 << TX_BIT : 0) | (top.led_ok_o() ? 1 << OK_BIT : 0) | (top.led_err_o() ? 1 << ERR_BIT : 0);
    }

    @Override
    public void reset(int cycles) {
        for (int i = 0; i < cycles; i++) oneCycle(true);
    }

    @Override
    public void push(int[] levels) {
        in.push(levels);
    }

    @Override
    public int[] pop() {
        return out.drain();
    }

    @Override public int pendingIn() { return in.size(); }

    @Override public int pendingOut() { return out.size(); }

    @Override
    public void step(long cycles) {
        for (long i = 0; i < cycles; i++) oneCycle(false);
    }

    @Override
    public long runUntil(long want, long max) {
        long i = 0;
        while (i < max && out.size() < want) {
            oneCycle(false);
            i++;
        }
        return i;
    }

    @Override public long cycle() { return cycle; }

    /** The pins have no ready signal: nothing to pattern. */
    @Override public void backpressure(int seed, int percent) {}

    private void oneCycle(boolean idle) {
        osc = false;
        boolean have = !idle && !in.isEmpty();
        rx = !have || in.peek() != 0;
        if (trace != null) trace.dump(2 * cycle);
        int p = pins();
        top.clock(rx);
        osc = true;
        if (trace != null) trace.dump(2 * cycle + 1);
        if (have) in.take();
        if (!idle) {
            out.add(p);
        }
        cycle++;
        state.afterEdge();
    }

    /** Register {@code path} of the board manifest's state, as raw bits of its width. */
    public long state(String path) { return state.state(path); }

    /** The core's W_k or B_k as {@link CycleEmulator#weights} reads them. */
    public int[] weights(int layer, int matrix) { return CycleEmulator.weights(lay, top.core(), layer, matrix); }

    public int sampleWords() { return state.sampleWords(); }

    public int registerWords() { return state.registerWords(); }

    public int[] sampleMemories() { return state.sampleMemories(); }

    @Override public void record(boolean on) { state.record(on, true); }

    public void record(boolean on, boolean memories) { state.record(on, memories); }

    @Override public int[][] take(int maxCycles) { return state.take(maxCycles); }

    /**
     * While on, every cycle appends the {@link StateDigest} of the state {@link #record(boolean, boolean)}
     * would record (the registers, with {@code memories} every memory after them), taken after the edge.
     */
    public void digests(boolean on, boolean memories) { state.digests(on, memories); }

    /** Digests of the cycles since the last call, oldest first; at most {@code maxCycles} of them. */
    public long[] takeDigests(int maxCycles) { return state.takeDigests(maxCycles); }

    /** The {@link StateDigest} of {@link #sampleMemories()} as the memories are now. */
    public long memoryDigest() { return state.memoryDigest(); }

    /** A VCD of the pins and every register of the board manifest, with Verilator's scopes and times. */
    @Override
    public void traceOpen(Path vcd) {
        if (trace != null) throw new IllegalStateException("a waveform is already open");
        String scope = "TOP." + Manifest.BOARD_TOP;
        List<Vcd.Signal> sig = new ArrayList<>();
        for (BoardPort p : BoardPort.values()) {
            NamedState.Reg probe = switch (p) {
                case OSC -> () -> osc ? 1 : 0;
                case UART_RX -> () -> rx ? 1 : 0;
                case UART_TX -> () -> top.uart_tx_o() ? 1 : 0;
                case LED_OK -> () -> top.led_ok_o() ? 1 : 0;
                case LED_ERR -> () -> top.led_err_o() ? 1 : 0;
            };
            sig.add(new Vcd.Signal(scope, p.pin, 1, probe));
        }
        for (StateMap.Reg r : state.registers()) {
            int dot = r.path().lastIndexOf('.');
            String at = dot < 0 ? scope : scope + "." + r.path().substring(0, dot);
            sig.add(new Vcd.Signal(at, r.path().substring(dot + 1), r.width(), state.probe(r.path())));
        }
        trace = new Vcd(vcd, sig);
    }

    @Override
    public void traceClose() {
        if (trace == null) return;
        trace.close();
        trace = null;
    }

    @Override
    public void close() { traceClose(); }
}
