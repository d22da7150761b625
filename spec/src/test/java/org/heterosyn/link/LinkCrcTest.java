package org.heterosyn.link;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class LinkCrcTest {
    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void checkValuesOfTheCatalogue() {
        assertEquals(0xF4, LinkCrc.crc8(CHECK, 0, CHECK.length), "CRC-8/SMBUS check value");
        assertEquals(0x29B1, LinkCrc.crc16(CHECK, 0, CHECK.length), "CRC-16/CCITT-FALSE check value");
    }

    @Test
    void creditSaturatesInWholeUnits() {
        assertEquals(0, LinkFrame.creditUnits(3));
        assertEquals(1, LinkFrame.creditUnits(7));
        assertEquals(LinkFrame.MAX_CREDIT, LinkFrame.creditUnits(LinkFrame.BOARD_RX_WORDS + 100));
        assertEquals(0, LinkFrame.creditUnits(-5));
    }
}
