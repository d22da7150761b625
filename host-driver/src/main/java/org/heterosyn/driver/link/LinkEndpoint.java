package org.heterosyn.driver.link;

import org.heterosyn.driver.DeviceException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One end of the board link (docs/link.md): words go out in DATA frames, each sent again until its
 * ACK arrives (stop and wait, up to {@code retries} times); DATA frames that arrive are acknowledged,
 * delivered once in order, and their duplicates (a lost ACK) acknowledged again but not delivered.
 * A reader thread does all receiving, so ACKs flow while the owner is busy sending.
 */
public final class LinkEndpoint implements AutoCloseable {
    private final String name;
    private final InputStream in;
    private final OutputStream out;
    private final long ackTimeoutMillis;
    private final int retries;
    private final BlockingQueue<int[]> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> acks = new LinkedBlockingQueue<>();
    private final FrameDecoder decoder = new FrameDecoder();
    private final Thread reader;
    private final AtomicLong retransmissions = new AtomicLong();
    private volatile IOException failure;
    private volatile boolean closed;
    private int txSeq;
    private int rxExpected;

    public LinkEndpoint(String name, InputStream in, OutputStream out, long ackTimeoutMillis, int retries) {
        this.name = name;
        this.in = in;
        this.out = out;
        this.ackTimeoutMillis = ackTimeoutMillis;
        this.retries = retries;
        this.reader = new Thread(this::readLoop, "heterosyn-link-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends words in as many DATA frames as they need; returns when every frame is acknowledged. */
    public void send(int[] words) {
        for (int at = 0; at < words.length; at += Frame.MAX_WORDS) {
            int n = Math.min(Frame.MAX_WORDS, words.length - at);
            int[] part = new int[n];
            System.arraycopy(words, at, part, 0, n);
            sendFrame(new Frame(Frame.DATA, txSeq, part));
            txSeq = (txSeq + 1) & 0xFF;
        }
    }

    private void sendFrame(Frame f) {
        byte[] bytes = f.encode();
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) retransmissions.incrementAndGet();
            write(bytes);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ackTimeoutMillis);
            try {
                long left;
                while ((left = deadline - System.nanoTime()) > 0) {
                    Integer seq = acks.poll(left, TimeUnit.NANOSECONDS);
                    if (seq == null) break;
                    if (seq == f.seq()) return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeviceException(name + ": interrupted while waiting for an acknowledgement", e);
            }
            checkAlive();
        }
        throw new DeviceException(name + ": frame " + f.seq() + " not acknowledged after " + (retries + 1) + " tries ("
                + ackTimeoutMillis + " ms each); is the board connected and running the heterosyn bitstream?");
    }

    /** The next delivered DATA payload, or null after {@code timeoutMillis} without one. */
    public int[] receive(long timeoutMillis) {
        try {
            int[] w = received.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (w == null) checkAlive();
            return w;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException(name + ": interrupted", e);
        }
    }

    public long retransmissions() { return retransmissions.get(); }

    public long droppedBytes() { return decoder.droppedBytes(); }

    private void checkAlive() {
        if (failure != null) throw new DeviceException(name + ": link failed: " + failure.getMessage(), failure);
    }

    private void readLoop() {
        byte[] buf = new byte[4096];
        try {
            int n;
            while (!closed && (n = in.read(buf)) >= 0) {
                for (Frame f : decoder.feed(buf, n)) {
                    if (f.type() == Frame.ACK) {
                        acks.add(f.seq());
                    } else if (f.seq() == rxExpected) {
                        // Acknowledge before delivering: once the owner sees the words it may hang up.
                        write(Frame.ack(f.seq()).encode());
                        rxExpected = (rxExpected + 1) & 0xFF;
                        received.add(f.words());
                    } else if (f.seq() == ((rxExpected - 1) & 0xFF)) {
                        write(Frame.ack(f.seq()).encode());
                    }
                }
            }
            if (!closed) failure = new IOException("the other end closed the link");
        } catch (IOException e) {
            if (!closed) failure = e;
        }
    }

    private void write(byte[] bytes) {
        synchronized (out) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new DeviceException(name + ": cannot write to the link: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
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
