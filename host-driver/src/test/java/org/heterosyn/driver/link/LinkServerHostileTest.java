package org.heterosyn.driver.link;

import org.heterosyn.data.Dataset;
import org.heterosyn.data.TeacherStudent;
import org.heterosyn.driver.Device;
import org.heterosyn.driver.DeviceEngine;
import org.heterosyn.driver.DeviceException;
import org.heterosyn.driver.Devices;
import org.heterosyn.driver.FastDevice;
import org.heterosyn.learning.FastEngine;
import org.heterosyn.link.LinkFrame;
import org.heterosyn.protocol.Command;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Rule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `heterosyn serve` against hostile clients (issue 10): after each attack a correct client trains
 * and ends with the fast model's weights, so no attack left the server wedged or its device changed.
 */
@Tag("unit")
class LinkServerHostileTest {
    private static final DesignSpec SPEC = DesignSpec.tiny().withLayers(List.of(6, 5, 3)).withRule(Rule.KP);
    private static final int SAMPLES = 200;
    private static final long IDLE_MILLIS = 400;
    private static Dataset data;
    private static byte[] fastDigest;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private FastDevice board;
    private LinkServer server;
    private long seed;

    @BeforeAll
    static void reference() {
        data = TeacherStudent.generate(6, 4, 3, SAMPLES, 10, 0.1, 4);
        FastEngine direct = new FastEngine(SPEC);
        for (int s = 0; s < SAMPLES; s++) direct.train(data.trainX().get(s), data.trainY()[s]);
        fastDigest = direct.weightsDigest();
    }

    @BeforeEach
    void start() throws IOException {
        seed = System.nanoTime();
        System.out.println(getClass().getSimpleName() + " seed " + seed);
        board = new FastDevice("fast", SPEC);
        startServer();
    }

    private void startServer() throws IOException {
        startServer(IDLE_MILLIS);
    }

    private void startServer(long idleMillis) throws IOException {
        server = new LinkServer(board, 0, 200, idleMillis, log::add);
        Thread t = new Thread(server::serve, "test-serve");
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private static void bounded(Executable e) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), e);
    }

    /** The proof after every attack: a correct client trains and gets the fast model's weights. */
    private void aCorrectClientTrainsLikeFast() throws InterruptedException {
        try (Device dev = openWhenFree()) {
            DeviceEngine remote = new DeviceEngine(dev);
            for (int s = 0; s < SAMPLES; s++) remote.train(data.trainX().get(s), data.trainY()[s]);
            assertArrayEquals(fastDigest, remote.weightsDigest(), "weights after training over the link; server log: " + log);
        }
    }

    /** Opens a device, trying again while the server answers busy (the attacker's session is ending; the test's timeout bounds it). */
    private Device openWhenFree() throws InterruptedException {
        while (true) {
            try {
                return Devices.open("tcp:127.0.0.1:" + server.port(), SPEC);
            } catch (DeviceException e) {
                if (!e.getMessage().contains("busy")) throw e;
                Thread.sleep(10);
            }
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.setTcpNoDelay(true);
        return s;
    }

    /** A new connection waits up to a second for the session before it to end; the session must outlast that. */
    private void restartWithIdleBeyondTheBusyGrace() throws IOException {
        server.close();
        startServer(3 * LinkServer.BUSY_GRACE_MILLIS);
    }

    /** Closes with a TCP reset instead of an orderly close. */
    private static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    /** A DATA frame holding one TRAIN command (the frame an attacker most likely cuts). */
    private static byte[] trainFrame(int seq) {
        int[] words = new Command.Train(1, new int[] {1, 2, 3, 4, 5, 6}).words();
        return Frame.data(seq, words).encode();
    }

    @Test
    void randomBytes() {
        bounded(() -> {
            SplittableRandom rng = new SplittableRandom(seed);
            for (int c = 0; c < 4; c++) {
                try (Socket s = connect(); OutputStream o = s.getOutputStream()) {
                    byte[] junk = new byte[1 << 16];
                    rng.nextBytes(junk);
                    o.write(junk);
                }
            }
            aCorrectClientTrainsLikeFast();
        });
    }

    @Test
    void truncatedFrames() {
        bounded(() -> {
            SplittableRandom rng = new SplittableRandom(seed);
            try (Socket s = connect(); OutputStream o = s.getOutputStream()) {
                for (int i = 0; i < 200; i++) {
                    byte[] f = trainFrame(i & 0xFF);
                    o.write(f, 0, rng.nextInt(f.length));
                }
            }
            aCorrectClientTrainsLikeFast();
        });
    }

    @Test
    void aResetAtEveryBytePositionOfAFrame() {
        bounded(() -> {
            byte[] f = trainFrame(0);
            for (int k = 0; k <= f.length; k++) {
                while (server.hasClient()) Thread.sleep(1);
                long before = server.sessions();
                Socket s = connect();
                s.getOutputStream().write(f, 0, k);
                while (server.sessions() == before) Thread.sleep(1);  // the reset hits a session, not the busy answer
                reset(s);
            }
            aCorrectClientTrainsLikeFast();
        });
    }

    @Test
    void anAckFloodIsFoldedInNotQueued() {
        bounded(() -> {
            SplittableRandom rng = new SplittableRandom(seed);
            byte[] burst = new byte[LinkFrame.HEADER_BYTES * 10_000];
            try (Socket s = connect(); OutputStream o = s.getOutputStream()) {
                for (int round = 0; round < 40; round++) {  // 400,000 ACKs, 2 MB
                    for (int i = 0; i < 10_000; i++) {
                        byte[] a = Frame.ack(rng.nextInt(256), rng.nextInt(256)).encode();
                        System.arraycopy(a, 0, burst, i * a.length, a.length);
                    }
                    o.write(burst);
                }
            }
            aCorrectClientTrainsLikeFast();
        });
    }

    @Test
    void anIdleClientIsDroppedAndMeanwhileOthersHearBusy() {
        bounded(() -> {
            restartWithIdleBeyondTheBusyGrace();
            try (Socket idle = connect()) {
                while (!server.hasClient()) Thread.sleep(1);
                DeviceException busy = assertThrows(DeviceException.class,
                        () -> Devices.open("tcp:127.0.0.1:" + server.port(), SPEC));
                assertTrue(busy.getMessage().contains("busy"), busy.getMessage());
                // The server may have sent an ACK (its first window update); then it must close the connection.
                idle.getInputStream().readAllBytes();
            }
            aCorrectClientTrainsLikeFast();
        });
    }

    @Test
    void aClientFailsFastWhenTheServerDiesMidResponse() {
        bounded(() -> {
            server.close();
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Device stalling = new Stalling(board, inside, release);
            server = new LinkServer(stalling, 0, 200, IDLE_MILLIS, log::add);
            Thread t = new Thread(server::serve);
            t.setDaemon(true);
            t.start();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            try (Device dev = Devices.open("tcp:127.0.0.1:" + server.port(), SPEC)) {
                Thread client = new Thread(() -> {
                    try {
                        dev.stream(new Command.StatusRequest().words());
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
                client.start();
                inside.await();
                server.close();  // the board dies while the command runs
                client.join(5_000);  // EOF on the socket must end the wait at once, not after LinkDevice's 120 s
                assertNotNull(failure.get(), "the client is still waiting 5 s after the server died");
                assertTrue(failure.get().getMessage().contains("closed") || failure.get().getMessage().contains("reset"),
                        failure.get().getMessage());
            } finally {
                release.countDown();
            }
            startServer();
            aCorrectClientTrainsLikeFast();
        });
    }

    @Test
    void aClientFailsFastWhenTheServerDiesHalfWayThroughAResponseFrame() {
        bounded(() -> {
            try (java.net.ServerSocket fake = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Thread t = new Thread(() -> halfAnswer(fake));
                t.setDaemon(true);
                t.start();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                try (Device dev = Devices.open("tcp:127.0.0.1:" + fake.getLocalPort(), SPEC)) {
                    Thread client = new Thread(() -> {
                        try {
                            dev.stream(new Command.StatusRequest().words());
                        } catch (Throwable e) {
                            failure.set(e);
                        }
                    });
                    client.start();
                    client.join(5_000);
                    assertNotNull(failure.get(), "the client is still waiting 5 s after the server died mid-frame");
                    assertTrue(failure.get().getMessage().contains("reset") || failure.get().getMessage().contains("closed"),
                            failure.get().getMessage());
                }
            }
        });
    }

    /**
     * A board that answers the opening STATUS properly, then sends the first 9 bytes of its next
     * response frame and dies (a TCP reset).
     */
    private static void halfAnswer(java.net.ServerSocket fake) {
        try (Socket s = fake.accept()) {
            FastDevice real = new FastDevice("fast", SPEC);
            FrameDecoder d = new FrameDecoder();
            OutputStream o = s.getOutputStream();
            int rxSeq = 0;
            int txSeq = 0;
            int b;
            while ((b = s.getInputStream().read()) >= 0) {
                Frame f = d.step(b);
                if (f == null || !f.isData()) continue;
                rxSeq = (rxSeq + 1) & 0xFF;
                o.write(Frame.ack(rxSeq, LinkFrame.MAX_CREDIT).encode());
                byte[] rsp = Frame.data(txSeq++, real.stream(f.words())).encode();
                if (txSeq == 1) {
                    o.write(rsp);
                    continue;
                }
                o.write(rsp, 0, 9);
                o.flush();
                reset(s);
                return;
            }
        } catch (IOException ignored) {
            // The client went first; the test reports what it saw.
        }
    }

    @Test
    void aSecondClientHearsBusyAndIsServedOnceTheFirstLeaves() {
        bounded(() -> {
            restartWithIdleBeyondTheBusyGrace();
            try (Device first = Devices.open("tcp:127.0.0.1:" + server.port(), SPEC)) {
                DeviceException busy = assertThrows(DeviceException.class,
                        () -> Devices.open("tcp:127.0.0.1:" + server.port(), SPEC));
                assertTrue(busy.getMessage().contains("busy"), busy.getMessage());
                assertTrue(first.exchange(new Command.StatusRequest()).ok(), "the first client is still served");
            }
            aCorrectClientTrainsLikeFast();
        });
    }

    /** A device whose second STATUS blocks (the first is LinkDevice's check on open), so the server can die mid-command. */
    private static final class Stalling implements Device {
        private final Device inner;
        private final CountDownLatch inside;
        private final CountDownLatch release;
        private int statuses;

        Stalling(Device inner, CountDownLatch inside, CountDownLatch release) {
            this.inner = inner;
            this.inside = inside;
            this.release = release;
        }

        @Override public DesignSpec spec() { return inner.spec(); }

        @Override public String uri() { return "stalling"; }

        @Override public long cycles() { return -1; }

        @Override public void close() {}

        @Override
        public int[] stream(int[] words) {
            if (++statuses == 2) {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return inner.stream(words);
        }
    }
}
