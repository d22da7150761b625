package org.heterosyn.rtl.firrtl;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Tag("unit")
class ExprTest {
    private static Expr u(int w) { return new Expr.Ref("a", Type.uint(w), false); }

    private static Expr s(int w) { return new Expr.Ref("b", Type.sint(w), false); }

    @Test
    void resultTypesFollowFirrtlWidthRules() {
        assertEquals(Type.uint(9), u(8).add(u(4)).type());
        assertEquals(Type.sint(17), s(16).sub(s(12)).type());
        assertEquals(Type.sint(32), s(16).mul(s(16)).type());
        assertEquals(Type.uint(1), s(16).lt(s(3)).type());
        assertEquals(Type.sint(20), s(16).shl(4).type());
        assertEquals(Type.sint(4), s(16).shr(12).type());
        assertEquals(Type.uint(1), u(4).shr(9).type(), "shr keeps at least one bit");
        assertEquals(Type.sint(9), u(8).cvt().type());
        assertEquals(Type.sint(17), s(16).neg().type());
        assertEquals(Type.uint(12), u(8).cat(u(4)).type());
        assertEquals(Type.uint(3), u(8).bits(5, 3).type());
        assertEquals(Type.uint(8), u(8).and(u(3)).type());
        assertEquals(Type.sint(12), Expr.mux(u(1), s(12), s(5)).type());
        assertEquals(Type.sint(5), s(9).low(5).type());
        assertEquals(Type.sint(24), s(9).resize(24).type());
    }

    @Test
    void emitsFirrtlSyntax() {
        assertEquals("add(a, UInt<3>(5))", u(8).add(Expr.u(5, 3)).emit());
        assertEquals("asSInt(bits(b, 4, 0))", s(9).low(5).emit());
        assertEquals("mux(a, b, SInt<4>(-3))", Expr.mux(u(1), s(4), Expr.s(-3, 4)).emit());
        assertEquals("pad(b, 20)", s(16).pad(20).emit());
        assertEquals("b", s(16).pad(8).emit(), "pad to a narrower width is the value itself");
        assertEquals("shr(b, 3)", s(16).shr(3).emit());
    }

    @Test
    void rejectsMixedKindsAndBadLiterals() {
        assertThrows(FirrtlException.class, () -> u(4).add(s(4)));
        assertThrows(FirrtlException.class, () -> Expr.mux(u(2), u(1), u(1)));
        assertThrows(FirrtlException.class, () -> Expr.u(16, 4));
        assertThrows(FirrtlException.class, () -> Expr.s(8, 4));
        assertThrows(FirrtlException.class, () -> u(4).bits(4, 0));
        assertThrows(FirrtlException.class, () -> Type.uint(0));
    }

    @Test
    void literalsCoverTheirRange() {
        assertEquals("SInt<4>(-8)", Expr.s(-8, 4).emit());
        assertEquals("SInt<4>(7)", Expr.s(7, 4).emit());
        assertEquals("UInt<32>(4294967295)", Expr.u(0xFFFF_FFFFL, 32).emit());
        assertEquals(Type.uint(5), Expr.u(20).type());
        assertEquals(Type.uint(5), u(3).lit(20).type(), "a comparison literal widens to hold its value");
    }
}
