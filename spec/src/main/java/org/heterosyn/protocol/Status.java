package org.heterosyn.protocol;

/** The status byte of a response header. Any status but OK means no state changed. */
public enum Status {
    OK(0),
    /** The opcode is not one of {@link Opcode}; only the header word was consumed. */
    UNKNOWN_OPCODE(1),
    /** The length field does not fit the opcode (e.g. inputs != n_0, count 0). */
    BAD_LENGTH(2),
    /** The arg field names no parameter or no stored matrix, or a reserved field is not zero. */
    BAD_ARGUMENT(3),
    /** A start address, count or label outside the design. */
    OUT_OF_RANGE(4);

    private final int code;

    Status(int code) { this.code = code; }

    public int code() { return code; }

    public static Status of(int code) {
        for (Status s : values()) {
            if (s.code == code) return s;
        }
        throw new ProtocolException("unknown status code " + code);
    }
}
