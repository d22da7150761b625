package org.heterosyn.driver.board;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class LineFaultsTest {
    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 37);
        return b;
    }

    @Test
    void aCleanLinePassesEveryByte() {
        LineFaults f = new LineFaults(0, 1);
        assertArrayEquals(bytes(1000), f.apply(bytes(1000)));
        assertEquals(0, f.faults());
    }

    @Test
    void everyFaultIsAFlipADropOrADuplicateAndTheLengthShowsWhich() {
        LineFaults f = new LineFaults(1, 7);
        byte[] in = bytes(3000);
        byte[] out = f.apply(in);
        assertEquals(in.length, f.faults(), "rate 1: every byte");
        String s = f.summary();
        long flipped = count(s, "bits flipped");
        long dropped = count(s, "dropped");
        long duplicated = count(s, "duplicated");
        assertEquals(in.length, flipped + dropped + duplicated);
        assertEquals(in.length - dropped + duplicated, out.length);
        assertTrue(flipped > 800 && dropped > 800 && duplicated > 800, "a third each: " + s);
    }

    @Test
    void aSeedRepeatsItsFaults() {
        byte[] in = bytes(100_000);
        assertArrayEquals(new LineFaults(1e-3, 5).apply(in), new LineFaults(1e-3, 5).apply(in));
        assertNotEquals(new LineFaults(1e-3, 5).apply(in).length + "" + new LineFaults(1e-3, 5).summary(),
                new LineFaults(1e-3, 6).apply(in).length + "" + new LineFaults(1e-3, 6).summary());
    }

    @Test
    void aRateOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LineFaults(1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new LineFaults(Double.NaN, 1));
    }

    private static long count(String summary, String what) {
        String before = summary.substring(0, summary.indexOf(" " + what));
        return Long.parseLong(before.substring(before.lastIndexOf(' ') + 1).replace(",", ""));
    }
}
