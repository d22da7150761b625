package org.heterosyn.protocol;

import org.heterosyn.spec.DesignSpec;

/**
 * The first word of every command and every response.
 *
 * <pre>
 *  command:   31      24 23      16 15                 0
 *            +----------+----------+--------------------+
 *            |  opcode  |   arg    |       length       |
 *            +----------+----------+--------------------+
 *  response: |  opcode  |  status  |   payload words    |
 * </pre>
 */
public record Header(int opcode, int arg, int length) {
    public static final int OPCODE_SHIFT = 24;
    public static final int ARG_SHIFT = 16;
    public static final int FIELD8 = 0xFF;
    public static final int LENGTH_MASK = 0xFFFF;
    public static final int MAX_LENGTH = LENGTH_MASK;
    /** "HS" and protocol version 2 (packed inputs): the first status word ({@link StatusWord#MAGIC}). */
    public static final int MAGIC = 0x4853_0002;
    /** Words of the STATUS response. */
    public static final int STATUS_WORDS = StatusWord.values().length;

    public Header {
        if ((opcode & ~FIELD8) != 0) throw new ProtocolException("opcode " + opcode + " does not fit 8 bits");
        if ((arg & ~FIELD8) != 0) throw new ProtocolException("arg " + arg + " does not fit 8 bits");
        if ((length & ~LENGTH_MASK) != 0) throw new ProtocolException("length " + length + " does not fit 16 bits");
    }

    public int word() { return opcode << OPCODE_SHIFT | arg << ARG_SHIFT | length; }

    public static Header decode(int word) {
        return new Header(word >>> OPCODE_SHIFT, (word >>> ARG_SHIFT) & FIELD8, word & LENGTH_MASK);
    }

    /**
     * The status of this header on a design: UNKNOWN_OPCODE, else the opcode's checks
     * ({@link Opcode#check}). The start or label word that follows is checked when it arrives.
     */
    public Status check(DesignSpec spec) {
        Opcode op = Opcode.of(opcode);
        return op == null ? Status.UNKNOWN_OPCODE : op.check(arg, length, spec);
    }

    /** The arg of LOAD_WEIGHTS / READ_WEIGHTS: weight layer in bits 7..1, matrix (0 = W, 1 = B) in bit 0. */
    public static int matrixSelect(int layer, int matrix) {
        if (layer < 0 || layer > FIELD8 >> 1 || (matrix & ~1) != 0) {
            throw new ProtocolException("no matrix select for layer " + layer + ", matrix " + matrix);
        }
        return layer << 1 | matrix;
    }

    /** The weight layer of a matrix select. */
    public static int selectedLayer(int arg) { return arg >>> 1; }

    /** The matrix (Command.MATRIX_W or MATRIX_B) of a matrix select. */
    public static int selectedMatrix(int arg) { return arg & 1; }
}
