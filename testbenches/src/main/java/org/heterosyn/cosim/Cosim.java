package org.heterosyn.cosim;

import org.heterosyn.emulator.ClockedModel;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Lockstep co-simulation: the RTL (under Verilator) and the cycle emulator get the same command
 * words at the same cycles and the same back-pressure; after every clock edge every register (and,
 * on small designs, every memory word) of the manifest is compared, and the response words as they
 * leave. At the first difference the run stops, reports cycle, signal and both values, and leaves a
 * {@link Reproducer} in the mismatch directory, whoever called it (docs/cosim.md).
 */
public final class Cosim {
    /**
     * @param cycles clock cycles to compare
     * @param seed stimulus and back-pressure seed
     * @param readyPercent rsp_ready_i high on this share of cycles
     * @param mismatchDir where a mismatch's waveforms and reproducer go
     * @param window cycles of waveform before and after a mismatch
     */
    public record Options(long cycles, long seed, int readyPercent, Path mismatchDir, int window) {
        public Options {
            if (cycles < 1) throw new IllegalArgumentException("--cycles: must be at least 1");
            if (readyPercent < 1 || readyPercent > 100) throw new IllegalArgumentException("ready percent must be 1..100");
            Objects.requireNonNull(mismatchDir, "mismatchDir: a mismatch always leaves a reproducer");
        }
    }

    public record Mismatch(long cycle, String signal, long rtl, long emulator) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "cycle %d: %s: rtl 0x%x, emulator 0x%x", cycle, signal, rtl, emulator);
        }
    }

    /**
     * @param reproducer the directory holding the mismatch's waveforms and rerun.sh (null when it passed)
     * @param files what was written there
     */
    public record Report(long cyclesCompared, long commandWords, long responseWords, Mismatch mismatch, Path reproducer,
                         List<Path> files) {
        public boolean passed() { return mismatch == null; }
    }

    private static final int BATCH = 4096;

    private Cosim() {}

    /**
     * @param rtl opens a fresh RTL side (called again to replay a mismatch with waveforms)
     * @param emu opens a fresh emulator side
     */
    public static Report run(Manifest manifest, Layout layout, Supplier<LockstepModel> rtl, Supplier<LockstepModel> emu,
                             Options o) throws IOException {
        return run(manifest, layout, rtl, emu, o, new Stimulus(layout.spec(), o.seed()));
    }

    /** As above with a given command source (e.g. training commands on real data, or a reproducer's log). */
    public static Report run(Manifest manifest, Layout layout, Supplier<LockstepModel> rtl, Supplier<LockstepModel> emu,
                             Options o, CommandSource stim) throws IOException {
        WatchList watch = new WatchList(manifest, layout);
        CommandLog log = new CommandLog();
        long responseWords = 0;
        Mismatch found = null;
        long done = 0;
        try (LockstepModel a = rtl.get(); LockstepModel b = emu.get()) {
            ClockedModel ma = a.model();
            ClockedModel mb = b.model();
            start(a, o);
            start(b, o);
            while (done < o.cycles() && found == null) {
                if (ma.pendingIn() < BATCH) {
                    int[] w = stim.next(BATCH);
                    log.add(done, w);
                    ma.push(w);
                    mb.push(w);
                }
                int n = (int) Math.min(BATCH, o.cycles() - done);
                ma.step(n);
                mb.step(n);
                int[][] ra = ma.take(n);
                int[][] rb = mb.take(n);
                for (int c = 0; c < n && found == null; c++) found = compare(watch, true, done + c + 1, ra[c], rb[c]);
                int[] pa = ma.pop();
                int[] pb = mb.pop();
                if (found == null) found = compareResponses(pa, pb, done + n, responseWords);
                responseWords += pa.length;
                if (found == null && !watch.memoriesEveryCycle()) {
                    found = compare(watch, false, done + n, a.snapshot(), b.snapshot());
                }
                done += n;
            }
        }
        if (found == null) return new Report(done, log.words(), responseWords, null, null, List.of());
        List<Path> files = Reproducer.write(layout.spec(), o, log, found, rtl, emu);
        return new Report(found.cycle(), log.words(), responseWords, found, o.mismatchDir(), files);
    }

    /** From power-up: reset, the run's back-pressure pattern, recording on. */
    static void start(LockstepModel side, Options o) {
        ClockedModel m = side.model();
        m.reset(Manifest.RESET_CYCLES);
        m.backpressure((int) (o.seed() ^ (o.seed() >>> 32)) | 1, o.readyPercent());
        side.record(true);
    }

    /** Samples taken after the edge of cycle {@code cycle} (counted from the end of reset, 1-based). */
    private static Mismatch compare(WatchList watch, boolean everyCycle, long cycle, int[] rtl, int[] emu) {
        for (int i = 0; i < rtl.length; i++) {
            if (rtl[i] != emu[i]) {
                return new Mismatch(cycle, watch.describe(everyCycle, i), rtl[i] & 0xFFFF_FFFFL, emu[i] & 0xFFFF_FFFFL);
            }
        }
        return null;
    }

    private static Mismatch compareResponses(int[] rtl, int[] emu, long cycle, long before) {
        for (int i = 0; i < Math.max(rtl.length, emu.length); i++) {
            long x = i < rtl.length ? rtl[i] & 0xFFFF_FFFFL : -1;
            long y = i < emu.length ? emu[i] & 0xFFFF_FFFFL : -1;
            if (x != y) return new Mismatch(cycle, "response word " + (before + i) + " (rsp_data_o; -1: none yet)", x, y);
        }
        return null;
    }
}
