package org.heterosyn.link;

/**
 * The frame layout and window rules of link version 2 (docs/link.md), declared once for the host
 * link code, the board top's generators and their emulator twins.
 *
 * <pre>
 *  byte 0   byte 1   byte 2   byte 3   byte 4    bytes 5 ..            last two bytes
 * +--------+--------+--------+--------+--------+----------------------+--------+--------+
 * |  SYNC  |  type  |  seq   |  len   |  hcrc  | payload: len x 4     | crcLo  | crcHi  |
 * +--------+--------+--------+--------+--------+----------------------+--------+--------+
 *           \__ CRC-8 over bytes 1..3 _/          \_ DATA only: CRC-16 over bytes 1 .. payload end _/
 * </pre>
 */
public final class LinkFrame {
    public static final int SYNC = 0xA5;
    public static final int TYPE_DATA = 1;
    public static final int TYPE_ACK = 2;
    /** Sync, type, seq, len, hcrc. */
    public static final int HEADER_BYTES = 5;
    /** Index of each header byte. */
    public static final int AT_TYPE = 1;
    public static final int AT_SEQ = 2;
    public static final int AT_LEN = 3;
    public static final int AT_HCRC = 4;
    public static final int CRC_BYTES = 2;
    public static final int BYTES_PER_WORD = 4;
    /** A DATA frame carries 1 .. MAX_WORDS payload words. */
    public static final int MAX_WORDS = 64;
    public static final int MAX_FRAME_BYTES = HEADER_BYTES + MAX_WORDS * BYTES_PER_WORD + CRC_BYTES;
    /** Sequence numbers count modulo 256 (one byte). */
    public static final int SEQ_MODULO = 256;
    /** Unacknowledged frames a sender may have outstanding. */
    public static final int WINDOW = 8;
    /** Words per unit of credit in an ACK's len byte; credit saturates at MAX_CREDIT units. */
    public static final int CREDIT_UNIT_WORDS = 4;
    public static final int MAX_CREDIT = 255;
    /** A receiver sends an ACK unasked once its credit has grown by this many units since its last ACK. */
    public static final int UNASKED_ACK_UNITS = 16;
    /**
     * Credit a sender assumes before the first ACK arrives: one full frame. docs/link.md leaves the
     * start open; with zero, a lost first ACK would leave a sender that has data waiting forever.
     */
    public static final int INITIAL_CREDIT_UNITS = MAX_WORDS / CREDIT_UNIT_WORDS;
    /** Go-back-N rounds without an ACK before a sender declares the link dead (docs/link.md, "Sending"). */
    public static final int RETRY_ROUNDS = 8;
    /** Words the board's command FIFO holds: the receive buffer whose free space is the board's credit. */
    public static final int BOARD_RX_WORDS = 1024;
    /** Cycles the board's transmitter waits for an ACK before going back (87 ms at 24 MHz). */
    public static final int BOARD_TIMEOUT_CYCLES = 1 << 21;

    private LinkFrame() {}

    /** The bytes of a DATA frame carrying {@code words} (1 .. MAX_WORDS of them). */
    public static byte[] data(int seq, int[] words) {
        if (words.length < 1 || words.length > MAX_WORDS)
            throw new IllegalArgumentException("a DATA frame carries 1.." + MAX_WORDS + " words, not " + words.length);
        byte[] f = new byte[HEADER_BYTES + words.length * BYTES_PER_WORD + CRC_BYTES];
        header(f, TYPE_DATA, seq, words.length);
        int at = HEADER_BYTES;
        for (int w : words) {
            for (int k = 0; k < BYTES_PER_WORD; k++) f[at++] = (byte) (w >>> (8 * k));
        }
        int crc = LinkCrc.crc16(f, AT_TYPE, at - AT_TYPE);
        f[at] = (byte) crc;
        f[at + 1] = (byte) (crc >>> 8);
        return f;
    }

    /** The bytes of an ACK: the next {@code seq} expected and {@code credit} units of room. */
    public static byte[] ack(int seq, int credit) {
        byte[] f = new byte[HEADER_BYTES];
        header(f, TYPE_ACK, seq, Math.min(credit, MAX_CREDIT));
        return f;
    }

    private static void header(byte[] f, int type, int seq, int len) {
        f[0] = (byte) SYNC;
        f[AT_TYPE] = (byte) type;
        f[AT_SEQ] = (byte) seq;
        f[AT_LEN] = (byte) len;
        f[AT_HCRC] = (byte) LinkCrc.crc8(f, AT_TYPE, AT_HCRC - AT_TYPE);
    }

    /** The credit field for {@code freeWords} of room: whole units, saturating. */
    public static int creditUnits(int freeWords) {
        return Math.min(MAX_CREDIT, Math.max(0, freeWords) / CREDIT_UNIT_WORDS);
    }
}
