package org.heterosyn.cosim;

import java.nio.file.Path;

/**
 * One side of a lockstep co-simulation: the Verilator model or the cycle emulator, driven by the
 * same calls. Samples follow a {@link WatchList}: its every-cycle entries are recorded after every
 * clock edge, its snapshot entries read on request.
 */
public interface LockstepModel extends AutoCloseable {
    /** "rtl" or "emulator", as mismatch reports name the sides. */
    String side();

    void reset(int cycles);

    void push(int[] words);

    int[] pop();

    int pendingIn();

    void step(long cycles);

    long cycle();

    void backpressure(int seed, int percent);

    void record(boolean on);

    /** Recorded every-cycle samples, oldest first. */
    int[][] take(int maxCycles);

    /** The snapshot entries as they are now. */
    int[] snapshot();

    void traceOpen(Path vcd);

    void traceClose();

    @Override
    void close();
}
