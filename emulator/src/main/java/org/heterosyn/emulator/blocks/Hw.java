package org.heterosyn.emulator.blocks;

/**
 * Bit-level idioms shared by the blocks: the Java side of rtl-gen's Hw helpers. Signed datapath
 * values are held sign-extended in Java ints and longs, control registers as their raw unsigned bits.
 */
public final class Hw {
    private Hw() {}

    /** The low {@code bits} bits set (bits in 0..64). */
    public static long mask(int bits) {
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }

    /** The low {@code bits} bits set (bits in 0..32). */
    static int maskInt(int bits) {
        return bits >= 32 ? -1 : (1 << bits) - 1;
    }

    /** The low {@code bits} bits of v read as a signed number (FIRRTL asSInt of bits(bits-1, 0)). */
    public static int sext(int v, int bits) {
        return (v << (32 - bits)) >> (32 - bits);
    }

    static long sext(long v, int bits) {
        return (v << (64 - bits)) >> (64 - bits);
    }

    /** x clamped to the signed {@code bits}-bit range. */
    static long saturate(long x, int bits) {
        long max = (1L << (bits - 1)) - 1;
        long min = -(1L << (bits - 1));
        return x > max ? max : (x < min ? min : x);
    }

    /**
     * A per-layer constant table indexed by the layer register: rtl-gen's Hw.select yields 0 for a
     * select past the last option, and the layer register can hold such a value (it takes the arg
     * field of any header, even one rejected for naming no layer).
     */
    static int[] perLayer(int layerBits, int[] values) {
        int[] t = new int[Math.max(values.length, 1 << layerBits)];
        System.arraycopy(values, 0, t, 0, values.length);
        return t;
    }
}
