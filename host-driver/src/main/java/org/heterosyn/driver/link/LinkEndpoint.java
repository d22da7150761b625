package org.heterosyn.driver.link;

import org.heterosyn.driver.DeviceException;
import org.heterosyn.link.LinkFrame;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One end of the board link, version 2 (docs/link.md): words go out in DATA frames through a
 * {@link SendWindow} (window, credit, go-back-N), words come in through a {@link ReceiveBuffer}
 * (bounded; its free space is the credit granted). Two threads do the I/O: a reader that only
 * decodes and updates state (it never writes, so it can never block behind a full output while the
 * peer waits for it to read), and a writer that sends ACKs and retransmissions, and new frames when
 * the owner could not write them itself. All state is guarded by one lock with two conditions, so an
 * event wakes only the threads it concerns: the owner (words, room, failure) or the writer (something
 * to write, a timer to start).
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
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ownerEvent = lock.newCondition();
    private final Condition writerEvent = lock.newCondition();
    private volatile long lastFrameNanos = System.nanoTime();
    private DeviceException failure;
    private boolean closed;
    private int ownersWaiting;

    /**
     * @param timeoutMillis how long the oldest unacknowledged frame waits before go-back-N
     * @param retries       go-back-N rounds in a row without any ACK before the link is declared dead
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

    /**
     * Runs {@code body} holding the endpoint's lock, so a caller that offers and then polls cannot
     * miss an ACK that arrives between the two (the poll's wait sees it).
     */
    public <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    /** Queues as many of words[from ..] as window and credit allow, without waiting; returns the new {@code from}. */
    public int offer(int[] words, int from) {
        return locked(() -> {
            check();
            long now = System.nanoTime();
            boolean wasEmpty = window.isEmpty();
            int at = from;
            int n;
            while (at < words.length && (n = window.add(words, at, now, timeoutNanos)) > 0) at += n;
            if (at != from) {
                writeNow();
                // The writer times go-back-N: wake it when a timer starts or when it must write what the owner could not.
                if (wasEmpty || window.hasUnwritten()) writerEvent.signal();
            }
            return at;
        });
    }

    /**
     * Writes what is due from the calling thread when no other thread is writing (one thread handoff
     * less per window than leaving it to the writer); when one is, the writer thread does it. Called with
     * the lock held: tryLock never waits, so the lock order writeLock -> lock of the writer cannot
     * deadlock with it, and the window bounds what a write can block on.
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
    public void send(int[] words) {
        locked(() -> {
            int at = 0;
            while ((at = offer(words, at)) < words.length) awaitEvent(timeoutNanos);
            return null;
        });
    }

    /** Waits until every queued frame is acknowledged. */
    public void flush() {
        locked(() -> {
            while (!window.isEmpty()) {
                check();
                awaitEvent(timeoutNanos);
            }
            check();
            return null;
        });
    }

    /**
     * The words delivered so far, waiting up to {@code timeoutMillis} for at least one or for any
     * other event (an ACK); an empty array when none came. Throws once the link has failed and every
     * word that arrived before has been taken. Callers that offer and then poll hold the lock across
     * both ({@link #locked}), so an ACK between the two wakes the poll.
     */
    public int[] poll(long timeoutMillis) {
        return locked(() -> {
            if (rx.buffered() == 0) {
                check();
                awaitEvent(TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
                if (rx.buffered() == 0) check();
            }
            int[] w = rx.takeAll();
            if (rx.ackDue()) writeDueAck();  // the room just freed may be a window update
            return w;
        });
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

    /** Waits for an owner event; an ACK due meanwhile is written by the owner itself when it can. */
    private void awaitEvent(long nanos) {
        ownersWaiting++;
        try {
            ownerEvent.awaitNanos(Math.max(1, nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException(name + ": interrupted", e);
        } finally {
            ownersWaiting--;
        }
        if (rx.ackDue()) writeDueAck();
    }

    /** Writes a due ACK from the owner's thread, or leaves it to the writer thread when a write is in progress. */
    private void writeDueAck() {
        writeNow();
        if (rx.ackDue() || window.hasUnwritten()) writerEvent.signal();
    }

    private void check() {
        if (failure != null) throw failure;
        if (closed) throw new DeviceException(name + ": the link is closed");
    }

    private void fail(String why, Throwable cause) {
        lock.lock();
        try {
            if (failure == null && !closed) failure = new DeviceException(name + ": " + why, cause);
            wakeAll();
        } finally {
            lock.unlock();
        }
    }

    private void wakeAll() {
        ownerEvent.signalAll();
        writerEvent.signalAll();
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

    private void take(byte[] buf, int n) {
        lock.lock();
        try {
            List<Frame> frames = decoder.feed(buf, n);
            if (frames.isEmpty()) return;
            long now = System.nanoTime();
            for (Frame f : frames) {
                if (f.isData()) rx.onData(f);
                else window.ack(f.seq(), f.credit(), now);
            }
            lastFrameNanos = now;
            ownerEvent.signalAll();
            // A waiting owner writes the due ACK when it wakes (one thread fewer); with none waiting the writer must.
            if (rx.ackDue() && ownersWaiting == 0) writerEvent.signal();
        } finally {
            lock.unlock();
        }
    }

    private void writeLoop() {
        try {
            while (awaitWrites()) {
                writeLock.lock();
                try {
                    writeAll(locked(this::dueWrites));  // empty when the owner wrote it meanwhile
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
    private boolean awaitWrites() {
        lock.lock();
        try {
            while (failure == null && !closed) {
                long now = System.nanoTime();
                long deadline = window.deadline(timeoutNanos);
                if (now >= deadline) goBack(now);
                if (rx.ackDue() || window.hasUnwritten()) return true;
                // Bounded even with nothing outstanding, so an ACK an owner left due when it stopped waiting is never stranded.
                writerEvent.awaitNanos(deadline == Long.MAX_VALUE ? timeoutNanos : deadline - now);
            }
            return false;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
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
    public long retransmissions() { return locked(() -> window.retransmissions()); }

    /** Frames sent without credit after waiting a timeout for a window update. */
    public long probes() { return locked(() -> window.probes()); }

    public long droppedBytes() { return locked(() -> decoder.droppedBytes()); }

    public long badHeaders() { return locked(() -> decoder.badHeaders()); }

    public long badFrames() { return locked(() -> decoder.badFrames()); }

    /** Good DATA frames not delivered: duplicates, out of order, or no room. */
    public long undelivered() { return locked(() -> rx.duplicates() + rx.noRoom()); }

    /** Frames outstanding and words outstanding, for tests of the window rules. */
    int framesOutstanding() { return locked(() -> window.frames()); }

    int wordsOutstanding() { return locked(() -> window.outstandingWords()); }

    int creditWords() { return locked(() -> window.creditWords()); }

    long acksReceived() { return locked(() -> window.acks()); }

    /** When the last good frame arrived (System.nanoTime). */
    public long lastFrameNanos() { return lastFrameNanos; }

    /** A one-line account of what the link survived, for reports. */
    public String summary() {
        return locked(() -> String.format("%d frames sent again, %d probes, %d bad headers, %d bad frames, %d bytes dropped, %d frames not delivered",
                window.retransmissions(), window.probes(), decoder.badHeaders(), decoder.badFrames(), decoder.droppedBytes(),
                rx.duplicates() + rx.noRoom()));
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            wakeAll();
        } finally {
            lock.unlock();
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
