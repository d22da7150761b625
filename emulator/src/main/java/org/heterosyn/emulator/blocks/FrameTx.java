package org.heterosyn.emulator.blocks;

import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.link.LinkCrc;
import org.heterosyn.link.LinkFrame;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.LinkStates.Tx;
import org.heterosyn.manifest.Registers;
import org.heterosyn.manifest.StateMap;

/**
 * Twin of rtl-gen's FrameTx (heterosyn_frame_tx_T<t>_D<d>, instance u_ftx): host ACKs move the
 * window and replace the credit; when idle it skips acknowledged frames, goes back after the
 * timeout, sends an ACK, a frame again, or a new frame, in that order; then the frame's bytes.
 * The frames' end pointers are two RAMs of WINDOW words, written alike, read through rel_q and
 * rsd_q, each addressed a cycle ahead, as rtl-gen's FrameTx explains.
 */
final class FrameTx {
    private final long pmask;
    private final long timerMax;
    private final RegFile r;
    private final int state, hi, ack, fseq, flen, bi, wl, crc8, crc16, base, nxt, top, credit, lcred, pend, timer;
    private final int rel, rsd;
    private final long[] relRam = new long[LinkFrame.WINDOW];
    private final long[] rsdRam = new long[LinkFrame.WINDOW];
    private boolean wen;
    private int waddr;
    private long wdata;

    // ---- this cycle's outputs ----
    boolean pop_o, release_o, seek_o, byte_valid_o;
    int release_ptr_o, seek_ptr_o, byte_o;

    FrameTx(BoardTopConfig cfg) {
        pmask = Hw.mask(Layout.bits(cfg.rspFifoWords() - 1) + 1);
        timerMax = Hw.mask(BoardTopConfig.log2(cfg.timeoutCycles()));
        r = new RegFile(Registers.frameTx(cfg));
        state = r.slot("state");
        hi = r.slot("hi");
        ack = r.slot("ack");
        fseq = r.slot("fseq");
        flen = r.slot("flen");
        bi = r.slot("bi");
        wl = r.slot("wl");
        crc8 = r.slot("crc8");
        crc16 = r.slot("crc16");
        base = r.slot("base");
        nxt = r.slot("nxt");
        top = r.slot("top");
        credit = r.slot("credit");
        lcred = r.slot("lcred");
        pend = r.slot("pend");
        timer = r.slot("timer");
        rel = r.slot("rel");
        rsd = r.slot("rsd");
    }

    /** Ports as rtl-gen names them: ack_req_i .. rcom_i, byte_ready_i. */
    record In(boolean ackReq, int exp, int cmdUnits, boolean hostAck, int hostSeq, int hostCredit, int rspData,
              int avail, int rptr, int rcom, boolean byteReady) {}

    void eval(In in) {
        r.hold();
        pop_o = release_o = seek_o = false;
        seek_ptr_o = in.rcom();
        byte_valid_o = r.q[state] != Tx.IDLE.ordinal();
        r.d[pend] = r.q[pend] | (in.ackReq() ? 1 : 0);
        long out = (r.q[top] - r.q[base]) & 0xFF;
        long acked = (in.hostSeq() - r.q[base]) & 0xFF;
        boolean progress = in.hostAck() && acked <= out && acked != 0;
        release_ptr_o = (int) r.q[rel];
        wen = false;
        r.d[timer] = r.q[base] == r.q[top] ? 0 : r.q[timer] == timerMax ? r.q[timer] : r.q[timer] + 1;
        if (in.hostAck() && acked <= out) r.d[credit] = in.hostCredit();
        if (progress) {
            r.d[base] = in.hostSeq();
            release_o = true;
            r.d[timer] = 0;
        }
        if (r.q[state] == Tx.IDLE.ordinal()) idle(in, out);
        send(in);
        // Registered reads, addressed a cycle ahead; they see the RAM before this cycle's write.
        r.d[rel] = relRam[(in.hostSeq() - 1) & (LinkFrame.WINDOW - 1)];
        r.d[rsd] = rsdRam[(int) (r.d[nxt] & (LinkFrame.WINDOW - 1))];
    }

    private void idle(In in, long out) {
        boolean behind = ((r.q[nxt] - r.q[base]) & 0xFF) > out;
        long creditNow = Math.min(LinkFrame.MAX_CREDIT, in.cmdUnits());
        boolean unasked = creditNow >= r.q[lcred] + LinkFrame.UNASKED_ACK_UNITS;
        long creditWords = r.q[credit] << 2;
        long used = (in.rptr() - in.rcom()) & pmask;
        long left = (creditWords - used) & 0xFFFF;
        long cap = Math.min(in.avail(), LinkFrame.MAX_WORDS);
        long n = Math.min(left, cap) & 0x7F;
        boolean canNew = out < LinkFrame.WINDOW && in.avail() != 0 && used < creditWords;
        long resendLen = ((r.q[rsd] - in.rptr()) & pmask) & 0x7F;
        if (behind || r.q[timer] == timerMax) {
            r.d[nxt] = r.q[base];
            seek_o = true;
            r.d[timer] = 0;
        } else if (r.q[pend] != 0 || unasked) {
            start(true);
            r.d[fseq] = in.exp();
            r.d[flen] = creditNow;
            r.d[lcred] = creditNow;
            r.d[pend] = in.ackReq() ? 1 : 0;
        } else if (r.q[nxt] != r.q[top]) {
            startData(resendLen);
        } else if (canNew) {
            startData(n);
            r.d[top] = r.q[top] + 1;
            wen = true;
            waddr = (int) (r.q[nxt] & (LinkFrame.WINDOW - 1));
            wdata = (in.rptr() + n) & pmask;
        }
    }

    private void startData(long len) {
        start(false);
        r.d[fseq] = r.q[nxt];
        r.d[flen] = len;
        r.d[wl] = len;
        r.d[nxt] = r.q[nxt] + 1;
    }

    private void start(boolean isAck) {
        r.d[state] = Tx.HDR.ordinal();
        r.d[hi] = 0;
        r.d[bi] = 0;
        r.d[ack] = isAck ? 1 : 0;
    }

    /** The byte on offer, and what an accepted byte does (rtl-gen FrameTx.send). */
    private void send(In in) {
        Tx s = Tx.values()[(int) r.q[state]];
        byte_o = switch (s) {
            case IDLE -> 0;
            case HDR -> headerByte();
            case PAY -> (in.rspData() >>> (8 * (int) r.q[bi])) & 0xFF;
            case CRC_LO -> (int) (r.q[crc16] & 0xFF);
            case CRC_HI -> (int) (r.q[crc16] >>> 8);
        };
        if (!in.byteReady()) return;
        int b = byte_o;
        switch (s) {
            case HDR -> {
                r.d[hi] = r.q[hi] + 1;
                if (r.q[hi] == 0) {
                    r.d[crc8] = LinkCrc.CRC8_INIT;
                    r.d[crc16] = LinkCrc.CRC16_INIT;
                } else {
                    if (r.q[hi] < LinkFrame.AT_HCRC) r.d[crc8] = LinkCrc.crc8((int) r.q[crc8], b);
                    r.d[crc16] = LinkCrc.crc16((int) r.q[crc16], b);
                }
                if (r.q[hi] == LinkFrame.AT_HCRC) r.d[state] = r.q[ack] != 0 ? Tx.IDLE.ordinal() : Tx.PAY.ordinal();
            }
            case PAY -> {
                r.d[crc16] = LinkCrc.crc16((int) r.q[crc16], b);
                r.d[bi] = r.q[bi] + 1;
                if (r.q[bi] == LinkFrame.BYTES_PER_WORD - 1) {
                    pop_o = true;
                    r.d[wl] = r.q[wl] - 1;
                    if (r.q[wl] == 1) r.d[state] = Tx.CRC_LO.ordinal();
                }
            }
            case CRC_LO -> r.d[state] = Tx.CRC_HI.ordinal();
            case CRC_HI -> r.d[state] = Tx.IDLE.ordinal();
            case IDLE -> { }
        }
    }

    private int headerByte() {
        return switch ((int) r.q[hi]) {
            case 0 -> LinkFrame.SYNC;
            case LinkFrame.AT_TYPE -> r.q[ack] != 0 ? LinkFrame.TYPE_ACK : LinkFrame.TYPE_DATA;
            case LinkFrame.AT_SEQ -> (int) r.q[fseq];
            case LinkFrame.AT_LEN -> (int) r.q[flen];
            case LinkFrame.AT_HCRC -> (int) r.q[crc8];
            default -> 0;
        };
    }

    void commit(boolean rst) {
        if (wen) {
            relRam[waddr] = wdata;
            rsdRam[waddr] = wdata;
        }
        r.commit(rst);
    }

    void name(NamedState n, String at) {
        r.name(n, at);
        n.mem(at + StateMap.FRAME_ENDS_REL_RAM + "_ext.Memory", i -> relRam[i], (i, v, w) -> relRam[i] = v);
        n.mem(at + StateMap.FRAME_ENDS_RSD_RAM + "_ext.Memory", i -> rsdRam[i], (i, v, w) -> rsdRam[i] = v);
    }
}
