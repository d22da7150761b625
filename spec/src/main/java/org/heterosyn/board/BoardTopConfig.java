package org.heterosyn.board;

import org.heterosyn.link.LinkFrame;

/**
 * The generator parameters of a board top (docs/board-top.md): the design clock the PLL makes, the
 * UART's clocks per bit, the two link FIFOs, the transmitter's go-back timeout, and the reset and
 * LED timings. Times are in design-clock cycles; counters that wrap are powers of two.
 *
 * @param clockMhz       design clock made by the PLL from the board's oscillator
 * @param baudDivisor    clock cycles per UART bit (baud = clock / divisor), at least 4
 * @param cmdFifoWords   command FIFO depth (32-bit words), a power of two
 * @param rspFifoWords   response FIFO depth, a power of two, room for at least one full frame
 * @param timeoutCycles  cycles the transmitter waits for an ACK before going back, a power of two
 * @param resetCycles    power-on reset held this many cycles after the PLL locks, a power of two
 * @param errLedCycles   the error LED stays lit this long after a dropped frame, a power of two
 */
public record BoardTopConfig(double clockMhz, int baudDivisor, int cmdFifoWords, int rspFifoWords,
                             int timeoutCycles, int resetCycles, int errLedCycles) {
    /** The smallest divisor the receiver's mid-bit sampling after a 2-flop synchroniser allows. */
    public static final int MIN_DIVISOR = 4;

    public BoardTopConfig {
        if (!(clockMhz > 0)) throw new BoardException("clockMhz must be positive, got " + clockMhz);
        if (baudDivisor < MIN_DIVISOR) throw new BoardException("baudDivisor must be at least " + MIN_DIVISOR + ", got " + baudDivisor);
        powerOfTwo("cmdFifoWords", cmdFifoWords);
        powerOfTwo("rspFifoWords", rspFifoWords);
        if (rspFifoWords < LinkFrame.MAX_WORDS) throw new BoardException("rspFifoWords must hold a frame of " + LinkFrame.MAX_WORDS + " words");
        if (cmdFifoWords < LinkFrame.MAX_WORDS) throw new BoardException("cmdFifoWords must hold a frame of " + LinkFrame.MAX_WORDS + " words");
        powerOfTwo("timeoutCycles", timeoutCycles);
        powerOfTwo("resetCycles", resetCycles);
        powerOfTwo("errLedCycles", errLedCycles);
    }

    /**
     * docs/link.md: 24 MHz, 6 Mbaud (divisor 4); a command FIFO of 1024 words (credit saturates at
     * 255 units = 1020 words), a response FIFO of 512 words (the window's 8 frames of 64), 2^21
     * cycles of timeout, 16 cycles of reset, the error LED lit for 2^22 cycles (175 ms).
     */
    public static BoardTopConfig defaults() {
        return new BoardTopConfig(24.0, 4, LinkFrame.BOARD_RX_WORDS, 512, LinkFrame.BOARD_TIMEOUT_CYCLES, 16, 1 << 22);
    }

    public BoardTopConfig withTimeoutCycles(int t) {
        return new BoardTopConfig(clockMhz, baudDivisor, cmdFifoWords, rspFifoWords, t, resetCycles, errLedCycles);
    }

    public BoardTopConfig withBaudDivisor(int d) {
        return new BoardTopConfig(clockMhz, d, cmdFifoWords, rspFifoWords, timeoutCycles, resetCycles, errLedCycles);
    }

    public BoardTopConfig withErrLedCycles(int c) {
        return new BoardTopConfig(clockMhz, baudDivisor, cmdFifoWords, rspFifoWords, timeoutCycles, resetCycles, c);
    }

    public BoardTopConfig withClockMhz(double mhz) {
        return new BoardTopConfig(mhz, baudDivisor, cmdFifoWords, rspFifoWords, timeoutCycles, resetCycles, errLedCycles);
    }

    public long baud() { return Math.round(clockMhz * 1e6 / baudDivisor); }

    /** Bits of a counter from 0 to n - 1. */
    public static int log2(int n) { return Integer.numberOfTrailingZeros(n); }

    private static void powerOfTwo(String field, int v) {
        if (v < 2 || Integer.bitCount(v) != 1) throw new BoardException(field + " must be a power of two >= 2, got " + v);
    }
}
