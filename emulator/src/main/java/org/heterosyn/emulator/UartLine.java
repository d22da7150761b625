package org.heterosyn.emulator;

import java.io.ByteArrayOutputStream;

/**
 * The host's end of a UART line, one level per clock cycle: an 8N1 encoder of bytes into line
 * levels (divisor cycles per bit, LSB first, idle high) and a decoder of levels into bytes (a start
 * bit is a falling edge; each bit is sampled in its middle; a byte whose stop bit is low is dropped).
 * It drives uart_rx_i and reads uart_tx_o of a board top in simulation.
 */
public final class UartLine {
    private UartLine() {}

    /** Line levels (1 high, 0 low) for {@code bytes}, back to back. */
    public static int[] encode(byte[] bytes, int divisor) {
        int[] levels = new int[bytes.length * 10 * divisor];
        int at = 0;
        for (byte b : bytes) {
            for (int bit = 0; bit < 10; bit++) {
                int level = bit == 0 ? 0 : bit == 9 ? 1 : (b >> (bit - 1)) & 1;
                for (int k = 0; k < divisor; k++) levels[at++] = level;
            }
        }
        return levels;
    }

    /** A decoder fed one level per cycle. */
    public static final class Decoder {
        private final int divisor;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int last = 1;
        private int count = -1;
        private int bit;
        private int shift;
        private long framingErrors;

        public Decoder(int divisor) { this.divisor = divisor; }

        public void feed(int level) {
            level = level != 0 ? 1 : 0;
            if (count < 0) {
                if (last == 1 && level == 0) {
                    count = divisor / 2;
                    bit = 0;
                    shift = 0;
                }
            } else if (--count == 0) {
                sample(level);
            }
            last = level;
        }

        private void sample(int level) {
            count = divisor;
            if (bit == 0 && level != 0) {
                count = -1;
                return;
            }
            if (bit >= 1 && bit <= 8) shift |= level << (bit - 1);
            if (bit == 9) {
                if (level != 0) bytes.write(shift);
                else framingErrors++;
                count = -1;
            }
            bit++;
        }

        /** The bytes decoded since the last call. */
        public byte[] take() {
            byte[] b = bytes.toByteArray();
            bytes.reset();
            return b;
        }

        public long framingErrors() { return framingErrors; }
    }
}
