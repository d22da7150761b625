package org.heterosyn.manifest;

/**
 * The controller's states; the code of each is its ordinal, the value of heterosyn_controller's
 * state_q register (docs/architecture.md, "Controller").
 */
public enum Phase {
    /** Waiting for a command header. */
    IDLE,
    /** Consuming the words of a rejected command before its error response. */
    DRAIN,
    /** Sending a response header. */
    RSP_HDR,
    /** SET_PARAM: the value word. */
    SP_DATA,
    /** LOAD/READ_WEIGHTS: the start word and the range check. */
    ADDR,
    /** LOAD/READ_WEIGHTS: walking from the matrix origin to the start position. */
    SEEK,
    /** LOAD_WEIGHTS: one weight word per cycle. */
    LD_DATA,
    /** READ_WEIGHTS: read the memory... */
    RD_ISSUE,
    /** ...then send the word. */
    RD_SEND,
    /** TRAIN: the label word. */
    LABEL,
    /** INFER/TRAIN: one input word per cycle into h_0. */
    IN_DATA,
    /** Forward passes of all weight layers. */
    FWD,
    /** Output words: read y... */
    OUT_ISSUE,
    /** ...send it (and, for TRAIN, write e_L). */
    OUT_SEND,
    /** STATUS: the status words. */
    ST_SEND,
    /** TRAIN: the Threefry dither keys of one layer. */
    KEY,
    /** TRAIN: the update (and feedback) pass of one layer. */
    UPD,
    /** TRAIN: the sample counter steps. */
    FINISH,
    /** LOAD_INPUT_TABLE: one table value per cycle. */
    TB_DATA,
    /**
     * INFER/TRAIN_PACKED: one input code per cycle looked up in the input table, its value written
     * into h_0 the cycle after (the table's read latency), so one cycle more than IN_DATA.
     */
    PK_DATA;

    public static final int BITS = Layout.bits(values().length - 1);

    public int code() { return ordinal(); }

    /** The phase the controller enters when it accepts a header with this opcode. */
    public static Phase first(org.heterosyn.protocol.Opcode op) {
        return switch (op) {
            case SET_PARAM -> SP_DATA;
            case LOAD_WEIGHTS, READ_WEIGHTS -> ADDR;
            case INFER -> IN_DATA;
            case TRAIN, TRAIN_PACKED -> LABEL;
            case INFER_PACKED -> PK_DATA;
            case LOAD_INPUT_TABLE -> TB_DATA;
            case STATUS -> RSP_HDR;
        };
    }
}
