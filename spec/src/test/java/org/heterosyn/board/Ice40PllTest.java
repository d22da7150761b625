package org.heterosyn.board;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PLL search gives what icestorm's icepll prints (icepll -i 12 -o F, checked by hand). */
class Ice40PllTest {
    @Test
    void twentyFourFromTwelveAsIcepll() {
        Ice40Pll p = Ice40Pll.of(12, 24);
        assertEquals(new Ice40Pll(0, 63, 5, 1, 12, 24), p);
    }

    @Test
    void fortyEightFromTwelve() {
        // icepll -i 12 -o 48: DIVR 0, DIVF 63, DIVQ 4, FILTER_RANGE 1
        assertEquals(new Ice40Pll(0, 63, 4, 1, 12, 48), Ice40Pll.of(12, 48));
    }

    @Test
    void thirtyFromTwelve() {
        // icepll -i 12 -o 30: DIVR 0, DIVF 79, DIVQ 5, FILTER_RANGE 1
        assertEquals(new Ice40Pll(0, 79, 5, 1, 12, 30), Ice40Pll.of(12, 30));
    }

    @Test
    void outOfRangeIsRefused() {
        assertThrows(BoardException.class, () -> Ice40Pll.of(12, 5));
        assertThrows(BoardException.class, () -> Ice40Pll.of(12, 13));
        // The oscillator's own frequency: no PLL.
        assertTrue(Ice40Pll.of(12, 12).bypass());
        assertFalse(Ice40Pll.of(12, 24).bypass());
    }
}
