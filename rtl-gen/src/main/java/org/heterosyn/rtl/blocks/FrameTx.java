package org.heterosyn.rtl.blocks;

import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.link.LinkCrc;
import org.heterosyn.link.LinkFrame;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.LinkStates.Tx;
import org.heterosyn.manifest.Registers;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * The link's send side (docs/link.md, "Sending"). When idle it picks the next frame, in this order:
 * <ol>
 *   <li>skip: an ACK covered frames being sent again, so nxt is before base: nxt = base, read from rcom;</li>
 *   <li>go back: the oldest frame waited the timeout: nxt = base, read from rcom (frames go again, the same words);</li>
 *   <li>an ACK, asked for by the receiver or because the command FIFO's credit grew by 16 units;</li>
 *   <li>a frame sent before (nxt before top), with the words it had ({@code end<s>_q});</li>
 *   <li>a new DATA frame of what the response FIFO holds, up to 64 words, within the window of 8
 *       frames and the host's credit: the words are not waited for.</li>
 * </ol>
 * The host's ACKs (from FrameRx) move base, release the acknowledged words and replace the credit.
 * Bytes go to the UART one per accepted handshake; CRCs are computed as the bytes go.
 */
public final class FrameTx {
    private FrameTx() {}

    public static String name(BoardTopConfig cfg) {
        return "heterosyn_frame_tx_T" + BoardTopConfig.log2(cfg.timeoutCycles()) + "_D" + cfg.rspFifoWords();
    }

    public static ModuleDef build(Circuit c, BoardTopConfig cfg) {
        String name = name(cfg);
        if (c.has(name)) return c.get(name);
        int p = Layout.bits(cfg.rspFifoWords() - 1) + 1;
        int pc = Layout.bits(cfg.cmdFifoWords() - 1) + 1;
        Module m = new Module(name);
        Expr clk = m.input("clk_i", Type.clock());
        Expr rst = m.input("rst_i", Type.bool());
        Expr ackReq = m.input("ack_req_i", Type.bool());
        Expr expI = m.input("exp_i", Type.uint(8));
        // The command FIFO's free words in credit units (free / 4, rounded down).
        Expr cmdFree = m.input("cmd_units_i", Type.uint(pc - Layout.bits(LinkFrame.CREDIT_UNIT_WORDS - 1)));
        Expr hostAck = m.input("host_ack_i", Type.bool());
        Expr hostSeq = m.input("host_seq_i", Type.uint(8));
        Expr hostCredit = m.input("host_credit_i", Type.uint(8));
        Expr data = m.input("rsp_data_i", Type.uint(Layout.WORD_BITS));
        Expr avail = m.input("avail_i", Type.uint(p));
        Expr rptr = m.input("rptr_i", Type.uint(p));
        Expr rcom = m.input("rcom_i", Type.uint(p));
        Expr ready = m.input("byte_ready_i", Type.bool());
        Expr.Ref pop = m.output("pop_o", Type.bool());
        Expr.Ref release = m.output("release_o", Type.bool());
        Expr.Ref releasePtr = m.output("release_ptr_o", Type.uint(p));
        Expr.Ref seek = m.output("seek_o", Type.bool());
        Expr.Ref seekPtr = m.output("seek_ptr_o", Type.uint(p));
        Expr.Ref byteValid = m.output("byte_valid_o", Type.bool());
        Expr.Ref byteO = m.output("byte_o", Type.uint(8));

        Hw.Regs r = new Hw.Regs(m, Registers.frameTx(cfg), clk, rst);
        Hw.DQ state = r.get("state"), base = r.get("base"), nxt = r.get("nxt"), top = r.get("top");
        Hw.DQ credit = r.get("credit"), timer = r.get("timer"), pend = r.get("pend");
        List<Expr> ends = new ArrayList<>();
        for (int s = 0; s < LinkFrame.WINDOW; s++) ends.add(r.get("end" + s).q());
        int wb = Layout.bits(LinkFrame.WINDOW - 1);

        for (Expr.Ref o : new Expr.Ref[] {pop, release, seek}) m.connect(o, Expr.FALSE);
        m.connect(seekPtr, rcom);
        m.connect(byteValid, state.q().neq(Tx.IDLE.ordinal()));
        m.connect(pend.d(), pend.q().or(ackReq));

        // Host ACKs: valid when they cover only frames sent (seq - base <= top - base).
        Expr out = m.node("outstanding", top.q().sub(base.q()).low(8));
        Expr acked = m.node("acked", hostSeq.sub(base.q()).low(8));
        Expr progress = m.node("progress", hostAck.and(acked.leq(out)).and(acked.neq(0)));
        m.connect(releasePtr, Hw.select(hostSeq.sub(Expr.u(1, 1)).low(8).bits(wb - 1, 0), ends));
        m.connect(timer.d(), Expr.mux(base.q().eq(top.q()), Hw.zero(timer.q().type()),
                Expr.mux(timer.q().andr(), timer.q(), Hw.inc(timer.q()))));
        m.when(hostAck.and(acked.leq(out)), () -> m.connect(credit.d(), hostCredit));
        m.when(progress, () -> {
            m.connect(base.d(), hostSeq);
            m.connect(release, Expr.TRUE);
            m.connect(timer.d(), Hw.zero(timer.q().type()));
        });

        m.when(state.q().eq(Tx.IDLE.ordinal()), () -> idle(m, r, cfg, ends, expI, cmdFree, ackReq, avail, rptr, rcom, seek));
        send(m, r, data, ready, pop, byteO);
        c.add(m);
        return m;
    }

    /** Choosing the next frame (the class comment's order). */
    private static void idle(Module m, Hw.Regs r, BoardTopConfig cfg, List<Expr> ends, Expr expI, Expr cmdFree,
                             Expr ackReq, Expr avail, Expr rptr, Expr rcom, Expr.Ref seek) {
        Hw.DQ base = r.get("base"), nxt = r.get("nxt"), top = r.get("top"), credit = r.get("credit");
        Hw.DQ timer = r.get("timer"), pend = r.get("pend"), lcred = r.get("lcred");
        Hw.DQ ack = r.get("ack"), fseq = r.get("fseq"), flen = r.get("flen");
        int p = rptr.width();
        int wb = Layout.bits(LinkFrame.WINDOW - 1);
        Expr out = top.q().sub(base.q()).low(8);
        Expr behind = nxt.q().sub(base.q()).low(8).gt(out);
        Expr creditNow = m.node("credit_now", Expr.mux(cmdFree.gt(LinkFrame.MAX_CREDIT),
                Expr.u(LinkFrame.MAX_CREDIT, 8), cmdFree.resize(8)));
        Expr unasked = creditNow.geq(lcred.q().add(Expr.u(LinkFrame.UNASKED_ACK_UNITS, 8)));
        Expr creditWords = credit.q().shl(2);
        Expr used = rptr.sub(rcom).low(p);
        Expr left = creditWords.pad(16).sub(used.pad(16)).low(16);
        Expr cap = Expr.mux(avail.gt(LinkFrame.MAX_WORDS), Expr.u(LinkFrame.MAX_WORDS, 7).pad(16), avail.pad(16));
        Expr n = m.node("new_len", Expr.mux(left.lt(cap), left, cap).bits(6, 0));
        Expr canNew = out.lt(LinkFrame.WINDOW).and(avail.neq(0)).and(used.pad(16).lt(creditWords.pad(16)));
        Expr resendLen = m.node("resend_len", Hw.select(nxt.q().bits(wb - 1, 0), ends).sub(rptr).low(p).resize(7));

        m.whenElse(behind.or(timer.q().andr()), () -> {
            m.connect(nxt.d(), base.q());
            m.connect(seek, Expr.TRUE);
            m.connect(timer.d(), Hw.zero(timer.q().type()));
        }, () -> m.whenElse(pend.q().or(unasked), () -> {
            start(m, r, true);
            m.connect(fseq.d(), expI);
            m.connect(flen.d(), creditNow);
            m.connect(lcred.d(), creditNow);
            m.connect(pend.d(), ackReq);
        }, () -> m.whenElse(nxt.q().neq(top.q()), () -> startData(m, r, resendLen), () -> m.when(canNew, () -> {
            startData(m, r, n);
            m.connect(top.d(), Hw.inc(top.q()));
            for (int s = 0; s < LinkFrame.WINDOW; s++) {
                int slot = s;
                m.when(nxt.q().bits(wb - 1, 0).eq(slot), () -> m.connect(r.get("end" + slot).d(), rptr.add(n).low(p)));
            }
        }))));
    }

    private static void startData(Module m, Hw.Regs r, Expr len) {
        start(m, r, false);
        m.connect(r.get("fseq").d(), r.get("nxt").q());
        m.connect(r.get("flen").d(), len);
        m.connect(r.get("wl").d(), len);
        m.connect(r.get("nxt").d(), Hw.inc(r.get("nxt").q()));
    }

    private static void start(Module m, Hw.Regs r, boolean ack) {
        m.connect(r.get("state").d(), Expr.u(Tx.HDR.ordinal(), r.get("state").q().width()));
        m.connect(r.get("hi").d(), Expr.u(0, 3));
        m.connect(r.get("bi").d(), Expr.u(0, 2));
        m.connect(r.get("ack").d(), ack ? Expr.TRUE : Expr.FALSE);
    }

    /** The bytes of the frame under way, one per accepted handshake, and the CRCs over them. */
    private static void send(Module m, Hw.Regs r, Expr data, Expr ready, Expr.Ref pop, Expr.Ref byteO) {
        Hw.DQ state = r.get("state"), hi = r.get("hi"), ack = r.get("ack"), fseq = r.get("fseq"), flen = r.get("flen");
        Hw.DQ bi = r.get("bi"), wl = r.get("wl"), crc8 = r.get("crc8"), crc16 = r.get("crc16");
        int sw = state.q().width();
        Expr type = Expr.mux(ack.q(), Expr.u(LinkFrame.TYPE_ACK, 8), Expr.u(LinkFrame.TYPE_DATA, 8));
        Expr hdr = Hw.select(hi.q(), List.of(Expr.u(LinkFrame.SYNC, 8), type, fseq.q(), flen.q(), crc8.q()));
        List<Expr> bytes = new ArrayList<>();
        for (int k = 0; k < LinkFrame.BYTES_PER_WORD; k++) bytes.add(data.bits(8 * k + 7, 8 * k));
        Expr pay = Hw.select(bi.q(), bytes);
        Expr b = m.node("tx_byte", Hw.select(state.q(), List.of(Expr.u(0, 8), hdr, pay,
                crc16.q().bits(7, 0), crc16.q().bits(15, 8))));
        m.connect(byteO, b);
        Expr crc8Next = LinkCrcLogic.crc8(crc8.q(), b);
        Expr crc16Next = m.node("tx_crc16_next", LinkCrcLogic.crc16(crc16.q(), b));
        m.when(ready, () -> {
            m.when(state.q().eq(Tx.HDR.ordinal()), () -> {
                m.connect(hi.d(), Hw.inc(hi.q()));
                m.whenElse(hi.q().eq(0), () -> {
                    m.connect(crc8.d(), Expr.u(LinkCrc.CRC8_INIT, LinkCrc.CRC8_BITS));
                    m.connect(crc16.d(), Expr.u(LinkCrc.CRC16_INIT, LinkCrc.CRC16_BITS));
                }, () -> {
                    // Bytes 1..3 into the CRC-8; 1..4 (hcrc included) into the CRC-16.
                    m.when(hi.q().lt(LinkFrame.AT_HCRC), () -> m.connect(crc8.d(), crc8Next));
                    m.connect(crc16.d(), crc16Next);
                });
                m.when(hi.q().eq(LinkFrame.AT_HCRC), () -> m.connect(state.d(),
                        Expr.mux(ack.q(), Expr.u(Tx.IDLE.ordinal(), sw), Expr.u(Tx.PAY.ordinal(), sw))));
            });
            m.when(state.q().eq(Tx.PAY.ordinal()), () -> {
                m.connect(crc16.d(), crc16Next);
                m.connect(bi.d(), Hw.inc(bi.q()));
                m.when(bi.q().eq(LinkFrame.BYTES_PER_WORD - 1), () -> {
                    m.connect(pop, Expr.TRUE);
                    m.connect(wl.d(), wl.q().sub(Expr.u(1, 1)).low(wl.q().width()));
                    m.when(wl.q().eq(1), () -> m.connect(state.d(), Expr.u(Tx.CRC_LO.ordinal(), sw)));
                });
            });
            m.when(state.q().eq(Tx.CRC_LO.ordinal()), () -> m.connect(state.d(), Expr.u(Tx.CRC_HI.ordinal(), sw)));
            m.when(state.q().eq(Tx.CRC_HI.ordinal()), () -> m.connect(state.d(), Expr.u(Tx.IDLE.ordinal(), sw)));
        });
    }
}
