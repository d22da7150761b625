package org.heterosyn.bench;

import org.heterosyn.data.Dataset;

/**
 * One engine as the bench drives it: trains given samples in order, one at a time, from its
 * initial weights, and says how many clock cycles that took where the engine has a clock.
 */
interface BenchEngine extends AutoCloseable {
    /** No clock: the engine runs at command boundaries. */
    long NO_CLOCK = -1;

    /** What ran, e.g. fast/vector-256 (the kernel the fast model chose). */
    String name();

    /** Trains samples {@code from .. from + count - 1} of {@code data}; returns the cycles clocked, or {@link #NO_CLOCK}. */
    long train(Dataset data, int from, int count);

    /** SHA-256 of the weights now. */
    byte[] weightsDigest();

    @Override
    void close();
}
