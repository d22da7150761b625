package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Phase;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.Status;
import org.heterosyn.spec.DesignSpec;

/**
 * Twin of rtl-gen's CommandDecode (heterosyn_command_decode, instance u_ctrl.u_decode): the
 * combinational judgement of a header word, with the same outputs.
 */
public final class CommandDecode {
    private final DesignSpec spec;
    private final int layerMask;

    int op_o;
    int len_o;
    int layer_o;
    int mat_o;
    int status_o;
    int follow_o;
    int rlen_o;
    int next_o;

    CommandDecode(Layout lay) {
        spec = lay.spec();
        layerMask = Hw.maskInt(lay.layerBits());
    }

    void eval(int hdr_i) {
        int op = hdr_i >>> Header.OPCODE_SHIFT;
        int arg = (hdr_i >>> Header.ARG_SHIFT) & Header.FIELD8;
        int len = hdr_i & Header.LENGTH_MASK;
        Opcode o = Opcode.of(op);
        Status s = o == null ? Status.UNKNOWN_OPCODE : o.check(arg, len, spec);
        op_o = op;
        len_o = len;
        layer_o = Header.selectedLayer(arg) & layerMask;
        mat_o = Header.selectedMatrix(arg);
        status_o = s.code();
        follow_o = o == null ? 0 : o.followingWords(len);
        rlen_o = s == Status.OK && o == Opcode.STATUS ? Header.STATUS_WORDS : 0;
        next_o = (s != Status.OK ? (follow_o == 0 ? Phase.RSP_HDR : Phase.DRAIN) : Phase.first(o)).code();
    }
}
