package org.heterosyn.cosim;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs the two sides' shares of a batch: the RTL's on the calling thread (the Verilator model stays
 * on the thread that made it) and the emulator's on one thread of its own, so that the two models
 * run at once; or both on the calling thread, one after the other. The sides share nothing, so the
 * two orders give the same results.
 */
final class SidePair implements AutoCloseable {
    private final ExecutorService emulatorThread;

    SidePair(boolean twoThreads) {
        this.emulatorThread = twoThreads ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cosim-emulator");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Whether the emulator side runs on a thread of its own. */
    boolean twoThreads() { return emulatorThread != null; }

    /** Both results, the RTL's first; the first failure of either is thrown. */
    <T> Pair<T> run(Callable<T> rtl, Callable<T> emulator) {
        if (emulatorThread == null) return new Pair<>(call(rtl), call(emulator));
        Future<T> other = emulatorThread.submit(emulator);
        T a;
        try {
            a = call(rtl);
        } catch (RuntimeException e) {
            other.cancel(true);
            throw e;
        }
        try {
            return new Pair<>(a, other.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the emulator side ran", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    record Pair<T>(T rtl, T emulator) {}

    private static <T> T call(Callable<T> c) {
        try {
            return c.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (emulatorThread == null) return;
        emulatorThread.shutdownNow();
        try {
            if (!emulatorThread.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the emulator side did not stop within a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
