package org.heterosyn.rtl.blocks;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.heterosyn.rtl.firrtl.Expr;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The arithmetic identities Hw's circuits rely on; the co-simulation tests check the generated RTL itself. */
@Tag("unit")
class HwTest {

    /** Hw.smul's identity: the unsigned product of the raw bits minus the two sign corrections. */
    @Test
    void signedProductFromUnsignedOne() {
        SplittableRandom rng = new SplittableRandom(13);
        for (int i = 0; i < 100_000; i++) {
            int wa = 2 + rng.nextInt(23);
            int wb = 2 + rng.nextInt(23);
            long a = rng.nextLong(-(1L << (wa - 1)), 1L << (wa - 1));
            long b = rng.nextLong(-(1L << (wb - 1)), 1L << (wb - 1));
            long ua = a & ((1L << wa) - 1);
            long ub = b & ((1L << wb) - 1);
            long p = ua * ub - (a < 0 ? ub << wa : 0) - (b < 0 ? ua << wb : 0);
            long w = wa + wb;
            long signed = (p << (64 - w)) >> (64 - w);
            assertEquals(a * b, signed, a + " * " + b);
        }
    }

    /**
     * A select over as many options as a wide design has lanes is a tree, not a chain: emitting a
     * chain recursed once per option and overflowed the stack past about a thousand lanes.
     */
    @Test
    void aSelectOverManyOptionsEmitsWithoutDeepRecursion() {
        int n = 100_000;
        List<Expr> options = new ArrayList<>();
        for (int i = 0; i < n; i++) options.add(Expr.u(i & 1, 1));
        String text = Hw.select(Expr.u(5, 17), options).emit();
        assertTrue(text.startsWith("or(or("), text.substring(0, 40));
        assertEquals(n - 1, text.split("or\\(", -1).length - 1, "one or per pair of options");
    }
}
