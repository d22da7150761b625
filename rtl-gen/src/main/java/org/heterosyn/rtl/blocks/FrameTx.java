package org.heterosyn.rtl.blocks;

import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.link.LinkCrc;
import org.heterosyn.link.LinkFrame;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.LinkStates.Tx;
import org.heterosyn.manifest.Registers;
import org.heterosyn.manifest.StateMap;
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
 *   <li>a frame sent before (nxt before top), with the words it had (its end pointer, kept in the
 *       ends RAM at seq % 8);</li>
 *   <li>a new DATA frame of what the response FIFO holds, up to 64 words, within the window of 8
 *       frames and the host's credit: the words are not waited for.</li>
 * </ol>
 * The host's ACKs (from FrameRx) move base, release the acknowledged words and replace the credit.
 * Bytes go to the UART one per accepted handshake; CRCs are computed as the bytes go.
 *
 * <p>The frames' end pointers are two RAMs of 8 words, written alike, one per read port
 * ({@link StateMap#FRAME_ENDS_REL_RAM}, {@link StateMap#FRAME_ENDS_RSD_RAM}: a block RAM each on
 * iCE40, instead of 8 registers and two 8-way selects in logic cells). Their reads are
 * registered, so each is addressed a cycle ahead: {@code rel_q} reads the slot of
 * host_seq_i - 1 (FrameRx holds the seq from the ACK's seq byte, two bytes before it takes the
 * ACK), {@code rsd_q} the slot of the next nxt. Neither slot can be the one written in the cycle
 * before it is used: a new frame's slot is nxt's, and nxt then moves on; a host ACK moves base
 * only over frames whose bytes were sent.
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
        int wb = Layout.bits(LinkFrame.WINDOW - 1);
        Module.Mem relRam = m.mem(StateMap.FRAME_ENDS_REL_RAM, Type.uint(p), LinkFrame.WINDOW, 1, 1);
        // As wide as rel's: 8 words of 7 bits would be below Yosys's threshold for a block RAM.
        Module.Mem rsdRam = m.mem(StateMap.FRAME_ENDS_RSD_RAM, Type.uint(p), LinkFrame.WINDOW, 1, 1);
        List<Module.Mem> ends = List.of(relRam, rsdRam);

        for (Expr.Ref o : new Expr.Ref[] {pop, release, seek}) m.connect(o, Expr.FALSE);
        m.connect(seekPtr, rcom);
        m.connect(byteValid, state.q().neq(Tx.IDLE.ordinal()));
        m.connect(pend.d(), pend.q().or(ackReq));

        // Host ACKs: valid when they cover only frames sent (seq - base <= top - base).
        Expr out = m.node("outstanding", top.q().sub(base.q()).low(8));
        Expr acked = m.node("acked", hostSeq.sub(base.q()).low(8));
        Expr progress = m.node("progress", hostAck.and(acked.leq(out)).and(acked.neq(0)));
        m.connect(releasePtr, r.get("rel").q());
        m.connect(timer.d(), Expr.mux(base.q().eq(top.q()), Hw.zero(timer.q().type()),
                Expr.mux(timer.q().andr(), timer.q(), Hw.inc(timer.q()))));
        m.when(hostAck.and(acked.leq(out)), () -> m.connect(credit.d(), hostCredit));
        m.when(progress, () -> {
            m.connect(base.d(), hostSeq);
            m.connect(release, Expr.TRUE);
            m.connect(timer.d(), Hw.zero(timer.q().type()));
        });

        for (Module.Mem ram : ends) {
            m.connect(ram.writeClk(0), clk);
            m.connect(ram.writeEn(0), Expr.FALSE);
            m.connect(ram.writeData(0), Hw.zero(Type.uint(p)));
            m.connect(ram.writeAddr(0), nxt.q().bits(wb - 1, 0));
            m.connect(ram.writeMask(0), Expr.TRUE);
        }
        m.when(state.q().eq(Tx.IDLE.ordinal()), () -> idle(m, r, ends, expI, cmdFree, ackReq, avail, rptr, rcom, seek));
        send(m, r, data, ready, pop, byteO);
        read(m, relRam, clk, hostSeq.sub(Expr.u(1, 1)).low(8).bits(wb - 1, 0), r.get("rel"));
        read(m, rsdRam, clk, nxt.d().bits(wb - 1, 0), r.get("rsd"));
        c.add(m);
        return m;
    }

    /** Choosing the next frame (the class comment's order). */
    /** The registered read port of an ends RAM: the word at addr lands in reg next cycle. */
    private static void read(Module m, Module.Mem ram, Expr clk, Expr addr, Hw.DQ reg) {
        m.connect(ram.readClk(0), clk);
        m.connect(ram.readEn(0), Expr.TRUE);
        m.connect(ram.readAddr(0), addr);
        m.connect(reg.d(), ram.readData(0));
    }

    private static void idle(Module m, Hw.Regs r, List<Module.Mem> ends, Expr expI, Expr cmdFree,
                             Expr ackReq, Expr avail, Expr rptr, Expr rcom, Expr.Ref seek) {
        Hw.DQ base = r.get("base"), nxt = r.get("nxt"), top = r.get("top"), credit = r.get("credit");
        Hw.DQ timer = r.get("timer"), pend = r.get("pend"), lcred = r.get("lcred");
        Hw.DQ ack = r.get("ack"), fseq = r.get("fseq"), flen = r.get("flen");
        int p = rptr.width();
        Expr out = top.q().sub(base.q()).low(8);
        Expr behind = nxt.q().sub(base.q()).low(8).gt(out);
        Expr creditNow = m.node("credit_now", Expr.mux(cmdFree.gt(LinkFrame.MAX_CREDIT),
                Expr.u(LinkFrame.MAX_CREDIT, 8), cmdFree.resize(8)));
        Expr unasked = creditNow.geq(lcred.q().add(Expr.u(LinkFrame.UNASKED_ACK_UNITS, 8)));
        Expr creditWords = credit.q().shl(2);
        Expr used = rptr.sub(rcom).low(p);
        // min(credit words left, words waiting, 64): read only when canNew, so used < creditWords
        // and the difference needs no more bits than its operands; each term saturates at 64 first.
        int lw = Math.max(p, creditWords.width());
        Expr left = creditWords.pad(lw).sub(used.pad(lw)).low(lw);
        Expr lf = atMostFrame(left), av = atMostFrame(avail);
        Expr n = m.node("new_len", Expr.mux(lf.lt(av), lf, av));
        Expr canNew = out.lt(LinkFrame.WINDOW).and(avail.neq(0)).and(used.pad(16).lt(creditWords.pad(16)));
        Expr resendLen = m.node("resend_len", r.get("rsd").q().sub(rptr).low(p).resize(7));

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
            Expr end = rptr.add(n).low(p);
            for (Module.Mem ram : ends) {
                m.connect(ram.writeEn(0), Expr.TRUE);
                m.connect(ram.writeData(0), end);
            }
        }))));
    }

    /** min(x, MAX_WORDS) in the 7 bits of a frame length: MAX_WORDS is a power of two, so "x >= 64" is an or of x's high bits. */
    private static Expr atMostFrame(Expr x) {
        int k = Layout.bits(LinkFrame.MAX_WORDS - 1);
        if (x.width() <= k) return x.pad(k + 1);
        return Expr.mux(x.bits(x.width() - 1, k).orr(), Expr.u(LinkFrame.MAX_WORDS, k + 1), x.bits(k - 1, 0).pad(k + 1));
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
