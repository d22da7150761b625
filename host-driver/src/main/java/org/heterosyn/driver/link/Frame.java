package org.heterosyn.driver.link;

import java.io.ByteArrayOutputStream;

/**
 * One frame of the board link (docs/link.md):
 * <pre>
 *   +------+------+-----+-------+-------+---------------------+-------+-------+
 *   | 0xA5 | type | seq | lenLo | lenHi | len words, LE bytes | crcLo | crcHi |
 *   +------+------+-----+-------+-------+---------------------+-------+-------+
 *           \______________________ CRC-16/CCITT-FALSE ______/
 * </pre>
 * type 1 = DATA (command or response words), 2 = ACK (len 0, seq = the DATA frame acknowledged).
 */
public record Frame(int type, int seq, int[] words) {
    public static final int SYNC = 0xA5;
    public static final int DATA = 1;
    public static final int ACK = 2;
    /** Largest payload: the board's frame buffer is 1 KiB. */
    public static final int MAX_WORDS = 256;
    static final int HEADER_BYTES = 5;
    static final int CRC_BYTES = 2;

    public Frame {
        if (type != DATA && type != ACK) throw new IllegalArgumentException("frame type " + type);
        if ((seq & ~0xFF) != 0) throw new IllegalArgumentException("seq " + seq + " does not fit a byte");
        if (words.length > MAX_WORDS) throw new IllegalArgumentException(words.length + " words exceed " + MAX_WORDS);
        words = words.clone();
    }

    public static Frame ack(int seq) { return new Frame(ACK, seq, new int[0]); }

    public byte[] encode() {
        ByteArrayOutputStream b = new ByteArrayOutputStream(HEADER_BYTES + 4 * words.length + CRC_BYTES);
        b.write(SYNC);
        b.write(type);
        b.write(seq);
        b.write(words.length & 0xFF);
        b.write(words.length >>> 8);
        for (int w : words) {
            for (int k = 0; k < 4; k++) b.write(w >>> (8 * k));
        }
        byte[] body = b.toByteArray();
        int crc = crc16(body, 1, body.length - 1);
        b.write(crc & 0xFF);
        b.write(crc >>> 8);
        return b.toByteArray();
    }

    /** CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final xor. */
    public static int crc16(byte[] data, int from, int length) {
        int crc = 0xFFFF;
        for (int i = from; i < from + length; i++) {
            crc ^= (data[i] & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }
        return crc;
    }
}
