package org.heterosyn.driver.link;

import org.heterosyn.driver.DeviceException;
import org.heterosyn.link.LinkFrame;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One end of the board link, version 2 (docs/link.md): words go out in DATA frames through a
 * {@link SendWindow} (window, credit, go-back-N), words come in through a {@link ReceiveBuffer}
 * (bounded; its free space is the credit granted). Two threads do the I/O: a reader that only
 * decodes and updates state (it never writes, so it can never block behind a full output while the
 * peer waits for it to read), and a writer that sends ACKs and retransmissions, and new frames when
 * the owner could not write them itself. All state is guarded by this object's monitor.
 */
public final class LinkEndpoint implements AutoCloseable {
    /** The host's receive buffer; its credit saturates at 1020 words anyway, the rest rides out a slow owner. */
    public static final int HOST_RX_WORDS = 1 << 16;

    private final String name;
    private final InputStream in;
    private final OutputStream out;
    private final long timeoutNanos;
    private final int retries;
    private final SendWindow window = new SendWindow();
    private final ReceiveBuffer rx;
    private final FrameDecoder decoder = new FrameDecoder();
    /** Held while writing, so frames from the owner and the writer thread never interleave. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile long lastFrameNanos = System.nanoTime();
    private DeviceException failure;
    private boolean closed;

    /**
     * @param timeoutMillis how long the oldest unacknowledged frame waits before go-back-N
     * @param retries       go-back-N rounds without progress before the link is declared dead
     * @param rxWords       the receive buffer (the board's is {@link LinkFrame#BOARD_RX_WORDS})
     */
    public LinkEndpoint(String name, InputStream in, OutputStream out, long timeoutMillis, int retries, int rxWords) {
        this.name = name;
        this.in = in;
        this.out = out;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.retries = retries;
        this.rx = new ReceiveBuffer(rxWords);
        start(this::readLoop, "reader");
        start(this::writeLoop, "writer");
    }

    public LinkEndpoint(String name, InputStream in, OutputStream out, long timeoutMillis, int retries) {
        this(name, in, out, timeoutMillis, retries, HOST_RX_WORDS);
    }

    private void start(Runnable r, String role) {
        Thread t = new Thread(r, "heterosyn-link-" + role + "-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** Queues as many of words[from ..] as window and credit allow, without waiting; returns the new {@code from}. */
    public synchronized int offer(int[] words, int from) {
        check();
        long now = System.nanoTime();
        int at = from;
        int n;
        while (at < words.length && (n = window.add(words, at, now, timeoutNanos)) > 0) at += n;
        if (at != from) {
            writeNow();
            notifyAll();  // the writer thread times go-back-N from the frames just queued, written or not
        }
        return at;
    }

    /**
     * Writes what is due from the calling thread when no other thread is writing (one thread handoff
     * less per window than leaving it to the writer); when one is, the writer thread does it. Called with
     * the monitor held: tryLock never waits, so the lock order writeLock -> monitor of the writer
     * cannot deadlock with it, and the window bounds what a write can block on.
     */
    private void writeNow() {
        if (!writeLock.tryLock()) return;
        try {
            writeAll(dueWrites());
        } catch (IOException e) {
            fail("cannot write to the link: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    private void writeAll(List<byte[]> batch) throws IOException {
        if (batch.isEmpty()) return;
        for (byte[] b : batch) out.write(b);
        out.flush();
    }

    /** Queues all words, waiting for window and credit; returns once the last frame is queued (not yet acknowledged). */
    public synchronized void send(int[] words) {
        int at = 0;
        // Offer and wait under one hold of the monitor, so an ACK cannot slip in between and go unseen.
        while ((at = offer(words, at)) < words.length) awaitEvent(timeoutNanos);
    }

    /** Waits until every queued frame is acknowledged. */
    public synchronized void flush() {
        while (!window.isEmpty()) {
            check();
            awaitEvent(timeoutNanos);
        }
        check();
    }

    /**
     * The words delivered so far, waiting up to {@code timeoutMillis} for at least one or for any
     * other event (an ACK); an empty array when none came. Throws once the link has failed and every
     * word that arrived before has been taken. Callers that offer and then poll hold the endpoint's
     * monitor across both (synchronized on it), so an ACK between the two wakes the poll.
     */
    public synchronized int[] poll(long timeoutMillis) {
        if (rx.buffered() == 0) {
            check();
            awaitEvent(TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
            if (rx.buffered() == 0) check();
        }
        int[] w = rx.takeAll();
        if (rx.ackDue()) notifyAll();
        return w;
    }

    /** The next delivered words, or null after {@code timeoutMillis} without any. */
    public int[] receive(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            int[] w = poll(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            if (w.length > 0) return w;
        }
        return null;
    }

    private void awaitEvent(long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException(name + ": interrupted", e);
        }
    }

    private void check() {
        if (failure != null) throw failure;
        if (closed) throw new DeviceException(name + ": the link is closed");
    }

    private synchronized void fail(String why, Throwable cause) {
        if (failure == null && !closed) failure = new DeviceException(name + ": " + why, cause);
        notifyAll();
    }

    private void readLoop() {
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0) take(buf, n);
            }
            String said = decoder.skippedText();
            fail("the far end closed the link" + (said.isEmpty() ? "" : " (it said: \"" + said + "\")"), null);
        } catch (IOException e) {
            fail("link failed: " + e.getMessage(), e);
        }
    }

    private synchronized void take(byte[] buf, int n) {
        List<Frame> frames = decoder.feed(buf, n);
        if (frames.isEmpty()) return;
        long now = System.nanoTime();
        for (Frame f : frames) {
            if (f.isData()) rx.onData(f);
            else window.ack(f.seq(), f.credit(), now);
        }
        lastFrameNanos = now;
        notifyAll();
    }

    private void writeLoop() {
        try {
            while (awaitWrites()) {
                writeLock.lock();
                try {
                    List<byte[]> batch;
                    synchronized (this) {
                        batch = dueWrites();
                    }
                    writeAll(batch);  // empty when the owner wrote it meanwhile
                } finally {
                    writeLock.unlock();
                }
            }
        } catch (IOException e) {
            fail("cannot write to the link: " + e.getMessage(), e);
        } catch (DeviceException e) {
            // awaitWrites declared the link dead; fail() has recorded why.
        }
    }

    /** Waits for something to write (an ACK due, new frames, a timeout's go-back-N); false once the link is over. */
    private synchronized boolean awaitWrites() {
        while (failure == null && !closed) {
            long now = System.nanoTime();
            long deadline = window.deadline(timeoutNanos);
            if (now >= deadline) goBack(now);
            if (rx.ackDue() || window.hasUnwritten()) return true;
            try {
                if (deadline == Long.MAX_VALUE) wait();
                else TimeUnit.NANOSECONDS.timedWait(this, deadline - now);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return false;
    }

    /** The ACK if one is due, then the frames not yet written, in order; marks them written. */
    private List<byte[]> dueWrites() {
        List<byte[]> batch = new ArrayList<>();
        if (rx.ackDue()) batch.add(rx.ack().encode());
        batch.addAll(window.takeUnwritten());
        return batch;
    }

    private void goBack(long now) {
        if (window.rounds() >= retries) {
            fail(String.format("%d frames not acknowledged and no ACK in %d rounds of %d ms; is the far end connected and running "
                    + "the heterosyn bitstream?", window.frames(), retries, TimeUnit.NANOSECONDS.toMillis(timeoutNanos)), null);
            throw failure;
        }
        window.goBack(now);
    }

    public long timeoutMillis() { return TimeUnit.NANOSECONDS.toMillis(timeoutNanos); }

    /** DATA frames sent again by go-back-N. */
    public synchronized long retransmissions() { return window.retransmissions(); }

    /** Frames sent without credit after waiting a timeout for a window update. */
    public synchronized long probes() { return window.probes(); }

    public synchronized long droppedBytes() { return decoder.droppedBytes(); }

    public synchronized long badHeaders() { return decoder.badHeaders(); }

    public synchronized long badFrames() { return decoder.badFrames(); }

    /** Good DATA frames not delivered: duplicates, out of order, or no room. */
    public synchronized long undelivered() { return rx.duplicates() + rx.noRoom(); }

    /** Frames outstanding and words outstanding, for tests of the window rules. */
    synchronized int framesOutstanding() { return window.frames(); }

    synchronized int wordsOutstanding() { return window.outstandingWords(); }

    synchronized int creditWords() { return window.creditWords(); }

    synchronized long acksReceived() { return window.acks(); }

    /** When the last good frame arrived (System.nanoTime). */
    public long lastFrameNanos() { return lastFrameNanos; }

    /** A one-line account of what the link survived, for reports. */
    public synchronized String summary() {
        return String.format("%d frames sent again, %d probes, %d bad headers, %d bad frames, %d bytes dropped, %d frames not delivered",
                window.retransmissions(), window.probes(), decoder.badHeaders(), decoder.badFrames(), decoder.droppedBytes(),
                rx.duplicates() + rx.noRoom());
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // Closing is best effort: the reader thread ends either way.
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // As above.
        }
    }
}
