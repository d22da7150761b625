package org.heterosyn.driver;

import org.heterosyn.emulator.ClockedModel;

/** Feeds a clocked model (the RTL under Verilator, or the cycle emulator) a batch of command words. */
final class ClockedStream {
    /** Cycles without a complete batch after which it counts as hung. */
    static final long STALL_CYCLES = 50_000_000L;

    private ClockedStream() {}

    /** Pushes the words, runs the clock until every command has its response, returns the responses. */
    static int[] stream(String uri, ClockedModel m, int[] commandWords) {
        int commands = CommandFraming.count(commandWords);
        ResponseAssembler got = new ResponseAssembler();
        m.push(commandWords);
        while (got.complete() < commands) {
            long want = m.pendingOut() + got.minimumMissingWords(commands);
            long ran = m.runUntil(want, STALL_CYCLES);
            got.add(m.pop());
            if (ran >= STALL_CYCLES && got.complete() < commands) {
                throw new DeviceException(uri + ": no response after " + STALL_CYCLES + " cycles; " + got.complete() + " of "
                        + commands + " responses arrived, " + m.pendingIn() + " command words not taken");
            }
        }
        return got.words();
    }
}
