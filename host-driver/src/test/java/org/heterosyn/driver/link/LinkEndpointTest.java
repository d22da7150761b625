package org.heterosyn.driver.link;

import org.heterosyn.link.LinkFrame;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class LinkEndpointTest {
    private static int[] pattern(int n, int salt) {
        int[] w = new int[n];
        for (int i = 0; i < n; i++) w[i] = (i + salt) * 0x9E3779B9;
        return w;
    }

    /** Reads until n words arrived; the link must deliver every word once and in order. */
    private static int[] receiveAll(LinkEndpoint e, int n) {
        int[] got = new int[n];
        int size = 0;
        while (size < n) {
            int[] w = e.receive(20_000);
            if (w == null) throw new AssertionError("stalled after " + size + " of " + n + " words");
            if (size + w.length > n) throw new AssertionError("more words than were sent: " + (size + w.length));
            System.arraycopy(w, 0, got, size, w.length);
            size += w.length;
        }
        return got;
    }

    static void sendAndStay(LinkEndpoint e, int[] words, CountDownLatch done) {
        e.send(words);
        stay(done);
    }

    private static void stay(CountDownLatch done) {
        try {
            done.await();
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void everyWordIsDeliveredOnceInOrderThroughBitFlipsDropsAndDuplicates() {
        long seed = System.nanoTime();
        System.out.println("LinkEndpointTest noisy line seed " + seed);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            PipedInputStream aIn = new PipedInputStream(1 << 16);
            PipedInputStream bIn = new PipedInputStream(1 << 16);
            Faulty aOut = new Faulty(new PipedOutputStream(bIn), 1e-3, seed);
            Faulty bOut = new Faulty(new PipedOutputStream(aIn), 1e-3, seed + 1);
            int n = 100_000;
            int[] ab = pattern(n, 1);
            int[] ba = pattern(n, 7);
            try (LinkEndpoint a = new LinkEndpoint("a", aIn, aOut, 50, 50);
                 LinkEndpoint b = new LinkEndpoint("b", bIn, bOut, 50, 50, LinkFrame.BOARD_RX_WORDS)) {
                // Each end sends and receives at once: with bounded buffers a sender that never reads can wedge its peer.
                AtomicReference<int[]> atA = new AtomicReference<>();
                // Every thread stays alive to the end: a PipedInputStream fails ("write end dead") once the thread that
                // wrote last has ended, and owners write their frames and ACKs themselves.
                CountDownLatch received = new CountDownLatch(1);
                CountDownLatch done = new CountDownLatch(1);
                List<Thread> threads = List.of(new Thread(() -> sendAndStay(a, ab, done)), new Thread(() -> sendAndStay(b, ba, done)),
                        new Thread(() -> {
                            try {
                                atA.set(receiveAll(a, n));
                            } finally {
                                received.countDown();
                            }
                            stay(done);
                        }));
                threads.forEach(t -> {
                    t.setDaemon(true);
                    t.start();
                });
                try {
                    assertArrayEquals(ab, receiveAll(b, n), "a -> b");
                    received.await();
                } finally {
                    done.countDown();
                }
                assertArrayEquals(ba, atA.get(), "b -> a");
                long faults = aOut.flips + aOut.drops + aOut.duplicates + bOut.flips + bOut.drops + bOut.duplicates;
                System.out.printf("noisy line: %d faults injected (%d flips, %d drops, %d duplicates); a: %s; b: %s%n", faults,
                        aOut.flips + bOut.flips, aOut.drops + bOut.drops, aOut.duplicates + bOut.duplicates, a.summary(), b.summary());
                assertTrue(faults > 100, "the line should have been noisy: " + faults);
                assertTrue(a.retransmissions() + b.retransmissions() > 0);
            }
        });
    }

    @Test
    void aCorruptedLengthByteIsRecoveredWithinOneRetransmission() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            PipedInputStream aIn = new PipedInputStream(1 << 16);
            PipedInputStream bIn = new PipedInputStream(1 << 16);
            OutputStream aOut = new CorruptFirstLength(new PipedOutputStream(bIn));
            OutputStream bOut = new PipedOutputStream(aIn);
            try (LinkEndpoint a = new LinkEndpoint("a", aIn, aOut, 300, LinkFrame.RETRY_ROUNDS);
                 LinkEndpoint b = new LinkEndpoint("b", bIn, bOut, 300, LinkFrame.RETRY_ROUNDS)) {
                int[] words = pattern(1, 3);
                a.send(words);
                assertArrayEquals(words, receiveAll(b, 1));
                a.flush();
                assertEquals(1, a.retransmissions(), "one go-back-N round resends the one frame");
                assertEquals(1, b.badHeaders());
                assertEquals(0, b.undelivered(), "the first retransmission was delivered, no second round came");
            }
        });
    }

    @Test
    void neverMoreThanTheWindowOrTheCreditIsOutstanding() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            PipedInputStream aIn = new PipedInputStream(1 << 16);
            PipedInputStream wire = new PipedInputStream(1 << 16);
            PipedOutputStream peer = new PipedOutputStream(aIn);
            PipedOutputStream aOut = new PipedOutputStream(wire);
            // A long timeout: nothing is sent again while the test looks.
            try (LinkEndpoint a = new LinkEndpoint("a", aIn, aOut, 60_000, 1)) {
                int[] words = pattern(10_000, 5);
                assertEquals(LinkFrame.MAX_WORDS, a.offer(words, 0), "before any ACK: one frame's worth of credit");
                ack(peer, a, 0, LinkFrame.MAX_CREDIT);
                int at = a.offer(words, LinkFrame.MAX_WORDS);
                assertEquals(LinkFrame.WINDOW, a.framesOutstanding(), "the window is full");
                assertEquals(LinkFrame.WINDOW * LinkFrame.MAX_WORDS, at);
                List<Frame> sent = readFrames(wire, LinkFrame.WINDOW);
                for (int i = 0; i < sent.size(); i++) assertEquals(i, sent.get(i).seq());
                ack(peer, a, 3, 5);
                assertEquals(at, a.offer(words, at), "5 frames (320 words) outstanding exceed a credit of 20 words");
                ack(peer, a, 8, 5);
                at = a.offer(words, at) - at;
                assertEquals(5 * LinkFrame.CREDIT_UNIT_WORDS, at, "credit 5 allows 20 words");
                assertEquals(20, readFrames(wire, 1).get(0).words().length);
                ack(peer, a, 9, 0);
                assertEquals(0, a.framesOutstanding());
                assertEquals(100, a.offer(words, 100), "no credit, nothing outstanding: wait (a probe only after the timeout)");
            }
        });
    }

    private static void ack(OutputStream peer, LinkEndpoint a, int seq, int credit) throws IOException, InterruptedException {
        long before = a.acksReceived();
        peer.write(Frame.ack(seq, credit).encode());
        peer.flush();
        // The endpoint's reader applies the ACK on its own thread; wait until it has (bounded by the test's timeout).
        while (a.acksReceived() == before) Thread.sleep(1);
    }

    private static List<Frame> readFrames(InputStream wire, int n) throws IOException {
        FrameDecoder d = new FrameDecoder();
        List<Frame> out = new ArrayList<>();
        while (out.size() < n) {
            int b = wire.read();
            if (b < 0) throw new AssertionError("wire closed");
            Frame f = d.step(b);
            if (f != null) out.add(f);
        }
        return out;
    }

    /** Sets the length byte of the first DATA frame to 129 (from 1), as a line hit would. */
    private static final class CorruptFirstLength extends FilterOutputStream {
        private boolean done;

        CorruptFirstLength(OutputStream out) { super(out); }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            byte[] c = java.util.Arrays.copyOfRange(b, off, off + len);
            if (!done && len > 3 && c[1] == LinkFrame.DATA) {
                c[3] = (byte) 129;
                done = true;
            }
            out.write(c);
        }
    }
}
