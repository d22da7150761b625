package org.heterosyn.driver.verilator;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.heterosyn.emulator.ClockedModel;
import org.heterosyn.emulator.StateDigest;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Verilated model behind the shim, a {@link ClockedModel} as the cycle emulator is. Words are
 * pushed and popped in bulk and the clock loop runs natively, so a batch costs a handful of JNA
 * calls whatever its length. Not thread-safe.
 */
public final class VerilatorModel implements ClockedModel {
    /** RTLD_LAZY without RTLD_GLOBAL: two designs' libraries define the same C++ symbols. */
    private static final int RTLD_LAZY_LOCAL = 1;
    private static final Map<Path, ShimLibrary> LOADED = new ConcurrentHashMap<>();
    private static final int RECORDED = 0;
    private static final int SNAPSHOT = 1;

    private final ShimLibrary lib;
    private Pointer handle;
    private int[] popBuffer = new int[1024];
    /** Words each group's digest keys were given for (-1: none yet). */
    private final int[] keyed = {-1, -1};

    public VerilatorModel(Path library) {
        this.lib = LOADED.computeIfAbsent(library.toAbsolutePath(), p -> {
            try {
                return Native.load(p.toString(), ShimLibrary.class, Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY_LOCAL));
            } catch (UnsatisfiedLinkError e) {
                throw new VerilatorException("cannot load " + p + ": " + e.getMessage(), e);
            }
        });
        this.handle = lib.hs_open();
    }

    @Override
    public void reset(int cycles) { lib.hs_reset(live(), cycles); }

    @Override
    public void push(int[] words) {
        if (words.length > 0) lib.hs_push(live(), words, words.length);
    }

    @Override
    public int[] pop() {
        int n = lib.hs_pending_out(live());
        if (n > popBuffer.length) popBuffer = new int[Math.max(n, 2 * popBuffer.length)];
        int got = lib.hs_pop(handle, popBuffer, n);
        return Arrays.copyOf(popBuffer, got);
    }

    @Override
    public int pendingIn() { return lib.hs_pending_in(live()); }

    @Override
    public int pendingOut() { return lib.hs_pending_out(live()); }

    @Override
    public void step(long cycles) { lib.hs_step(live(), cycles); }

    @Override
    public long runUntil(long want, long max) { return lib.hs_run(live(), want, max); }

    @Override
    public long cycle() { return lib.hs_cycle(live()); }

    @Override
    public void backpressure(int seed, int percent) { lib.hs_backpressure(live(), seed, percent); }

    /**
     * Watches a variable; needs a library built with public state ({@link VerilatorBuild.Variant#COSIM}).
     * {@code everyCycle} variables are recorded after every clock edge (registers); the others only
     * appear in {@link #snapshot()} (large memories). Returns the variable's word offset in its group.
     */
    public int watch(String scope, String var, boolean everyCycle) {
        int at = lib.hs_watch(live(), scope, var, everyCycle ? RECORDED : SNAPSHOT);
        if (at == -1) throw new VerilatorException("no variable " + scope + "." + var + " in the model (is it built for co-simulation?)");
        if (at < 0) throw new VerilatorException(scope + "." + var + " has more than one unpacked dimension");
        return at;
    }

    /** Words of one sample of the every-cycle group. */
    public int watchWords() { return lib.hs_watch_words(live(), RECORDED); }

    /** The every-cycle group as it is now. */
    public int[] sample() { return group(RECORDED); }

    /** The snapshot group as it is now. */
    public int[] snapshot() { return group(SNAPSHOT); }

    private int[] group(int g) {
        int[] s = new int[lib.hs_watch_words(live(), g)];
        lib.hs_sample(handle, g, s);
        return s;
    }

    @Override
    public void record(boolean on) { lib.hs_record(live(), on ? 1 : 0); }

    @Override
    public int[][] take(int maxCycles) {
        int w = watchWords();
        if (w == 0) return new int[0][];
        int[] flat = new int[w * maxCycles];
        int n = lib.hs_take(handle, flat, maxCycles);
        int[][] rows = new int[n][];
        for (int c = 0; c < n; c++) rows[c] = Arrays.copyOfRange(flat, c * w, (c + 1) * w);
        return rows;
    }

    /**
     * While on, every cycle appends the {@link StateDigest} of the every-cycle group, computed in the
     * shim after the clock edge (no JNA call per cycle). Watch every variable first.
     */
    public void digests(boolean on) {
        if (on) keys(RECORDED);
        if (lib.hs_digests(live(), on ? 1 : 0) == 0) throw new IllegalStateException("digests need the every-cycle group's keys");
    }

    /** Digests of the cycles since the last call, oldest first; at most {@code maxCycles} of them. */
    public long[] takeDigests(int maxCycles) {
        long[] d = new long[maxCycles];
        return Arrays.copyOf(d, lib.hs_take_digests(live(), d, maxCycles));
    }

    /** The {@link StateDigest} of {@link #snapshot()} as it is now, computed in the shim. */
    public long snapshotDigest() {
        keys(SNAPSHOT);
        return lib.hs_digest(live(), SNAPSHOT);
    }

    /** Gives the shim a group's StateDigest keys, once per group (again if a watch was added since). */
    private void keys(int group) {
        int words = lib.hs_watch_words(live(), group);
        if (keyed[group] == words) return;
        if (lib.hs_digest_keys(handle, group, StateDigest.keys(words), words) == 0) {
            throw new IllegalStateException("the shim refused " + words + " digest keys for group " + group);
        }
        keyed[group] = words;
    }

    @Override
    public void traceOpen(Path vcd) {
        if (lib.hs_trace_open(live(), vcd.toAbsolutePath().toString()) == 0) {
            throw new VerilatorException("cannot open waveform file " + vcd);
        }
    }

    @Override
    public void traceClose() { lib.hs_trace_close(live()); }

    private Pointer live() {
        if (handle == null) throw new IllegalStateException("model closed");
        return handle;
    }

    @Override
    public void close() {
        if (handle != null) {
            lib.hs_close(handle);
            handle = null;
        }
    }
}
