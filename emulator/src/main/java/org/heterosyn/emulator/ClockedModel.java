package org.heterosyn.emulator;

import java.nio.file.Path;

/**
 * A clocked model of heterosyn_top behind its host link: the cycle emulator ({@link CycleEmulator})
 * or the RTL under Verilator (host-driver's VerilatorModel). Drivers, benches and the co-simulation
 * harness drive either through this one type, and both sides given the same calls see the same
 * words in the same cycles.
 *
 * <p>Host-link timing (docs/driver.md): in each cycle, with the clock low, cmd_valid_i and
 * cmd_data_i come from the input queue (0 when it is empty) and rsp_ready_i from the back-pressure
 * pattern; cmd_ready_o, rsp_valid_o and rsp_data_o are sampled; then the clock edge. A word moved
 * when valid and ready were both high before the edge. Reset cycles drive no handshake and draw no
 * pattern values.
 */
public interface ClockedModel extends AutoCloseable {
    /** Holds rst_i high for {@code cycles} cycles; drops collected responses, keeps queued command words. */
    void reset(int cycles);

    /** Queues command words; they enter one per cycle while cmd_ready_o is high. */
    void push(int[] words);

    /** All response words collected so far. */
    int[] pop();

    /** Command words queued and not yet taken. */
    int pendingIn();

    /** Response words collected and not yet popped. */
    int pendingOut();

    /** Runs exactly {@code cycles} clock cycles. */
    void step(long cycles);

    /** Runs until {@code want} response words are waiting or {@code max} cycles passed; returns the cycles run. */
    long runUntil(long want, long max);

    /** Clock cycles run since the model was made, reset cycles included. */
    long cycle();

    /**
     * rsp_ready_i high on {@code percent}% of cycles from here on (100: always ready), drawn from
     * xorshift32 ({@code x ^= x << 13; x ^= x >>> 17; x ^= x << 5}, ready when x mod 100 < percent)
     * seeded with {@code seed} (0 counts as 1), one value per cycle and none at 100%.
     */
    void backpressure(int seed, int percent);

    /**
     * While on, every cycle appends a sample of the state the model records (the emulator: its named
     * state; the Verilator model: its every-cycle watch group), taken after the clock edge.
     */
    void record(boolean on);

    /** Recorded samples, one row per cycle, oldest first; at most {@code maxCycles} of them. */
    int[][] take(int maxCycles);

    /** Starts a VCD waveform, with Verilator's scopes and times (2*cycle clock low, 2*cycle+1 after the edge). */
    void traceOpen(Path vcd);

    void traceClose();

    @Override
    void close();
}
