package org.heterosyn.protocol;

/**
 * Inputs sent as byte codes (INFER_PACKED, TRAIN_PACKED; docs/protocol.md, "Packed inputs"): code
 * i of a sample is byte i mod 4 of word i / 4, little-endian, and stands for entry code of the
 * device's input table (LOAD_INPUT_TABLE).
 *
 * <pre>
 *  word j:  31        24 23        16 15         8 7          0
 *          +------------+------------+------------+------------+
 *          | code 4j+3  | code 4j+2  | code 4j+1  |  code 4j   |
 *          +------------+------------+------------+------------+
 * </pre>
 *
 * The bytes of the last word past code n_0 - 1 are padding: the host sends 0, the device ignores them.
 */
public final class PackedInputs {
    public static final int CODE_BITS = 8;
    public static final int CODES_PER_WORD = 32 / CODE_BITS;
    /** Entries of the input table: one per byte code. */
    public static final int TABLE_ENTRIES = 1 << CODE_BITS;
    private static final int CODE_MASK = TABLE_ENTRIES - 1;

    private PackedInputs() {}

    /** Words that carry {@code codes} codes. */
    public static int words(int codes) {
        return (codes + CODES_PER_WORD - 1) / CODES_PER_WORD;
    }

    /** The words of these codes (each 0..255), padding 0. */
    public static int[] pack(int[] codes) {
        int[] w = new int[words(codes.length)];
        for (int i = 0; i < codes.length; i++) {
            if ((codes[i] & ~CODE_MASK) != 0) throw new ProtocolException("input code " + codes[i] + " does not fit 8 bits");
            w[i / CODES_PER_WORD] |= codes[i] << CODE_BITS * (i % CODES_PER_WORD);
        }
        return w;
    }

    /** Code {@code i} of packed words. */
    public static int code(int[] words, int from, int i) {
        return words[from + i / CODES_PER_WORD] >>> CODE_BITS * (i % CODES_PER_WORD) & CODE_MASK;
    }
}
