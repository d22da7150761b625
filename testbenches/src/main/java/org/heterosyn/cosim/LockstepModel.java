package org.heterosyn.cosim;

import org.heterosyn.emulator.ClockedModel;

/**
 * One side of a lockstep co-simulation: a clocked model (the Verilator model or the cycle emulator)
 * and how its named state follows a {@link WatchList}: the every-cycle entries are recorded after
 * every clock edge (taken with {@link ClockedModel#take}), the snapshot entries read on request;
 * or, for the same entries, one digest per cycle and a digest of the snapshot (docs/cosim.md).
 */
public interface LockstepModel extends AutoCloseable {
    /** "rtl" or "emulator", as mismatch reports name the sides. */
    String side();

    /** The model both sides are driven through alike. */
    ClockedModel model();

    /** While on, the model records the watch list's every-cycle entries after every clock edge. */
    void record(boolean on);

    /** The snapshot entries as they are now. */
    int[] snapshot();

    /**
     * While on, the model appends one {@link org.heterosyn.emulator.StateDigest} per clock edge of
     * the every-cycle entries, computed on its own side (in the shim, or in the emulator).
     */
    void digests(boolean on);

    /** Digests of the cycles since the last call, oldest first; at most {@code maxCycles} of them. */
    long[] takeDigests(int maxCycles);

    /** The digest of {@link #snapshot()} as it is now, computed on its own side. */
    long snapshotDigest();

    @Override
    default void close() { model().close(); }
}
