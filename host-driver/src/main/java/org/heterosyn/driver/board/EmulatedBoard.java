package org.heterosyn.driver.board;

import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.emulator.BoardEmulator;
import org.heterosyn.emulator.ClockedModel;
import org.heterosyn.emulator.UartLine;
import org.heterosyn.manifest.Manifest;

import java.io.IOException;
import java.util.Locale;

/**
 * A simulated board top bridged bit by bit to a pseudo-terminal (docs/fpga.md, "The emulated
 * board"): bytes the host writes to the pty become uart_rx_i levels, 8N1 at the board's divisor;
 * the model is clocked; uart_tx_o is decoded back into bytes written to the pty. Both directions
 * go through {@link UartLine}, the one Java definition of the host's end of the line, and the model
 * is driven through the shim's bulk calls (levels pushed, pins popped, a chunk of cycles per call),
 * so no JNA call is made per cycle and no second UART exists in C.
 *
 * <p>The board runs from the host's first byte until the host closes the pty (or {@link #stop}),
 * as fast as the simulation goes. When no byte is pending and its transmit line has been idle for
 * {@link #idleCycles} cycles it can do nothing more on its own, and the bridge blocks on the pty.
 */
public final class EmulatedBoard {
    /** Cycles per shim call: about 100 bytes of line time at divisor 4, a fraction of a millisecond of host latency. */
    static final int CHUNK = 4096;
    /** How long a wait on the pty lasts before {@link #stop} is looked at again. */
    private static final int WAIT_MILLIS = 200;
    private static final int TX_MASK = 1 << BoardEmulator.TX_BIT;

    /** What a run did. */
    public record Summary(long cycles, long framingErrors, LineFaults toBoard, LineFaults toHost) {
        public String describe() {
            return String.format(Locale.ROOT, "%,d cycles; host to board: %s; board to host: %s; framing errors %d",
                    cycles, toBoard.summary(), toHost.summary(), framingErrors);
        }
    }

    private final ClockedModel model;
    private final BoardTopConfig cfg;
    private final Pty pty;
    private final LineFaults toBoard;
    private final LineFaults toHost;
    private final UartLine.Decoder decoder;
    private final long idleCycles;
    private long quiet;
    private volatile long cycles;
    private volatile boolean stop;

    /**
     * @param model   a board top (heterosyn_board_top) driven at its pins, not yet clocked
     * @param toBoard faults on the bytes from the host; {@code toHost} on the bytes to it
     */
    public EmulatedBoard(ClockedModel model, BoardTopConfig cfg, Pty pty, LineFaults toBoard, LineFaults toHost) {
        this.model = model;
        this.cfg = cfg;
        this.pty = pty;
        this.toBoard = toBoard;
        this.toHost = toHost;
        this.decoder = new UartLine.Decoder(cfg.baudDivisor());
        this.idleCycles = idleCycles(cfg);
    }

    /**
     * Quiet cycles after which the board can no longer act on its own: its only timer is the
     * transmitter's go-back timeout, started at the latest by the last byte it sent or received,
     * so a lost frame is sent again within that; the same again covers a command still running.
     */
    static long idleCycles(BoardTopConfig cfg) { return 2L * cfg.timeoutCycles(); }

    /** Ends {@link #run} within a fraction of a second (from another thread, e.g. on Ctrl-C). */
    public void stop() { stop = true; }

    /** Cycles clocked so far, to the last chunk; safe to read from the host's thread while the board runs. */
    public long cycles() { return cycles; }

    /** Runs until the host closes the pty or {@link #stop} is called. */
    public Summary run() throws IOException {
        byte[] first = awaitHost();
        if (first != null) {
            powerUp();
            feed(first);
            boolean open = true;
            while (open && !stop) {
                if (model.pendingIn() == 0 && quiet >= idleCycles) {
                    open = fromHost(WAIT_MILLIS);  // nothing can happen until the host writes
                } else {
                    if (model.pendingIn() < CHUNK) open = fromHost(0);
                    open = open && clock(CHUNK);
                }
            }
        }
        return new Summary(model.cycle(), decoder.framingErrors(), toBoard, toHost);
    }

    /**
     * The host's first bytes, or null when stopped first. The board is powered up by the host's
     * first write, as a real board is by plugging it in before the host talks to it. Before the
     * slave is first opened a poll just waits; once a host has opened and closed it, a poll reports
     * a hang-up at once until the next open, hence the sleep: waiting never spins.
     */
    private byte[] awaitHost() throws IOException {
        while (!stop) {
            switch (pty.await(WAIT_MILLIS)) {
                case DATA -> {
                    byte[] b = pty.read();
                    if (b != null && b.length > 0) return b;
                }
                case HANGUP -> sleep();
                case TIMEOUT -> { }
            }
        }
        return null;
    }

    /**
     * Power-on: the model's reset, then the board top's own power-on reset with the line idle (a
     * start bit during it would be missed, as on a real board). Its pins are decoded from the first
     * cycle out of the model's reset, as BoardCosim's host does, so the board's first ACK is heard whole.
     */
    private void powerUp() throws IOException {
        model.reset(Manifest.RESET_CYCLES);
        clock(cfg.resetCycles());
    }

    /** Takes what the host wrote, waiting up to {@code millis}; false when the host closed the pty. */
    private boolean fromHost(int millis) throws IOException {
        Pty.Ready r = pty.await(millis);
        if (r == Pty.Ready.HANGUP) return false;
        if (r == Pty.Ready.TIMEOUT) return true;
        byte[] b = pty.read();
        if (b == null) return false;
        feed(b);
        return true;
    }

    private void feed(byte[] bytes) {
        model.push(UartLine.encode(toBoard.apply(bytes), cfg.baudDivisor()));
        quiet = 0;
    }

    /** Cycles; the bytes the board sent go to the host. False when the host closed the pty. */
    private boolean clock(int cycles) throws IOException {
        boolean receiving = model.pendingIn() > 0;
        model.step(cycles);
        this.cycles = model.cycle();
        int[] pins = model.pop();
        for (int p : pins) {
            decoder.feed(p & TX_MASK);
            quiet = (p & TX_MASK) == 0 || receiving ? 0 : quiet + 1;
        }
        byte[] out = decoder.take();
        return out.length == 0 || pty.write(toHost.apply(out));
    }

    private static void sleep() {
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
