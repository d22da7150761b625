package org.heterosyn.cosim;

import org.heterosyn.emulator.ClockedModel;

/**
 * One side of a lockstep co-simulation: a clocked model (the Verilator model or the cycle emulator)
 * and how its named state follows a {@link WatchList}: the every-cycle entries are recorded after
 * every clock edge (taken with {@link ClockedModel#take}), the snapshot entries read on request.
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

    @Override
    default void close() { model().close(); }
}
