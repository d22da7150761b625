package org.heterosyn.cosim;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.protocol.HexWords;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Lockstep co-simulation: the RTL (under Verilator) and the cycle emulator get the same command
 * words at the same cycles and the same back-pressure; after every clock edge every register (and,
 * on small designs, every memory word) of the manifest is compared, and the response words as they
 * leave. At the first difference the run stops, reports cycle, signal, both values, and writes a
 * waveform window from both sides plus a reproducer (docs/cosim.md).
 */
public final class Cosim {
    /**
     * @param cycles clock cycles to compare
     * @param seed stimulus and back-pressure seed
     * @param readyPercent rsp_ready_i high on this share of cycles
     * @param waveDir where a mismatch's waveforms and reproducer go (null: nowhere)
     * @param window cycles of waveform before and after a mismatch
     */
    public record Options(long cycles, long seed, int readyPercent, Path waveDir, int window) {
        public Options {
            if (cycles < 1) throw new IllegalArgumentException("--cycles: must be at least 1");
            if (readyPercent < 1 || readyPercent > 100) throw new IllegalArgumentException("ready percent must be 1..100");
        }
    }

    public record Mismatch(long cycle, String signal, long rtl, long emulator) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "cycle %d: %s: rtl 0x%x, emulator 0x%x", cycle, signal, rtl, emulator);
        }
    }

    /** @param waves the waveform files and reproducer written for the mismatch (empty when none) */
    public record Report(long cyclesCompared, long commandWords, long responseWords, Mismatch mismatch, List<Path> waves) {
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

    /** As above with a given command source (e.g. training commands on real data). */
    public static Report run(Manifest manifest, Layout layout, Supplier<LockstepModel> rtl, Supplier<LockstepModel> emu,
                             Options o, CommandSource stim) throws IOException {
        WatchList watch = new WatchList(manifest, layout);
        List<Long> pushCycles = new ArrayList<>();
        List<int[]> pushes = new ArrayList<>();
        long commandWords = 0;
        long responseWords = 0;
        Mismatch found = null;
        try (LockstepModel a = rtl.get(); LockstepModel b = emu.get()) {
            start(a, b, o);
            long done = 0;
            while (done < o.cycles() && found == null) {
                if (a.pendingIn() < BATCH) {
                    int[] w = stim.next(BATCH);
                    pushCycles.add(done);
                    pushes.add(w);
                    a.push(w);
                    b.push(w);
                    commandWords += w.length;
                }
                int n = (int) Math.min(BATCH, o.cycles() - done);
                a.step(n);
                b.step(n);
                int[][] ra = a.take(n);
                int[][] rb = b.take(n);
                for (int c = 0; c < n && found == null; c++) found = compare(watch, true, done + c + 1, ra[c], rb[c]);
                int[] pa = a.pop();
                int[] pb = b.pop();
                if (found == null) found = compareResponses(pa, pb, done + n, responseWords);
                responseWords += pa.length;
                if (found == null && !watch.memoriesEveryCycle()) {
                    found = compare(watch, false, done + n, a.snapshot(), b.snapshot());
                }
                done += n;
            }
            if (found == null) return new Report(done, commandWords, responseWords, null, List.of());
        }
        List<Path> waves = o.waveDir() == null ? List.of() : replay(rtl, emu, o, pushCycles, pushes, found);
        return new Report(found.cycle(), commandWords, responseWords, found, waves);
    }

    private static void start(LockstepModel a, LockstepModel b, Options o) {
        for (LockstepModel m : List.of(a, b)) {
            m.reset(Manifest.RESET_CYCLES);
            m.backpressure((int) (o.seed() ^ (o.seed() >>> 32)) | 1, o.readyPercent());
            m.record(true);
        }
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

    /** Replays from reset with waveforms on around the mismatch, and leaves a reproducer. */
    private static List<Path> replay(Supplier<LockstepModel> rtl, Supplier<LockstepModel> emu, Options o,
                                     List<Long> pushCycles, List<int[]> pushes, Mismatch m) throws IOException {
        Files.createDirectories(o.waveDir());
        List<Path> out = new ArrayList<>();
        long from = Math.max(0, m.cycle() - o.window());
        long to = m.cycle() + o.window();
        for (Supplier<LockstepModel> s : List.of(rtl, emu)) {
            try (LockstepModel x = s.get()) {
                start(x, x, o);
                x.record(false);
                Path vcd = o.waveDir().resolve(x.side() + ".vcd");
                long done = 0;
                int next = 0;
                boolean tracing = false;
                while (done < to) {
                    while (next < pushCycles.size() && pushCycles.get(next) <= done) x.push(pushes.get(next++));
                    long stop = Math.min(to, next < pushCycles.size() ? pushCycles.get(next) : to);
                    if (!tracing && from < stop) {
                        x.step(from - done);
                        done = from;
                        x.traceOpen(vcd);
                        tracing = true;
                    }
                    x.step(stop - done);
                    done = stop;
                }
                x.traceClose();
                out.add(vcd);
            }
        }
        int[] all = pushes.stream().flatMapToInt(java.util.Arrays::stream).toArray();
        Path cmds = o.waveDir().resolve("commands.hex");
        HexWords.write(cmds, all);
        out.add(cmds);
        Path mismatch = o.waveDir().resolve("mismatch.txt");
        Files.writeString(mismatch, m + "\nwaveforms: cycles " + from + " .. " + to
                + " (VCD time = 2 * cycle + 1 after the edge, cycles counted from the end of reset)\n");
        out.add(mismatch);
        return out;
    }
}
