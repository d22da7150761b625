package org.heterosyn.driver;

import org.heterosyn.protocol.Command;
import org.heterosyn.protocol.Response;
import org.heterosyn.spec.DesignSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * One target that speaks the command protocol (docs/protocol.md): the fast model, the cycle
 * emulator, a Verilator build of the RTL, or a board. Open one with {@link Devices#open}.
 */
public interface Device extends AutoCloseable {
    DesignSpec spec();

    /** The URI it was opened with, e.g. "fast" or "verilator:out/design". */
    String uri();

    /**
     * Sends raw command words and returns the response words of every command in them (one response
     * per command, malformed ones included; framing follows each header's length field).
     */
    int[] stream(int[] commandWords);

    /** Clock cycles the device has run, or -1 for devices without a clock. */
    long cycles();

    default List<Response> exchange(List<? extends Command> commands) {
        int n = 0;
        for (Command c : commands) n += c.words().length;
        int[] words = new int[n];
        int at = 0;
        for (Command c : commands) {
            int[] w = c.words();
            System.arraycopy(w, 0, words, at, w.length);
            at += w.length;
        }
        List<Response> out = new ArrayList<>(Response.parseAll(stream(words)));
        if (out.size() != commands.size()) {
            throw new DeviceException(uri() + ": " + commands.size() + " commands but " + out.size() + " responses");
        }
        return out;
    }

    default Response exchange(Command c) {
        return exchange(List.of(c)).get(0);
    }

    @Override
    void close();
}
