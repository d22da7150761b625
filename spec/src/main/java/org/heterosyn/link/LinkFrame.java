package org.heterosyn.link;

/**
 * The constants of board link version 2 (docs/link.md), one copy for the host driver, the hardware
 * generator and its emulator twin.
 * <pre>
 *  byte 0   1      2     3     4      5 ..               last two
 * +------+------+-----+-----+------+--------------------+-------+-------+
 * | 0xA5 | type | seq | len | hcrc | len x 4 bytes, LE  | crcLo | crcHi |
 * +------+------+-----+-----+------+--------------------+-------+-------+
 *         \_ CRC-8 _____/           (DATA only; CRC-16 over type .. last payload byte)
 * </pre>
 * In an ACK, {@code seq} is the next sequence number the receiver expects and {@code len} its
 * credit in units of {@link #CREDIT_UNIT_WORDS} words.
 */
public final class LinkFrame {
    public static final int SYNC = 0xA5;
    public static final int DATA = 1;
    public static final int ACK = 2;
    /** Payload words of a DATA frame: 1 .. 64, so a frame (263 bytes) is a few FTDI USB packets. */
    public static final int MAX_WORDS = 64;
    /** Sync, type, seq, len, hcrc. */
    public static final int HEADER_BYTES = 5;
    public static final int CRC_BYTES = 2;
    public static final int MAX_FRAME_BYTES = HEADER_BYTES + 4 * MAX_WORDS + CRC_BYTES;
    /** Unacknowledged DATA frames a sender may hold; far below 256, so an ACK's seq is never ambiguous. */
    public static final int WINDOW = 8;
    /** An ACK's credit counts room in units of this many words. */
    public static final int CREDIT_UNIT_WORDS = 4;
    /** The largest credit an ACK can carry (it saturates). */
    public static final int MAX_CREDIT = 255;
    /**
     * Credit a sender assumes before its first ACK: one full frame, the least any receiver must buffer
     * (a frame's words stay uncommitted until its CRC-16 checks).
     */
    public static final int INITIAL_CREDIT_UNITS = MAX_WORDS / CREDIT_UNIT_WORDS;
    /** A receiver sends an ACK unasked once its credit has grown by this many units since its last ACK. */
    public static final int CREDIT_UPDATE_UNITS = 16;
    /** Go-back-N rounds without progress before a sender declares the link dead. */
    public static final int RETRY_ROUNDS = 8;
    /** Words the board's command FIFO holds: the receive buffer whose free space is the board's credit. */
    public static final int BOARD_RX_WORDS = 1024;

    private LinkFrame() {}

    /** The credit field for {@code freeWords} of room: whole units, saturating. */
    public static int creditUnits(int freeWords) {
        return Math.min(MAX_CREDIT, Math.max(0, freeWords) / CREDIT_UNIT_WORDS);
    }
}
