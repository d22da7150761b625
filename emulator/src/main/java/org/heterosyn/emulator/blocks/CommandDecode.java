package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Phase;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.Param;
import org.heterosyn.protocol.Status;

/**
 * Twin of rtl-gen's CommandDecode (heterosyn_command_decode, instance u_ctrl.u_decode): the
 * combinational judgement of a header word, with the same outputs.
 */
public final class CommandDecode {
    private final int inputs;
    private final int layerMask;
    /** hdr_arg values that name a stored matrix. */
    private final boolean[] matrixSelect = new boolean[Header.FIELD8 + 1];

    int op_o;
    int len_o;
    int layer_o;
    int mat_o;
    int status_o;
    int follow_o;
    int rlen_o;
    int next_o;

    CommandDecode(Layout lay) {
        inputs = lay.spec().inputs();
        layerMask = Hw.maskInt(lay.layerBits());
        for (Layout.LayerLayout k : lay.layers()) {
            matrixSelect[Header.matrixSelect(k.k(), 0)] = true;
            if (k.feedback()) matrixSelect[Header.matrixSelect(k.k(), 1)] = true;
        }
    }

    void eval(int hdr_i) {
        int op = hdr_i >>> Header.OPCODE_SHIFT;
        int arg = (hdr_i >>> Header.ARG_SHIFT) & Header.FIELD8;
        int len = hdr_i & Header.LENGTH_MASK;
        Opcode o = Opcode.of(op);
        boolean lenOk = o == null || switch (o) {
            case SET_PARAM -> len == 1;
            case LOAD_WEIGHTS, READ_WEIGHTS -> len != 0;
            case INFER, TRAIN -> len == inputs;
            case STATUS -> len == 0;
        };
        boolean argOk = o == null || switch (o) {
            case SET_PARAM -> arg == Param.SAMPLE_COUNTER.id();
            case LOAD_WEIGHTS, READ_WEIGHTS -> matrixSelect[arg];
            case INFER, TRAIN, STATUS -> arg == 0;
        };
        Status s = o == null ? Status.UNKNOWN_OPCODE : !lenOk ? Status.BAD_LENGTH : !argOk ? Status.BAD_ARGUMENT : Status.OK;
        op_o = op;
        len_o = len;
        layer_o = (arg >>> 1) & layerMask;
        mat_o = arg & 1;
        status_o = s.code();
        follow_o = o == null ? 0 : o.followingWords(len);
        rlen_o = s == Status.OK && o == Opcode.STATUS ? Header.STATUS_WORDS : 0;
        next_o = (s != Status.OK ? (follow_o == 0 ? Phase.RSP_HDR : Phase.DRAIN) : Phase.first(o)).code();
    }
}
