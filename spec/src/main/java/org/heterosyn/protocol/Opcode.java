package org.heterosyn.protocol;

/**
 * Command opcodes (docs/protocol.md). Each command is a header word followed by a number of words
 * fixed by the opcode and the header's length field, so a malformed command can be skipped
 * without losing the framing of the next one.
 */
public enum Opcode {
    /** arg = parameter id, length = 1; one value word follows. */
    SET_PARAM(0x01),
    /** arg = matrix select, length = count; the start word and count weight words follow. */
    LOAD_WEIGHTS(0x02),
    /** arg = matrix select, length = count; the start word follows; the response carries count words. */
    READ_WEIGHTS(0x03),
    /** arg = 0, length = n_0; n_0 input words follow; the response carries n_L output words. */
    INFER(0x04),
    /** arg = 0, length = n_0; the label word and n_0 input words follow; the response carries n_L outputs. */
    TRAIN(0x05),
    /** arg = 0, length = 0; the response carries {@link Header#STATUS_WORDS} words. */
    STATUS(0x06);

    private final int code;

    Opcode(int code) { this.code = code; }

    public int code() { return code; }

    /** Words that follow a header with this opcode and length field. */
    public int followingWords(int length) {
        return switch (this) {
            case SET_PARAM, INFER, STATUS -> length;
            case LOAD_WEIGHTS, TRAIN -> 1 + length;
            case READ_WEIGHTS -> 1;
        };
    }

    /** The opcode with this code, or null for an unknown one. */
    public static Opcode of(int code) {
        for (Opcode o : values()) {
            if (o.code == code) return o;
        }
        return null;
    }
}
