package org.heterosyn.driver.link;

import org.heterosyn.driver.CommandFraming;
import org.heterosyn.driver.Device;
import org.heterosyn.driver.DeviceException;
import org.heterosyn.link.LinkFrame;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Serves a device over TCP with the board link's framing, behaving as a board does behind its UART
 * (a receive buffer of {@link LinkFrame#BOARD_RX_WORDS} words whose free space is the credit), so the
 * host side of the link and `tcp:` URIs can be used and tested without a board.
 * <p>
 * No client can wedge it: one client at a time owns the device and any other connection gets a
 * one-line "busy" answer and is closed (after waiting up to a second for the session to end); a client that sends no good frame for the idle
 * timeout, resets, or stops acknowledging loses its session; every queue is bounded (ACKs are
 * folded into the send window as they arrive; commands are taken from the receive buffer only while
 * no complete command is waiting, so at most one command plus one buffer is held).
 */
public final class LinkServer implements AutoCloseable {
    /** How often an idle session looks at the clock. */
    private static final long POLL_MILLIS = 50;
    public static final String BUSY = "heterosyn serve: busy with another client; try again later";
    /** How long a new connection waits for the session before it to end before it hears "busy". */
    static final long BUSY_GRACE_MILLIS = 1000;

    private final Device device;
    private final ServerSocket server;
    private final long ackTimeoutMillis;
    private final long idleMillis;
    private final Consumer<String> log;
    private volatile boolean closed;
    private volatile Socket active;
    private long sessions;

    /**
     * @param ackTimeoutMillis the go-back-N timeout of the server's own sends
     * @param idleMillis       a session with no good frame from its client for this long is closed
     * @param log              one line per session event (connect, busy, end and why)
     */
    public LinkServer(Device device, int port, long ackTimeoutMillis, long idleMillis, Consumer<String> log) throws IOException {
        this.device = device;
        this.server = new ServerSocket(port, 8, InetAddress.getLoopbackAddress());
        this.ackTimeoutMillis = ackTimeoutMillis;
        this.idleMillis = idleMillis;
        this.log = log;
    }

    public LinkServer(Device device, int port, long ackTimeoutMillis) throws IOException {
        this(device, port, ackTimeoutMillis, 30_000, line -> {});
    }

    public int port() { return server.getLocalPort(); }

    /** Sessions begun so far (refused connections do not count). */
    public synchronized long sessions() { return sessions; }

    /** Whether a client holds the device now. */
    public synchronized boolean hasClient() { return active != null; }

    /** Accepts connections until closed: the first gets a session, others while it lasts get "busy". */
    public void serve() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (closed) return;
                throw new DeviceException("serve: " + e.getMessage(), e);
            }
            if (claim(s)) {
                Thread t = new Thread(() -> session(s), "heterosyn-serve-" + s.getPort());
                t.setDaemon(true);
                t.start();
            } else {
                refuse(s);
            }
        }
    }

    /**
     * Makes {@code s} the active client, waiting up to {@link #BUSY_GRACE_MILLIS} for the session before
     * it to end: a client that closes and reconnects at once finds its old session still tearing down.
     */
    private synchronized boolean claim(Socket s) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUSY_GRACE_MILLIS);
        long left;
        while (active != null && !closed && (left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (active != null || closed) return false;
        active = s;
        sessions++;
        return true;
    }

    private void refuse(Socket s) {
        log.accept("refused " + s.getRemoteSocketAddress() + ": busy");
        try (s; OutputStream o = s.getOutputStream()) {
            o.write((BUSY + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
            // The client left already; nothing to tell it.
        }
    }

    private void session(Socket s) {
        String who = String.valueOf(s.getRemoteSocketAddress());
        log.accept("client " + who + " connected");
        String why = "client hung up";
        try (s; LinkEndpoint link = new LinkEndpoint("serve " + who, s.getInputStream(), s.getOutputStream(),
                ackTimeoutMillis, LinkFrame.RETRY_ROUNDS, LinkFrame.BOARD_RX_WORDS)) {
            s.setTcpNoDelay(true);
            why = run(link);
            log.accept("client " + who + ": " + link.summary());
        } catch (DeviceException | IOException e) {
            why = e.getMessage();
        } finally {
            synchronized (this) {
                active = null;
                notifyAll();
            }
            log.accept("client " + who + " done: " + why);
        }
    }

    /** Runs commands as they complete until the client goes idle or the server closes; returns why it ended. */
    private String run(LinkEndpoint link) {
        int[] pending = new int[0];
        long lastServed = System.nanoTime();
        while (!closed) {
            int complete = CommandFraming.completePrefix(pending);
            if (complete == 0) {
                pending = concat(pending, link.poll(POLL_MILLIS));
                long quiet = System.nanoTime() - Math.max(link.lastFrameNanos(), lastServed);
                if (quiet > TimeUnit.MILLISECONDS.toNanos(idleMillis)) return "idle for " + idleMillis + " ms";
                continue;
            }
            link.send(device.stream(Arrays.copyOf(pending, complete)));
            pending = Arrays.copyOfRange(pending, complete, pending.length);
            lastServed = System.nanoTime();
        }
        return "server closed";
    }

    private static int[] concat(int[] a, int[] b) {
        if (b.length == 0) return a;
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Stops accepting and drops the session in progress (its client sees the connection close at once). */
    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        Socket s;
        synchronized (this) {
            s = active;
        }
        if (s != null) s.close();
    }
}
