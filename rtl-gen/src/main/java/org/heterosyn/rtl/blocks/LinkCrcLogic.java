package org.heterosyn.rtl.blocks;

import org.heterosyn.link.LinkCrc;
import org.heterosyn.rtl.firrtl.Expr;

/**
 * The link CRCs of {@link LinkCrc} as combinational logic: one byte per cycle, the eight
 * shift-and-xor steps of {@link LinkCrc#step} unrolled into xor trees.
 */
final class LinkCrcLogic {
    private LinkCrcLogic() {}

    static Expr crc8(Expr crc, Expr b) { return step(crc, b, LinkCrc.CRC8_POLY, LinkCrc.CRC8_BITS); }

    static Expr crc16(Expr crc, Expr b) { return step(crc, b, LinkCrc.CRC16_POLY, LinkCrc.CRC16_BITS); }

    private static Expr step(Expr crc, Expr b, int poly, int bits) {
        Expr c = crc;
        Expr p = Expr.u(poly, bits);
        Expr none = Expr.u(0, bits);
        for (int i = 7; i >= 0; i--) {
            Expr fb = c.bit(bits - 1).xor(b.bit(i));
            c = c.shl(1).low(bits).xor(Expr.mux(fb, p, none));
        }
        return c;
    }
}
