package org.heterosyn.emulator;

/**
 * The digest both sides of a co-simulation compute over a sample of named state (the word layout of
 * {@link CycleEmulator#sample()} and of the shim's watch groups), so that a cycle's state is
 * compared as one 64-bit value instead of word by word across JNA. The shim (hs_shim.cpp,
 * hs_digest_keys) gets its keys from {@link #keys}, so the key formula lives here alone; the term
 * formula is written twice, here and in the shim's {@code term()}, and a co-simulation test holds
 * the two equal (any difference is a digest mismatch on identical state).
 *
 * <pre>
 *   digest = sum over words i of term(key(i), w_i)   (mod 2^64, w_i the 32-bit word as unsigned)
 *   term(k, w) = x ^ (x >>> 32), x = (k ^ w) * MIX
 * </pre>
 *
 * term is a bijection of w for each word position (xor with the key, an odd multiplier and an
 * xorshift are each invertible), so a state that differs in one word always has another digest;
 * several words differing in the same cycle escape only if their terms' changes sum to 0 mod 2^64.
 */
public final class StateDigest {
    /** Odd, so multiplying by it is a bijection mod 2^64 (the splitmix64 finaliser's first constant). */
    static final long MIX = 0xbf58476d1ce4e5b9L;
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private StateDigest() {}

    /** The key of word {@code index} of a sample: splitmix64 of the index, different for every position. */
    public static long key(int index) {
        long z = (index + 1L) * GOLDEN;
        z = (z ^ (z >>> 30)) * MIX;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The keys of words 0 .. words-1. */
    public static long[] keys(int words) {
        long[] k = new long[words];
        for (int i = 0; i < words; i++) k[i] = key(i);
        return k;
    }

    /** One word's share of a digest. */
    public static long term(long key, int word) {
        long x = (key ^ (word & 0xFFFF_FFFFL)) * MIX;
        return x ^ (x >>> 32);
    }

    /** The digest of a whole sample (what the sides compute word by word as they read their state). */
    public static long of(int[] sample) {
        long d = 0;
        for (int i = 0; i < sample.length; i++) d += term(key(i), sample[i]);
        return d;
    }
}
