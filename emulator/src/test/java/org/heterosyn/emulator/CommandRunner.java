package org.heterosyn.emulator;

import org.heterosyn.manifest.Phase;

import java.util.Arrays;

/**
 * Sends one command at a time to a {@link CycleEmulator} and clocks it to the command boundary: the
 * response complete, the controller back in IDLE, no command word left anywhere. Measures the
 * command's cycles as CycleModel counts them: from the cycle the controller accepts the header to
 * the first cycle it is in IDLE again.
 */
final class CommandRunner {
    /** Far more cycles than any test command needs: a hang, not a slow command. */
    private static final long LIMIT = 2_000_000;
    private static final int IDLE = Phase.IDLE.code();

    record Result(int[] response, long cycles) {}

    private final CycleEmulator emu;

    CommandRunner(CycleEmulator emu) { this.emu = emu; }

    Result run(int[] words) {
        emu.push(words);
        int[] got = new int[0];
        long left = -1;
        long back = -1;
        long stop = emu.cycle() + LIMIT;
        while (true) {
            emu.step(1);
            boolean idle = emu.state("u_ctrl.state_q") == IDLE;
            if (left < 0 && !idle) left = emu.cycle();
            if (left >= 0 && back < 0 && idle) back = emu.cycle();
            int[] w = emu.pop();
            if (w.length > 0) {
                got = Arrays.copyOf(got, got.length + w.length);
                System.arraycopy(w, 0, got, got.length - w.length, w.length);
            }
            boolean complete = got.length > 0 && got.length >= 1 + (got[0] & 0xFFFF);
            if (back >= 0 && complete && emu.pendingIn() == 0 && emu.state("u_cmd.out_valid_q") == 0) {
                return new Result(got, back - left + 1);
            }
            if (emu.cycle() > stop) {
                throw new AssertionError("no command boundary after " + LIMIT + " cycles: state "
                        + Phase.values()[(int) emu.state("u_ctrl.state_q")] + ", " + got.length + " response words");
            }
        }
    }
}
