package org.heterosyn.testbenches;

import org.heterosyn.driver.CommandFraming;
import org.heterosyn.driver.VerilatorDevice;
import org.heterosyn.emulator.ClockedModel;
import org.heterosyn.protocol.Header;
import org.heterosyn.rtl.Generator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plays a raw command stream into a generated design under Verilator, opened as the driver opens
 * it ({@link VerilatorDevice}: the shim, its build cache and its reset), one cycle at a time, and
 * collects every response word with the cycle the host took it. The stream is framed by the
 * protocol's declarations (each header's opcode and length field), so the run ends when every
 * command, malformed ones included, has its response.
 */
final class Playback {
    /** A response word and the cycle, counted from the end of reset, in which the host took it. */
    record Word(int word, long cycle) {}

    /** Far more cycles than any test stream needs: a hang, not a slow design. */
    private static final long MAX_CYCLES = 50_000_000;
    /** With stalls: command words are offered on 15 cycles of 16, rsp_ready_i is high on 80%. */
    private static final int OFFER_OF_16 = 15;
    private static final int READY_PERCENT = 80;

    private final Path design;

    private Playback(Path design) { this.design = design; }

    /** The design generated into {@code design}; built (or taken from the cache) on the first run. */
    static Playback of(Generator.Result design) { return new Playback(design.outDir()); }

    /** Command words back to back, the host always ready for a response. */
    List<Word> run(int[] commands) { return run(commands, null); }

    /**
     * Random gaps in the command stream (the next word is offered only after the previous one was
     * taken, so valid never drops under a waiting word) and back-pressure on the response stream.
     */
    List<Word> runStalled(int[] commands, long seed) { return run(commands, new SplittableRandom(seed)); }

    private List<Word> run(int[] commands, SplittableRandom stalls) {
        try (VerilatorDevice dev = new VerilatorDevice("verilator:" + design, design)) {
            if (stalls != null) dev.model().backpressure(stalls.nextInt() | 1, READY_PERCENT);
            return play(dev.model(), commands, stalls);
        }
    }

    private static List<Word> play(ClockedModel m, int[] commands, SplittableRandom stalls) {
        int expected = CommandFraming.count(commands);
        List<Word> got = new ArrayList<>();
        int responses = 0;
        int payloadLeft = 0;
        int next = 0;
        for (long cycle = 0; responses < expected; cycle++) {
            if (cycle == MAX_CYCLES) {
                throw new AssertionError(cycle + " cycles without all responses (" + responses + " of " + expected + ")");
            }
            boolean offer = stalls == null || stalls.nextInt(16) < OFFER_OF_16;
            if (next < commands.length && offer && m.pendingIn() == 0) m.push(new int[] {commands[next++]});
            m.step(1);
            if (m.pendingOut() == 0) continue;
            for (int w : m.pop()) {
                got.add(new Word(w, cycle));
                // A response is a header and the payload words its length field announces.
                if (payloadLeft > 0) payloadLeft--;
                else payloadLeft = Header.decode(w).length();
                if (payloadLeft == 0) responses++;
            }
        }
        return got;
    }
}
