package org.heterosyn.link;

/**
 * The two CRCs of the board link (docs/link.md), shared by the host driver, the hardware generator
 * and its emulator twin. Both are MSB first with no reflection and no final xor, so the byte-at-a-time
 * update here is the same shift register the hardware clocks once per received byte.
 */
public final class LinkCrc {
    /** CRC-8/SMBUS polynomial x^8 + x^2 + x + 1, initial value 0: protects a frame's header. */
    public static final int CRC8_POLY = 0x07;
    public static final int CRC8_INIT = 0x00;
    /** CRC-16/CCITT-FALSE polynomial x^16 + x^12 + x^5 + 1, initial value 0xFFFF: protects a DATA frame. */
    public static final int CRC16_POLY = 0x1021;
    public static final int CRC16_INIT = 0xFFFF;

    private LinkCrc() {}

    /** The CRC-8 after one more byte {@code b} (low 8 bits used). */
    public static int crc8Update(int crc, int b) {
        crc = (crc ^ b) & 0xFF;
        for (int bit = 0; bit < 8; bit++) {
            crc = (crc & 0x80) != 0 ? ((crc << 1) ^ CRC8_POLY) & 0xFF : (crc << 1) & 0xFF;
        }
        return crc;
    }

    /** The CRC-16 after one more byte {@code b} (low 8 bits used). */
    public static int crc16Update(int crc, int b) {
        crc ^= (b & 0xFF) << 8;
        for (int bit = 0; bit < 8; bit++) {
            crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ CRC16_POLY) & 0xFFFF : (crc << 1) & 0xFFFF;
        }
        return crc;
    }

    public static int crc8(byte[] data, int off, int len) {
        int crc = CRC8_INIT;
        for (int i = off; i < off + len; i++) crc = crc8Update(crc, data[i]);
        return crc;
    }

    public static int crc16(byte[] data, int off, int len) {
        int crc = CRC16_INIT;
        for (int i = off; i < off + len; i++) crc = crc16Update(crc, data[i]);
        return crc;
    }
}
