package org.heterosyn.link;

/**
 * The two CRCs of the board link (docs/link.md, "Frames"), declared once: the host link code, the
 * emulator's frame twins and rtl-gen's bytewise CRC logic read these constants and steps.
 * Both are MSB first, without reflection and without a final xor, so one byte step is eight
 * shift-and-conditionally-xor steps of the register, the byte entering at the top.
 */
public final class LinkCrc {
    /** CRC-8/SMBUS: polynomial x^8 + x^2 + x + 1, initial value 0 (check 0xF4 for "123456789"). */
    public static final int CRC8_POLY = 0x07;
    public static final int CRC8_INIT = 0x00;
    public static final int CRC8_BITS = 8;
    /** CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF (check 0x29B1 for "123456789"). */
    public static final int CRC16_POLY = 0x1021;
    public static final int CRC16_INIT = 0xFFFF;
    public static final int CRC16_BITS = 16;

    private LinkCrc() {}

    /** One byte into a CRC of {@code bits} bits with polynomial {@code poly}, MSB first. */
    public static int step(int crc, int b, int poly, int bits) {
        int top = 1 << (bits - 1);
        int mask = (1 << bits) - 1;
        for (int i = 7; i >= 0; i--) {
            boolean fb = ((crc & top) != 0) ^ (((b >> i) & 1) != 0);
            crc = ((crc << 1) & mask) ^ (fb ? poly : 0);
        }
        return crc;
    }

    public static int crc8(int crc, int b) { return step(crc, b & 0xFF, CRC8_POLY, CRC8_BITS); }

    public static int crc16(int crc, int b) { return step(crc, b & 0xFF, CRC16_POLY, CRC16_BITS); }

    /** CRC-8 of {@code len} bytes of {@code data} from {@code off}. */
    public static int crc8(byte[] data, int off, int len) {
        int c = CRC8_INIT;
        for (int i = off; i < off + len; i++) c = crc8(c, data[i]);
        return c;
    }

    /** CRC-16 of {@code len} bytes of {@code data} from {@code off}. */
    public static int crc16(byte[] data, int off, int len) {
        int c = CRC16_INIT;
        for (int i = off; i < off + len; i++) c = crc16(c, data[i]);
        return c;
    }
}
