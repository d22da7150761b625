package org.heterosyn.link;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The CRCs' check values as docs/link.md gives them, and frames that check. */
class LinkCrcTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void checkValuesOfDocsLink() {
        assertEquals(0xF4, LinkCrc.crc8(CHECK, 0, CHECK.length));
        assertEquals(0x29B1, LinkCrc.crc16(CHECK, 0, CHECK.length));
    }

    @Test
    void framesCarryTheirCrcs() {
        byte[] f = LinkFrame.data(7, new int[] {0x11223344, -1});
        assertEquals(LinkFrame.HEADER_BYTES + 8 + LinkFrame.CRC_BYTES, f.length);
        assertEquals((byte) LinkFrame.SYNC, f[0]);
        assertEquals(0x44, f[LinkFrame.HEADER_BYTES] & 0xFF, "payload is little-endian");
        assertEquals(LinkCrc.crc8(f, 1, 3), f[LinkFrame.AT_HCRC] & 0xFF);
        int crc = LinkCrc.crc16(f, 1, f.length - 3);
        assertEquals(crc, (f[f.length - 2] & 0xFF) | (f[f.length - 1] & 0xFF) << 8);
        byte[] a = LinkFrame.ack(3, 999);
        assertEquals(LinkFrame.HEADER_BYTES, a.length);
        assertEquals(LinkFrame.MAX_CREDIT, a[LinkFrame.AT_LEN] & 0xFF, "credit saturates");
    }

    @Test
    void creditSaturatesInWholeUnits() {
        assertEquals(0, LinkFrame.creditUnits(3));
        assertEquals(1, LinkFrame.creditUnits(7));
        assertEquals(LinkFrame.MAX_CREDIT, LinkFrame.creditUnits(LinkFrame.BOARD_RX_WORDS + 100));
        assertEquals(0, LinkFrame.creditUnits(-5));
    }
}
