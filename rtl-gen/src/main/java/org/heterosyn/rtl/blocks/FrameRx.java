package org.heterosyn.rtl.blocks;

import org.heterosyn.link.LinkCrc;
import org.heterosyn.link.LinkFrame;
import org.heterosyn.manifest.LinkStates.Rx;
import org.heterosyn.manifest.Registers;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

/**
 * The link's receive state machine (docs/link.md, "Receiving"), one byte per strobe of the UART
 * receiver. A DATA frame's words go into the command FIFO as they arrive when the frame is the
 * expected one and fits ({@code deliver_q}, decided at its header); its CRC-16 then commits them
 * or rewinds the FIFO, so the core never sees a word of a bad frame. Every good DATA frame asks the
 * transmitter for an ACK; a good ACK from the host is passed on. All outputs are strobes of the
 * cycle the byte arrives in.
 */
public final class FrameRx {
    public static final String NAME = "heterosyn_frame_rx";

    private FrameRx() {}

    public static ModuleDef build(Circuit c, int freeBits) {
        if (c.has(NAME)) return c.get(NAME);
        Module m = new Module(NAME);
        Expr clk = m.input("clk_i", Type.clock());
        Expr rst = m.input("rst_i", Type.bool());
        Expr valid = m.input("byte_valid_i", Type.bool());
        Expr b = m.input("byte_i", Type.uint(8));
        Expr free = m.input("free_i", Type.uint(freeBits));
        Expr.Ref push = m.output("push_o", Type.bool());
        Expr.Ref word = m.output("word_o", Type.uint(32));
        Expr.Ref commit = m.output("commit_o", Type.bool());
        Expr.Ref rewind = m.output("rewind_o", Type.bool());
        Expr.Ref ackReq = m.output("ack_req_o", Type.bool());
        Expr.Ref hostAck = m.output("host_ack_o", Type.bool());
        Expr.Ref hostSeq = m.output("host_seq_o", Type.uint(8));
        Expr.Ref hostCredit = m.output("host_credit_o", Type.uint(8));
        Expr.Ref bad = m.output("bad_o", Type.bool());
        Expr.Ref expO = m.output("exp_o", Type.uint(8));
        Hw.Regs r = new Hw.Regs(m, Registers.frameRx(), clk, rst);
        Hw.DQ state = r.get("state"), typ = r.get("typ"), seq = r.get("seq"), len = r.get("len");
        Hw.DQ crc8 = r.get("crc8"), crc16 = r.get("crc16"), bi = r.get("bi"), wl = r.get("wl"), sh = r.get("sh");
        Hw.DQ clo = r.get("clo"), deliver = r.get("deliver"), exp = r.get("exp");
        for (Expr.Ref o : new Expr.Ref[] {push, commit, rewind, ackReq, hostAck, bad}) m.connect(o, Expr.FALSE);
        m.connect(word, b.cat(sh.q()));
        m.connect(hostSeq, seq.q());
        m.connect(hostCredit, len.q());
        m.connect(expO, exp.q());
        int sw = state.q().width();
        Expr crc8Next = m.node("crc8_next", LinkCrcLogic.crc8(crc8.q(), b));
        Expr crc16Next = m.node("crc16_next", LinkCrcLogic.crc16(crc16.q(), b));

        m.when(valid, () -> {
            m.when(in(state, Rx.HUNT), () -> m.when(b.eq(LinkFrame.SYNC), () -> {
                go(m, state, Rx.TYPE, sw);
                m.connect(crc8.d(), Expr.u(LinkCrc.CRC8_INIT, LinkCrc.CRC8_BITS));
                m.connect(crc16.d(), Expr.u(LinkCrc.CRC16_INIT, LinkCrc.CRC16_BITS));
            }));
            // Type, seq and len enter both CRCs.
            for (Rx s : new Rx[] {Rx.TYPE, Rx.SEQ, Rx.LEN}) {
                Hw.DQ field = s == Rx.TYPE ? typ : s == Rx.SEQ ? seq : len;
                m.when(in(state, s), () -> {
                    m.connect(field.d(), b);
                    m.connect(crc8.d(), crc8Next);
                    m.connect(crc16.d(), crc16Next);
                    go(m, state, Rx.values()[s.ordinal() + 1], sw);
                });
            }
            // The CRC-16 covers the header's CRC byte too (type .. last payload byte).
            m.when(in(state, Rx.HCRC), () -> {
                m.connect(crc16.d(), crc16Next);
                header(m, r, b, free, hostAck, bad, sw);
            });
            m.when(in(state, Rx.PAY), () -> {
                m.connect(crc16.d(), crc16Next);
                m.whenElse(bi.q().eq(LinkFrame.BYTES_PER_WORD - 1), () -> {
                    m.connect(push, deliver.q());
                    m.connect(wl.d(), wl.q().sub(Expr.u(1, 1)).low(wl.q().width()));
                    m.when(wl.q().eq(1), () -> go(m, state, Rx.CRC_LO, sw));
                }, () -> m.connect(sh.d(), b.cat(sh.q().bits(23, 8))));
                m.connect(bi.d(), Hw.inc(bi.q()));
            });
            m.when(in(state, Rx.CRC_LO), () -> {
                m.connect(clo.d(), b);
                go(m, state, Rx.CRC_HI, sw);
            });
            m.when(in(state, Rx.CRC_HI), () -> {
                go(m, state, Rx.HUNT, sw);
                m.whenElse(crc16.q().eq(b.cat(clo.q())), () -> {
                    m.connect(ackReq, Expr.TRUE);
                    m.connect(commit, deliver.q());
                    m.when(deliver.q(), () -> m.connect(exp.d(), Hw.inc(exp.q())));
                }, () -> {
                    m.connect(bad, Expr.TRUE);
                    m.connect(rewind, deliver.q());
                });
            });
        });
        c.add(m);
        return m;
    }

    /**
     * The header's last byte: a good ACK is complete; a good DATA header with a length of 1..64
     * starts the payload, delivered if it is the expected frame and fits; anything else is dropped
     * and hunting resumes with the next byte.
     */
    private static void header(Module m, Hw.Regs r, Expr b, Expr free, Expr.Ref hostAck, Expr.Ref bad, int sw) {
        Hw.DQ state = r.get("state"), typ = r.get("typ"), seq = r.get("seq"), len = r.get("len");
        Hw.DQ crc8 = r.get("crc8"), bi = r.get("bi"), wl = r.get("wl"), deliver = r.get("deliver"), exp = r.get("exp");
        Expr hok = crc8.q().eq(b);
        Expr isAck = hok.and(typ.q().eq(LinkFrame.TYPE_ACK));
        Expr lenOk = len.q().neq(0).and(len.q().leq(Expr.u(LinkFrame.MAX_WORDS, 8)));
        Expr isData = hok.and(typ.q().eq(LinkFrame.TYPE_DATA)).and(lenOk);
        go(m, state, Rx.HUNT, sw);
        m.connect(hostAck, isAck);
        m.connect(bad, isAck.or(isData).not());
        m.when(isData, () -> {
            go(m, state, Rx.PAY, sw);
            m.connect(bi.d(), Expr.u(0, 2));
            m.connect(wl.d(), len.q().bits(wl.q().width() - 1, 0));
            Expr fits = len.q().leq(free);
            m.connect(deliver.d(), seq.q().eq(exp.q()).and(fits));
        });
    }

    private static Expr in(Hw.DQ state, Rx s) { return state.q().eq(s.ordinal()); }

    private static void go(Module m, Hw.DQ state, Rx s, int w) { m.connect(state.d(), Expr.u(s.ordinal(), w)); }
}
