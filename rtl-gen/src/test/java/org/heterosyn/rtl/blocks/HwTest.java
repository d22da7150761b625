package org.heterosyn.rtl.blocks;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.heterosyn.rtl.firrtl.Expr;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties of Hw's circuits; the co-simulation tests check the generated RTL itself. */
@Tag("unit")
class HwTest {

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
