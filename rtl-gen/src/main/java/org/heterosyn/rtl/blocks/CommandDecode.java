package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Phase;
import org.heterosyn.manifest.Registers;
import org.heterosyn.protocol.Command;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.PackedInputs;
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
        // Each opcode's rules (Opcode.ArgRule, LengthRule) as logic, selected by the opcode.
        Expr known = Expr.FALSE;
        Expr lenOk = Expr.FALSE;
        Expr argOk = Expr.FALSE;
        Expr follow = Expr.u(0, 17);
        Expr accepted = Expr.u(0, Phase.BITS);
        for (Opcode o : Opcode.values()) {
            Expr is = op.eq(o.code());
            known = known.or(is);
            lenOk = lenOk.or(is.and(length(o.length(), len, lay)));
            argOk = argOk.or(is.and(argument(o.arg(), arg, lay)));
            Expr words = following(o, len);
            // AND-OR, not a mux chain: firtool would fold a chain into array indexing.
            follow = follow.or(Expr.mux(is, words, Expr.u(0, 1)));
            accepted = accepted.or(Expr.mux(is, phase(Phase.first(o)), phase(Phase.IDLE)));
        }
        Expr status = m.node("status", Expr.mux(known.not(), code(Status.UNKNOWN_OPCODE),
                Expr.mux(lenOk.not(), code(Status.BAD_LENGTH),
                        Expr.mux(argOk.not(), code(Status.BAD_ARGUMENT), code(Status.OK)))));
        follow = m.node("follow", follow);
        Expr isStatus = op.eq(Opcode.STATUS.code());
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

    /** Opcode.followingWords as logic: the fixed words plus those the length counts (17 bits at most). */
    private static Expr following(Opcode o, Expr len) {
        Expr fixed = Expr.u(o.fixedWords(), 1);
        return switch (o.follow()) {
            case NONE -> fixed;
            case WORDS -> len.add(fixed);
            // ceil(len / 4): the byte codes' words.
            case CODES -> len.add(Expr.u(PackedInputs.CODES_PER_WORD - 1))
                    .shr(Integer.numberOfTrailingZeros(PackedInputs.CODES_PER_WORD)).add(fixed);
        };
    }

    private static Expr length(Opcode.LengthRule rule, Expr len, Layout lay) {
        return switch (rule) {
            case ONE -> len.eq(1);
            case COUNT -> len.neq(0);
            case INPUTS -> len.eq(lay.spec().inputs());
            case TABLE -> len.eq(PackedInputs.TABLE_ENTRIES);
            case ZERO -> len.eq(0);
        };
    }

    private static Expr argument(Opcode.ArgRule rule, Expr arg, Layout lay) {
        Expr ok = Expr.FALSE;
        switch (rule) {
            case PARAMETER -> {
                for (Param p : Param.values()) ok = ok.or(arg.eq(p.id()));
            }
            case MATRIX_SELECT -> {
                for (Layout.LayerLayout k : lay.layers()) {
                    ok = ok.or(arg.eq(Header.matrixSelect(k.k(), Command.MATRIX_W)));
                    if (k.feedback()) ok = ok.or(arg.eq(Header.matrixSelect(k.k(), Command.MATRIX_B)));
                }
            }
            case ZERO -> ok = arg.eq(0);
        }
        return ok;
    }

    private static Expr code(Status s) { return Expr.u(s.code(), Registers.statusBits()); }

    private static Expr phase(Phase p) { return Expr.u(p.code(), Phase.BITS); }
}
