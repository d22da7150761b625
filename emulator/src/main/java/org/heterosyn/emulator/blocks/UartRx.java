package org.heterosyn.emulator.blocks;

import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.manifest.Registers;

/**
 * Twin of rtl-gen's UartRx (heterosyn_uart_rx_D<div>, instance u_urx): two synchroniser flops, an
 * edge flop, a start bit sampled div/2 cycles after the edge, then every bit in its middle; a byte
 * with a low stop bit is dropped.
 */
final class UartRx {
    static final int STOP = 9;
    private final int div;
    private final RegFile r;
    private final int s1, s2, s3, busy, cnt, bit, sh, valid, data;

    UartRx(BoardTopConfig cfg) {
        div = cfg.baudDivisor();
        r = new RegFile(Registers.uartRx(cfg));
        s1 = r.slot("s1");
        s2 = r.slot("s2");
        s3 = r.slot("s3");
        busy = r.slot("busy");
        cnt = r.slot("cnt");
        bit = r.slot("bit");
        sh = r.slot("sh");
        valid = r.slot("valid");
        data = r.slot("data");
    }

    boolean valid_o() { return r.q[valid] != 0; }

    int data_o() { return (int) r.q[data]; }

    void eval(boolean rx_i) {
        r.hold();
        r.d[s1] = rx_i ? 1 : 0;
        r.d[s2] = r.q[s1];
        r.d[s3] = r.q[s2];
        r.d[valid] = 0;
        long line = r.q[s2];
        if (r.q[busy] == 0) {
            if (line == 0 && r.q[s3] != 0) {
                r.d[busy] = 1;
                r.d[cnt] = div / 2 - 1;
                r.d[bit] = 0;
            }
        } else if (r.q[cnt] != 0) {
            r.d[cnt] = r.q[cnt] - 1;
        } else {
            r.d[cnt] = div - 1;
            r.d[bit] = r.q[bit] + 1;
            if (r.q[bit] == 0) {
                if (line != 0) r.d[busy] = 0;
            } else if (r.q[bit] < STOP) {
                r.d[sh] = (line << 7) | (r.q[sh] >> 1);
            } else {
                r.d[busy] = 0;
                r.d[valid] = line;
                if (line != 0) r.d[data] = r.q[sh];
            }
        }
    }

    void commit(boolean rst) { r.commit(rst); }

    void name(NamedState n, String at) { r.name(n, at); }
}
