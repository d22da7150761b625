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

/**
 * A device at the far end of a board link (a UART to an FPGA, or TCP to `heterosyn serve`). On open
 * it asks for STATUS and checks the design id against the spec, so a board flashed with another
 * design is refused before any weight is loaded.
 */
public final class LinkDevice implements Device {
    /** A response may take this long after the last frame (a whole train command on a slow clock). */
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
        Response status = exchange(new Command.StatusRequest());
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

    @Override public DesignSpec spec() { return spec; }

    @Override public String uri() { return uri; }

    @Override public long cycles() { return -1; }

    @Override
    public int[] stream(int[] commandWords) {
        int commands = CommandFraming.count(commandWords);
        link.send(commandWords);
        int[] got = new int[0];
        while (completeResponses(got) < commands) {
            int[] w = link.receive(IDLE_TIMEOUT_MILLIS);
            if (w == null) {
                throw new DeviceException(uri + ": no response for " + IDLE_TIMEOUT_MILLIS / 1000 + " s ("
                        + completeResponses(got) + " of " + commands + " responses arrived)");
            }
            int[] more = new int[got.length + w.length];
            System.arraycopy(got, 0, more, 0, got.length);
            System.arraycopy(w, 0, more, got.length, w.length);
            got = more;
        }
        return got;
    }

    /** Responses whose header and whole payload have arrived. */
    private static int completeResponses(int[] words) {
        int n = 0;
        int i = 0;
        while (i < words.length) {
            i += 1 + (words[i] & Header.LENGTH_MASK);
            if (i <= words.length) n++;
        }
        return n;
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
