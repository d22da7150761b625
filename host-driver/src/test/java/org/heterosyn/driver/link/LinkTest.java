package org.heterosyn.driver.link;

import org.heterosyn.data.Dataset;
import org.heterosyn.data.TeacherStudent;
import org.heterosyn.driver.Device;
import org.heterosyn.driver.DeviceEngine;
import org.heterosyn.driver.DeviceException;
import org.heterosyn.driver.Devices;
import org.heterosyn.driver.FastDevice;
import org.heterosyn.learning.FastEngine;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Rule;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class LinkTest {
    private static final DesignSpec SPEC = DesignSpec.tiny().withLayers(List.of(6, 5, 3)).withRule(Rule.KP);

    @Test
    void framesSurviveARoundTripAndCorruptionIsDropped() {
        Frame f = Frame.data(7, new int[] {0xDEADBEEF, 1, -1});
        byte[] bytes = f.encode();
        FrameDecoder d = new FrameDecoder();
        List<Frame> got = d.feed(bytes, bytes.length);
        assertEquals(1, got.size());
        assertArrayEquals(f.words(), got.get(0).words());
        bytes[7] ^= 0x10;
        byte[] two = new byte[2 * bytes.length];
        System.arraycopy(bytes, 0, two, 0, bytes.length);
        System.arraycopy(f.encode(), 0, two, bytes.length, bytes.length);
        got = new FrameDecoder().feed(two, two.length);
        assertEquals(1, got.size(), "the corrupted frame is dropped, the good one behind it kept");
    }

    @Test
    void everyWordArrivesOnceAndInOrderOverALossyLink() throws Exception {
        PipedInputStream aIn = new PipedInputStream(1 << 16);
        PipedInputStream bIn = new PipedInputStream(1 << 16);
        OutputStream aOut = new Lossy(new PipedOutputStream(bIn), 1);
        OutputStream bOut = new Lossy(new PipedOutputStream(aIn), 2);
        try (LinkEndpoint a = new LinkEndpoint("a", aIn, aOut, 30, 50);
             LinkEndpoint b = new LinkEndpoint("b", bIn, bOut, 30, 50)) {
            int n = 20_000;
            int[] words = new int[n];
            for (int i = 0; i < n; i++) words[i] = i * 0x9E3779B9;
            CountDownLatch done = new CountDownLatch(1);
            Thread t = new Thread(() -> LinkEndpointTest.sendAndStay(a, words, done));  // a pipe's writer must outlive its reads
            t.start();
            List<Integer> got = new ArrayList<>();
            while (got.size() < n) {
                int[] w = b.receive(10_000);
                if (w == null) break;
                for (int v : w) got.add(v);
            }
            done.countDown();
            t.join();
            assertEquals(n, got.size());
            for (int i = 0; i < n; i++) assertEquals(words[i], got.get(i), "word " + i);
            assertTrue(a.retransmissions() > 3, "the lossy link should have forced retransmissions");
            assertTrue(b.droppedBytes() > 0, "corrupted frames should have been dropped");
            System.out.printf("lossy link: %d retransmissions, %d + %d bytes dropped%n", a.retransmissions(),
                    a.droppedBytes(), b.droppedBytes());
        }
    }

    @Test
    void trainingOverTcpEqualsTheFastModelAndAWrongDesignIsRefused() throws Exception {
        Dataset data = TeacherStudent.generate(6, 4, 3, 100, 10, 0.1, 4);
        try (FastDevice board = new FastDevice("fast", SPEC); LinkServer server = new LinkServer(board, 0, 200)) {
            Thread t = new Thread(server::serve);
            t.setDaemon(true);
            t.start();
            FastEngine direct = new FastEngine(SPEC);
            try (Device dev = Devices.open("tcp:127.0.0.1:" + server.port(), SPEC)) {
                DeviceEngine remote = new DeviceEngine(dev);
                for (int s = 0; s < 100; s++) {
                    assertEquals(direct.train(data.trainX().get(s), data.trainY()[s]), remote.train(data.trainX().get(s), data.trainY()[s]), 0.0);
                }
                assertArrayEquals(direct.weightsDigest(), remote.weightsDigest());
            }
            DeviceException e = assertThrows(DeviceException.class,
                    () -> Devices.open("tcp:127.0.0.1:" + server.port(), SPEC.withSeed(99)));
            assertTrue(e.getMessage().contains("design id"), e.getMessage());
        }
    }

    /** Drops about 1 in 20 writes and flips a bit in another 1 in 20. */
    private static final class Lossy extends FilterOutputStream {
        private final SplittableRandom rng;

        Lossy(OutputStream out, long seed) {
            super(out);
            rng = new SplittableRandom(seed);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int r = rng.nextInt(20);
            if (r == 0) return;
            byte[] copy = java.util.Arrays.copyOfRange(b, off, off + len);
            if (r == 1) copy[rng.nextInt(len)] ^= (byte) (1 << rng.nextInt(8));
            out.write(copy);
        }
    }
}
