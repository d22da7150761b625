package org.heterosyn.driver.link;

import org.heterosyn.driver.CommandFraming;
import org.heterosyn.driver.Device;
import org.heterosyn.driver.DeviceException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

/**
 * Serves a device over TCP with the board link's framing: what a board does behind its UART, so the
 * host side of the link (and `tcp:` URIs) can be used and tested without a board. One connection at
 * a time; commands run as soon as they are complete, responses go back as DATA frames.
 */
public final class LinkServer implements AutoCloseable {
    private static final long POLL_MILLIS = 50;
    private final Device device;
    private final ServerSocket server;
    private final long ackTimeoutMillis;
    private volatile boolean closed;

    public LinkServer(Device device, int port, long ackTimeoutMillis) throws IOException {
        this.device = device;
        this.server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        this.ackTimeoutMillis = ackTimeoutMillis;
    }

    public int port() { return server.getLocalPort(); }

    /** Serves connections until closed; each connection until its peer hangs up. */
    public void serve() {
        while (!closed) {
            try (Socket s = server.accept();
                 LinkEndpoint link = new LinkEndpoint("serve", s.getInputStream(), s.getOutputStream(), ackTimeoutMillis, 8)) {
                s.setTcpNoDelay(true);
                int[] pending = new int[0];
                while (!closed) {
                    int[] w;
                    try {
                        // A short poll notices a client that hung up quickly, so the next one is served.
                        w = link.receive(POLL_MILLIS);
                    } catch (DeviceException e) {
                        break;
                    }
                    if (w == null) continue;
                    pending = concat(pending, w);
                    int complete = CommandFraming.completePrefix(pending);
                    if (complete > 0) {
                        try {
                            link.send(device.stream(Arrays.copyOf(pending, complete)));
                        } catch (DeviceException gone) {
                            break;  // the client stopped acknowledging: serve the next one
                        }
                        pending = Arrays.copyOfRange(pending, complete, pending.length);
                    }
                }
            } catch (IOException e) {
                if (!closed) throw new DeviceException("serve: " + e.getMessage(), e);
            }
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
