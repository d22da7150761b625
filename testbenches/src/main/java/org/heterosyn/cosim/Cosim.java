package org.heterosyn.cosim;

import org.heterosyn.emulator.ClockedModel;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
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
 *
 * <p>How the state is compared ({@link Compare}): by default each side digests its own state after
 * every edge ({@link org.heterosyn.emulator.StateDigest}; the RTL's in the shim) and only the
 * digests cross to Java, the two models running on two threads; at the first cycle whose digests
 * differ, {@link Naming} replays both from reset on the logged commands and compares that batch word
 * by word, so the report names the register as the word-by-word comparison ({@link Compare#FULL})
 * does, with the same cycle and values.
 */
public final class Cosim {
    /** How the sides' state is compared every cycle. */
    public enum Compare {
        /** One digest per side per cycle (and per memory snapshot); a difference is named by a replay. */
        DIGEST,
        /** Every word of every sample brought to Java and compared (the slower way, kept to measure against). */
        FULL
    }

    /**
     * @param cycles clock cycles to compare
     * @param seed stimulus and back-pressure seed
     * @param readyPercent rsp_ready_i high on this share of cycles
     * @param mismatchDir where a mismatch's waveforms and reproducer go
     * @param window cycles of waveform before and after a mismatch
     * @param compare digests or every word
     * @param twoThreads the emulator side on a thread of its own
     */
    public record Options(long cycles, long seed, int readyPercent, Path mismatchDir, int window, Compare compare,
                          boolean twoThreads) {
        public Options {
            if (cycles < 1) throw new IllegalArgumentException("--cycles: must be at least 1");
            if (readyPercent < 1 || readyPercent > 100) throw new IllegalArgumentException("ready percent must be 1..100");
            Objects.requireNonNull(mismatchDir, "mismatchDir: a mismatch always leaves a reproducer");
            Objects.requireNonNull(compare, "compare");
        }

        /** Digests, on two threads when the machine has two CPUs. */
        public Options(long cycles, long seed, int readyPercent, Path mismatchDir, int window) {
            this(cycles, seed, readyPercent, mismatchDir, window, Compare.DIGEST, Runtime.getRuntime().availableProcessors() > 1);
        }

        public Options with(Compare how, boolean threads) {
            return new Options(cycles, seed, readyPercent, mismatchDir, window, how, threads);
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

    /** Cycles per batch: also how often memories are compared on a design too large to compare them every cycle. */
    static final int BATCH = 4096;

    /**
     * One side's batch: its response words, and its state as samples and the snapshot ({@link Compare#FULL})
     * or as one digest per cycle and the snapshot's digest.
     */
    record Batch(int[] responses, int[][] rows, int[] snapshot, long[] digests, long snapshotDigest) {}

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
        try (LockstepModel a = rtl.get(); LockstepModel b = emu.get(); SidePair pair = new SidePair(o.twoThreads())) {
            boolean snapshots = !watch.memoriesEveryCycle();
            pair.run(() -> watchOn(a, o), () -> watchOn(b, o));
            while (done < o.cycles() && found == null) {
                int[] w = null;
                if (a.model().pendingIn() < BATCH) {
                    w = stim.next(BATCH);
                    log.add(done, w);
                }
                int[] words = w;
                long at = done;
                int n = (int) Math.min(BATCH, o.cycles() - done);
                SidePair.Pair<Batch> got = pair.run(() -> batch(a, words, n, o.compare(), snapshots),
                        () -> batch(b, words, n, o.compare(), snapshots));
                Namer namer = o.compare() == Compare.FULL ? null
                        : () -> Naming.registers(watch, rtl, emu, o, log, at, got.rtl().digests(), got.emulator().digests());
                found = compare(watch, done, n, got, namer, a, b, responseWords);
                responseWords += got.rtl().responses().length;
                done += n;
            }
        }
        if (found == null) return new Report(done, log.words(), responseWords, null, null, List.of());
        List<Path> files = Reproducer.write(layout.spec(), o, log, found, rtl, emu);
        return new Report(found.cycle(), log.words(), responseWords, found, o.mismatchDir(), files);
    }

    /** From power-up: reset and the run's back-pressure pattern. */
    static void start(LockstepModel side, Options o) {
        ClockedModel m = side.model();
        m.reset(Manifest.RESET_CYCLES);
        m.backpressure((int) (o.seed() ^ (o.seed() >>> 32)) | 1, o.readyPercent());
    }

    /** {@link #start}, then samples or digests after every edge, as {@code o} compares. */
    private static Void watchOn(LockstepModel side, Options o) {
        start(side, o);
        if (o.compare() == Compare.FULL) side.record(true);
        else side.digests(true);
        return null;
    }

    /** Pushes {@code words} (null: none), runs {@code n} cycles, collects what is compared. */
    private static Batch batch(LockstepModel side, int[] words, int n, Compare how, boolean snapshots) {
        ClockedModel m = side.model();
        if (words != null) m.push(words);
        m.step(n);
        int[] responses = m.pop();
        if (how == Compare.FULL) return new Batch(responses, m.take(n), snapshots ? side.snapshot() : null, null, 0);
        return new Batch(responses, null, null, side.takeDigests(n), snapshots ? side.snapshotDigest() : 0);
    }

    /** Names the first register difference of a batch whose digests differ (a replay). */
    private interface Namer {
        Mismatch name() throws IOException;
    }

    /**
     * The batch's first difference, in the order the word-by-word comparison finds it: the state
     * after each edge, then the response words, then the memory snapshot at the batch end.
     */
    private static Mismatch compare(WatchList watch, long done, int n, SidePair.Pair<Batch> got, Namer namer, LockstepModel a,
                                    LockstepModel b, long responseWords) throws IOException {
        Batch x = got.rtl();
        Batch y = got.emulator();
        Mismatch found = null;
        if (namer == null) {
            for (int c = 0; c < n && found == null; c++) found = compare(watch, true, done + c + 1, x.rows()[c], y.rows()[c]);
        } else if (!Arrays.equals(x.digests(), y.digests())) {
            found = namer.name();
        }
        if (found == null) found = compareResponses(x.responses(), y.responses(), done + n, responseWords);
        if (found != null || watch.memoriesEveryCycle()) return found;
        if (namer == null) return compare(watch, false, done + n, x.snapshot(), y.snapshot());
        if (x.snapshotDigest() == y.snapshotDigest()) return null;
        // Both sides stand at the batch end: their snapshots, word by word, name the memory word.
        Mismatch m = compare(watch, false, done + n, a.snapshot(), b.snapshot());
        if (m == null) throw new IllegalStateException("memory digests differ at cycle " + (done + n) + " but every word is equal");
        return m;
    }

    /** Samples taken after the edge of cycle {@code cycle} (counted from the end of reset, 1-based). */
    static Mismatch compare(WatchList watch, boolean everyCycle, long cycle, int[] rtl, int[] emu) {
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
