package org.heterosyn.cosim;

import org.heterosyn.emulator.ClockedModel;

import java.util.function.Supplier;

/**
 * Names the register behind a digest difference: both sides are replayed from reset on the logged
 * commands (the models are deterministic, so they retrace the run) to the start of the batch whose
 * digests differ, then record their samples word by word up to the first differing digest, and the
 * first differing word names the signal, cycle and both values, as the word-by-word comparison
 * would have named them. A replay costs the raw speed of the two models up to the mismatch.
 */
final class Naming {
    private Naming() {}

    /**
     * @param start cycles run before the batch (counted from the end of reset)
     * @param rtl the RTL side's digests of the batch, one per cycle
     * @param emu the emulator side's
     */
    static Cosim.Mismatch registers(WatchList watch, Supplier<LockstepModel> rtlSide, Supplier<LockstepModel> emuSide,
                                    Cosim.Options o, CommandLog log, long start, long[] rtl, long[] emu) {
        int first = 0;
        while (first < Math.min(rtl.length, emu.length) && rtl[first] == emu[first]) first++;
        int cycles = first + 1;
        SidePair.Pair<int[][]> rows;
        try (SidePair pair = new SidePair(o.twoThreads())) {
            rows = pair.run(() -> replay(rtlSide, o, log, start, cycles), () -> replay(emuSide, o, log, start, cycles));
        }
        for (int c = 0; c < Math.min(rows.rtl().length, rows.emulator().length); c++) {
            Cosim.Mismatch m = Cosim.compare(watch, true, start + c + 1, rows.rtl()[c], rows.emulator()[c]);
            if (m != null) return m;
        }
        throw new IllegalStateException("the state digests differ after the edge of cycle " + (start + cycles)
                + " but a replay found every word equal up to it: a model that does not retrace its run, "
                + "or the shim's digest differs from StateDigest");
    }

    /** One side from reset to {@code start} on the logged pushes, then {@code cycles} recorded samples. */
    private static int[][] replay(Supplier<LockstepModel> open, Cosim.Options o, CommandLog log, long start, int cycles) {
        try (LockstepModel side = open.get()) {
            Cosim.start(side, o);
            ClockedModel m = side.model();
            long done = 0;
            int next = 0;
            while (true) {
                while (next < log.batches() && log.cycle(next) <= done) m.push(log.batch(next++));
                if (done == start) break;
                long stop = Math.min(start, next < log.batches() ? log.cycle(next) : start);
                m.step(stop - done);
                done = stop;
            }
            side.record(true);
            m.step(cycles);
            return m.take(cycles);
        }
    }
}
