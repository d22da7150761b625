package org.heterosyn.driver.link;

import org.heterosyn.driver.CommandFraming;
import org.heterosyn.driver.Device;
import org.heterosyn.driver.DeviceException;
import org.heterosyn.manifest.DesignId;
import org.heterosyn.protocol.Command;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Response;
import org.heterosyn.protocol.StatusWord;
import org.heterosyn.spec.DesignSpec;

import java.util.Arrays;

/**
 * A device at the far end of a board link (a UART to an FPGA, or TCP to `heterosyn serve`). On open
 * it asks for STATUS and checks the design id against the spec, so a board flashed with another
 * design is refused before any weight is loaded.
 */
public final class LinkDevice implements Device {
    /** A response may take this long after the last word arrived (a long batch on a slow clock). */
    static final long IDLE_TIMEOUT_MILLIS = 120_000;

    private final String uri;
    private final DesignSpec spec;
    private final LinkEndpoint link;
    private final AutoCloseable transport;

    public LinkDevice(String uri, DesignSpec spec, LinkEndpoint link, AutoCloseable transport) {
        this.uri = uri;
        this.spec = spec;
        this.link = link;
        this.transport = transport;
        Response status;
        try {
            status = exchange(new Command.StatusRequest());
        } catch (DeviceException e) {
            close();
            throw e;
        }
        int[] p = status.payload();
        if (!status.ok() || p.length <= StatusWord.DESIGN_ID.ordinal() || StatusWord.MAGIC.in(p) != Header.MAGIC) {
            close();
            throw new DeviceException(uri + ": the far end does not answer STATUS like a heterosyn design");
        }
        if (StatusWord.DESIGN_ID.in(p) != (int) DesignId.of(spec)) {
            close();
            throw new DeviceException(String.format("%s: runs design id %08x, but spec %s has id %08x", uri,
                    StatusWord.DESIGN_ID.in(p), spec.name(), (int) DesignId.of(spec)));
        }
    }

    public LinkEndpoint link() { return link; }

    /** DATA frames the host sent again (go-back-N), over the device's life. */
    public long retransmissions() { return link.retransmissions(); }

    @Override public DesignSpec spec() { return spec; }

    @Override public String uri() { return uri; }

    @Override public long cycles() { return -1; }

    /**
     * Sends the commands while collecting responses, so the far end's responses never wait for the
     * host to finish sending (with a bounded buffer at each end that would be a deadlock).
     */
    @Override
    public int[] stream(int[] commandWords) {
        int commands = CommandFraming.count(commandWords);
        // One hold of the link's lock across offer and poll, so an ACK between them wakes the poll.
        return link.locked(() -> exchange(commandWords, commands));
    }

    private int[] exchange(int[] commandWords, int commands) {
        int[] got = new int[64];
        int size = 0;
        int at = 0;
        Responses done = new Responses();
        long lastWord = System.nanoTime();
        while (done.count(got, size) < commands) {
            at = link.offer(commandWords, at);
            // While words wait for credit, wake at the link's timeout so a probe can go out.
            int[] w = link.poll(at < commandWords.length ? link.timeoutMillis() : IDLE_TIMEOUT_MILLIS);
            if (w.length > 0) {
                if (size + w.length > got.length) got = Arrays.copyOf(got, Math.max(size + w.length, 2 * got.length));
                System.arraycopy(w, 0, got, size, w.length);
                size += w.length;
                lastWord = System.nanoTime();
            } else if (at == commandWords.length && System.nanoTime() - lastWord > IDLE_TIMEOUT_MILLIS * 1_000_000) {
                throw new DeviceException(uri + ": no response for " + IDLE_TIMEOUT_MILLIS / 1000 + " s ("
                        + done.count(got, size) + " of " + commands + " responses arrived)");
            }
        }
        return Arrays.copyOf(got, size);
    }

    /** Counts responses whose header and whole payload have arrived, going on from where it stopped last time. */
    private static final class Responses {
        private int next;
        private int complete;

        int count(int[] words, int size) {
            while (next < size && next + 1 + (words[next] & Header.LENGTH_MASK) <= size) {
                next += 1 + (words[next] & Header.LENGTH_MASK);
                complete++;
            }
            return complete;
        }
    }

    @Override
    public void close() {
        link.close();
        try {
            transport.close();
        } catch (Exception e) {
            throw new DeviceException(uri + ": close failed: " + e.getMessage(), e);
        }
    }
}
