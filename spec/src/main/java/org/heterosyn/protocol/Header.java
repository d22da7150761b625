package org.heterosyn.protocol;

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
    /** "HS" and protocol version 1: the first status word. */
    public static final int MAGIC = 0x4853_0001;
    public static final int STATUS_WORDS = 5;

    public Header {
        if ((opcode & ~FIELD8) != 0) throw new ProtocolException("opcode " + opcode + " does not fit 8 bits");
        if ((arg & ~FIELD8) != 0) throw new ProtocolException("arg " + arg + " does not fit 8 bits");
        if ((length & ~LENGTH_MASK) != 0) throw new ProtocolException("length " + length + " does not fit 16 bits");
    }

    public int word() { return opcode << OPCODE_SHIFT | arg << ARG_SHIFT | length; }

    public static Header decode(int word) {
        return new Header(word >>> OPCODE_SHIFT, (word >>> ARG_SHIFT) & FIELD8, word & LENGTH_MASK);
    }

    /** The arg of LOAD_WEIGHTS / READ_WEIGHTS: weight layer in bits 7..1, matrix (0 = W, 1 = B) in bit 0. */
    public static int matrixSelect(int layer, int matrix) {
        if (layer < 0 || layer > FIELD8 >> 1 || (matrix & ~1) != 0) {
            throw new ProtocolException("no matrix select for layer " + layer + ", matrix " + matrix);
        }
        return layer << 1 | matrix;
    }
}
