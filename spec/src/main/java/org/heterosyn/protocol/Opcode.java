package org.heterosyn.protocol;

import org.heterosyn.spec.DesignSpec;

/**
 * Command opcodes and their header rules (docs/protocol.md, "Commands"; ProtocolDocumentTest holds
 * that table equal to this one). Each command is a header word followed by a number of words fixed
 * by the opcode and the header's length field, so a malformed command can be skipped without losing
 * the framing of the next one.
 */
public enum Opcode {
    SET_PARAM(0x01, ArgRule.PARAMETER, LengthRule.ONE, 0, Follow.WORDS, "the value", "none"),
    LOAD_WEIGHTS(0x02, ArgRule.MATRIX_SELECT, LengthRule.COUNT, 1, Follow.WORDS, "start index, then count weights", "none"),
    READ_WEIGHTS(0x03, ArgRule.MATRIX_SELECT, LengthRule.COUNT, 1, Follow.NONE, "start index", "count weights"),
    INFER(0x04, ArgRule.ZERO, LengthRule.INPUTS, 0, Follow.WORDS, "n_0 input values", "n_L output values y"),
    TRAIN(0x05, ArgRule.ZERO, LengthRule.INPUTS, 1, Follow.WORDS, "label, then n_0 input values",
            "n_L output values y (before the update)"),
    STATUS(0x06, ArgRule.ZERO, LengthRule.ZERO, 0, Follow.WORDS, "none", Header.STATUS_WORDS + " status words"),
    LOAD_INPUT_TABLE(0x07, ArgRule.ZERO, LengthRule.TABLE, 0, Follow.WORDS,
            PackedInputs.TABLE_ENTRIES + " values: the value of code 0, 1, ..., " + (PackedInputs.TABLE_ENTRIES - 1), "none"),
    INFER_PACKED(0x08, ArgRule.ZERO, LengthRule.INPUTS, 0, Follow.CODES, "ceil(n_0 / 4) words of input codes",
            "n_L output values y"),
    TRAIN_PACKED(0x09, ArgRule.ZERO, LengthRule.INPUTS, 1, Follow.CODES, "label, then ceil(n_0 / 4) words of input codes",
            "n_L output values y (before the update)");

    /** What the arg field of a header must hold. */
    public enum ArgRule {
        /** A {@link Param} id. */
        PARAMETER("parameter id"),
        /** A {@link Header#matrixSelect} naming a matrix the design stores. */
        MATRIX_SELECT("matrix select"),
        ZERO("0");

        private final String text;

        ArgRule(String text) { this.text = text; }

        /** As docs/protocol.md writes the rule. */
        public String text() { return text; }

        public boolean check(int arg, DesignSpec spec) {
            return switch (this) {
                case PARAMETER -> Param.of(arg) != null;
                case MATRIX_SELECT -> Header.selectedLayer(arg) < spec.weightLayers()
                        && (Header.selectedMatrix(arg) == Command.MATRIX_W || spec.hasFeedback(Header.selectedLayer(arg)));
                case ZERO -> arg == 0;
            };
        }
    }

    /** What the length field of a header must hold. */
    public enum LengthRule {
        ONE("1"),
        /** Any count the field can hold but 0. */
        COUNT("count, 1.." + Header.MAX_LENGTH),
        /** The design's n_0. */
        INPUTS("n_0"),
        /** The input table's entries. */
        TABLE(String.valueOf(PackedInputs.TABLE_ENTRIES)),
        ZERO("0");

        private final String text;

        LengthRule(String text) { this.text = text; }

        /** As docs/protocol.md writes the rule. */
        public String text() { return text; }

        public boolean check(int length, DesignSpec spec) {
            return switch (this) {
                case ONE -> length == 1;
                case COUNT -> length != 0;
                case INPUTS -> length == spec.inputs();
                case TABLE -> length == PackedInputs.TABLE_ENTRIES;
                case ZERO -> length == 0;
            };
        }
    }

    /** What the length field counts among the words that follow the header. */
    public enum Follow {
        /** Nothing (READ_WEIGHTS's length counts response words). */
        NONE,
        /** One word each. */
        WORDS,
        /** One byte code each, {@link PackedInputs#CODES_PER_WORD} to a word. */
        CODES;

        /** Words that a length field of {@code length} counts. */
        public int words(int length) {
            return switch (this) {
                case NONE -> 0;
                case WORDS -> length;
                case CODES -> PackedInputs.words(length);
            };
        }
    }

    private final int code;
    private final ArgRule arg;
    private final LengthRule length;
    private final int fixedWords;
    private final Follow follow;
    private final String follows;
    private final String payload;

    /**
     * @param fixedWords        words after the header before those the length counts (a start index or a label)
     * @param follow            what the length field counts among the words that follow
     * @param follows           the words after the header, as docs/protocol.md describes them
     * @param payload           the payload of its OK response, as docs/protocol.md describes it
     */
    Opcode(int code, ArgRule arg, LengthRule length, int fixedWords, Follow follow, String follows,
           String payload) {
        this.code = code;
        this.arg = arg;
        this.length = length;
        this.fixedWords = fixedWords;
        this.follow = follow;
        this.follows = follows;
        this.payload = payload;
    }

    public int code() { return code; }

    public ArgRule arg() { return arg; }

    public LengthRule length() { return length; }

    public int fixedWords() { return fixedWords; }

    public Follow follow() { return follow; }

    public String follows() { return follows; }

    public String payload() { return payload; }

    /** Words that follow a header with this opcode and length field, whether or not the header is valid. */
    public int followingWords(int length) {
        return fixedWords + follow.words(length);
    }

    /** The header checks of a known opcode, in the controller's order: length, then argument. */
    public Status check(int arg, int length, DesignSpec spec) {
        if (!this.length.check(length, spec)) return Status.BAD_LENGTH;
        if (!this.arg.check(arg, spec)) return Status.BAD_ARGUMENT;
        return Status.OK;
    }

    /** The opcode with this code, or null for an unknown one. */
    public static Opcode of(int code) {
        for (Opcode o : values()) {
            if (o.code == code) return o;
        }
        return null;
    }
}
