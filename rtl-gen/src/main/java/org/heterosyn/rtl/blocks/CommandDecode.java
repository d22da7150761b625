package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Phase;
import org.heterosyn.manifest.Registers;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.Param;
import org.heterosyn.protocol.Status;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

/**
 * Combinational decode of a command header (docs/protocol.md): its fields, the status it earns
 * (unknown opcode, then bad length, then bad argument), the words that follow it, the payload
 * length of the response when it is known from the header alone, and the phase the controller
 * goes to when it accepts it: DRAIN (or RSP_HDR when nothing follows) for a rejected command,
 * else the opcode's first phase.
 */
public final class CommandDecode {
    public static final String NAME = "heterosyn_command_decode";
    private static final int WORD = Layout.WORD_BITS;

    private CommandDecode() {}

    public static ModuleDef build(Circuit c, Layout lay) {
        if (c.has(NAME)) return c.get(NAME);
        Module m = new Module(NAME);
        Expr hdr = m.input("hdr_i", Type.uint(WORD));
        Expr.Ref opO = m.output("op_o", Type.uint(8));
        Expr.Ref lenO = m.output("len_o", Type.uint(16));
        Expr.Ref layerO = m.output("layer_o", Type.uint(lay.layerBits()));
        Expr.Ref matO = m.output("mat_o", Type.bool());
        Expr.Ref statusO = m.output("status_o", Type.uint(Registers.statusBits()));
        Expr.Ref followO = m.output("follow_o", Type.uint(17));
        Expr.Ref rlenO = m.output("rlen_o", Type.uint(16));
        Expr.Ref nextO = m.output("next_o", Type.uint(Phase.BITS));

        Expr op = hdr.bits(WORD - 1, Header.OPCODE_SHIFT);
        Expr arg = hdr.bits(Header.OPCODE_SHIFT - 1, Header.ARG_SHIFT);
        Expr len = hdr.bits(Header.ARG_SHIFT - 1, 0);
        Expr known = Expr.FALSE;
        for (Opcode o : Opcode.values()) known = known.or(op.eq(o.code()));
        Expr isSet = op.eq(Opcode.SET_PARAM.code());
        Expr isLoad = op.eq(Opcode.LOAD_WEIGHTS.code());
        Expr isRead = op.eq(Opcode.READ_WEIGHTS.code());
        Expr isInfer = op.eq(Opcode.INFER.code());
        Expr isTrain = op.eq(Opcode.TRAIN.code());
        Expr isStatus = op.eq(Opcode.STATUS.code());
        Expr lenOk = Expr.mux(isSet, len.eq(1),
                Expr.mux(isLoad.or(isRead), len.neq(0),
                        Expr.mux(isInfer.or(isTrain), len.eq(lay.spec().inputs()), len.eq(0))));
        Expr selOk = Expr.FALSE;
        for (Layout.LayerLayout k : lay.layers()) {
            selOk = selOk.or(arg.eq(Header.matrixSelect(k.k(), 0)));
            if (k.feedback()) selOk = selOk.or(arg.eq(Header.matrixSelect(k.k(), 1)));
        }
        Expr argOk = Expr.mux(isSet, arg.eq(Param.SAMPLE_COUNTER.id()), Expr.mux(isLoad.or(isRead), selOk, arg.eq(0)));
        Expr status = m.node("status", Expr.mux(known.not(), code(Status.UNKNOWN_OPCODE),
                Expr.mux(lenOk.not(), code(Status.BAD_LENGTH),
                        Expr.mux(argOk.not(), code(Status.BAD_ARGUMENT), code(Status.OK)))));
        // Words after the header (Opcode.followingWords); an unknown opcode has none.
        Expr follow = m.node("follow", Expr.mux(isLoad.or(isTrain), len.add(Expr.u(1, 1)),
                Expr.mux(isRead, Expr.u(1, 1), Expr.mux(known, len, Expr.u(0, 1)))));
        // An AND-OR over the opcodes (a mux chain would be folded by firtool into array indexing).
        Expr accepted = Expr.u(0, Phase.BITS);
        for (Opcode o : Opcode.values()) accepted = accepted.or(Expr.mux(op.eq(o.code()), phase(Phase.first(o)), phase(Phase.IDLE)));
        Expr rejected = Expr.mux(follow.eq(0), phase(Phase.RSP_HDR), phase(Phase.DRAIN));
        Expr ok = status.eq(Status.OK.code());

        m.connect(opO, op);
        m.connect(lenO, len);
        m.connect(layerO, arg.bits(lay.layerBits(), 1));
        m.connect(matO, arg.bit(0));
        m.connect(statusO, status);
        m.connect(followO, follow);
        m.connect(rlenO, Expr.mux(ok.and(isStatus), Expr.u(Header.STATUS_WORDS, 16), Expr.u(0, 16)));
        m.connect(nextO, Expr.mux(ok, accepted, rejected));
        c.add(m);
        return m;
    }

    private static Expr code(Status s) { return Expr.u(s.code(), Registers.statusBits()); }

    private static Expr phase(Phase p) { return Expr.u(p.code(), Phase.BITS); }
}
