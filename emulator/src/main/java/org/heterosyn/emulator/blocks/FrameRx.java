package org.heterosyn.emulator.blocks;

import org.heterosyn.link.LinkCrc;
import org.heterosyn.link.LinkFrame;
import org.heterosyn.manifest.LinkStates.Rx;
import org.heterosyn.manifest.Registers;

/**
 * Twin of rtl-gen's FrameRx (heterosyn_frame_rx, instance u_frx): the receive state machine of
 * docs/link.md, a byte per UART strobe. The outputs are strobes of this cycle's byte; {@link #eval}
 * computes them with the next register values.
 */
final class FrameRx {
    private final RegFile r = new RegFile(Registers.frameRx());
    private final int state = r.slot("state"), typ = r.slot("typ"), seq = r.slot("seq"), len = r.slot("len");
    private final int crc8 = r.slot("crc8"), crc16 = r.slot("crc16"), bi = r.slot("bi"), wl = r.slot("wl");
    private final int sh = r.slot("sh"), clo = r.slot("clo"), deliver = r.slot("deliver"), exp = r.slot("exp");

    // ---- this cycle's strobes ----
    boolean push_o, commit_o, rewind_o, ack_req_o, host_ack_o, bad_o;
    int word_o;

    int exp_o() { return (int) r.q[exp]; }

    int host_seq_o() { return (int) r.q[seq]; }

    int host_credit_o() { return (int) r.q[len]; }

    void eval(boolean byte_valid_i, int byte_i, int free_i) {
        r.hold();
        push_o = commit_o = rewind_o = ack_req_o = host_ack_o = bad_o = false;
        int b = byte_i & 0xFF;
        word_o = (int) (((long) b << 24) | r.q[sh]);
        if (!byte_valid_i) return;
        Rx s = Rx.values()[(int) r.q[state]];
        switch (s) {
            case HUNT -> {
                if (b == LinkFrame.SYNC) {
                    r.d[state] = Rx.TYPE.ordinal();
                    r.d[crc8] = LinkCrc.CRC8_INIT;
                    r.d[crc16] = LinkCrc.CRC16_INIT;
                }
            }
            case TYPE, SEQ, LEN -> {
                r.d[s == Rx.TYPE ? typ : s == Rx.SEQ ? seq : len] = b;
                r.d[crc8] = LinkCrc.crc8((int) r.q[crc8], b);
                r.d[crc16] = LinkCrc.crc16((int) r.q[crc16], b);
                r.d[state] = s.ordinal() + 1;
            }
            case HCRC -> {
                r.d[crc16] = LinkCrc.crc16((int) r.q[crc16], b);
                header(b, free_i);
            }
            case PAY -> {
                r.d[crc16] = LinkCrc.crc16((int) r.q[crc16], b);
                if (r.q[bi] == LinkFrame.BYTES_PER_WORD - 1) {
                    push_o = r.q[deliver] != 0;
                    r.d[wl] = r.q[wl] - 1;
                    if (r.q[wl] == 1) r.d[state] = Rx.CRC_LO.ordinal();
                } else {
                    r.d[sh] = ((long) b << 16) | (r.q[sh] >> 8);
                }
                r.d[bi] = r.q[bi] + 1;
            }
            case CRC_LO -> {
                r.d[clo] = b;
                r.d[state] = Rx.CRC_HI.ordinal();
            }
            case CRC_HI -> {
                r.d[state] = Rx.HUNT.ordinal();
                boolean dl = r.q[deliver] != 0;
                if (r.q[crc16] == (((long) b << 8) | r.q[clo])) {
                    ack_req_o = true;
                    commit_o = dl;
                    if (dl) r.d[exp] = r.q[exp] + 1;
                } else {
                    bad_o = true;
                    rewind_o = dl;
                }
            }
        }
    }

    /** The header's last byte (rtl-gen FrameRx.header). */
    private void header(int b, int free) {
        boolean hok = r.q[crc8] == b;
        boolean isAck = hok && r.q[typ] == LinkFrame.TYPE_ACK;
        boolean lenOk = r.q[len] != 0 && r.q[len] <= LinkFrame.MAX_WORDS;
        boolean isData = hok && r.q[typ] == LinkFrame.TYPE_DATA && lenOk;
        r.d[state] = Rx.HUNT.ordinal();
        host_ack_o = isAck;
        bad_o = !(isAck || isData);
        if (isData) {
            r.d[state] = Rx.PAY.ordinal();
            r.d[bi] = 0;
            r.d[wl] = r.q[len];
            r.d[deliver] = r.q[seq] == r.q[exp] && r.q[len] <= free ? 1 : 0;
        }
    }

    void commit(boolean rst) { r.commit(rst); }

    void name(NamedState n, String at) { r.name(n, at); }
}
