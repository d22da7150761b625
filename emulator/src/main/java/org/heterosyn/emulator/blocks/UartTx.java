package org.heterosyn.emulator.blocks;

import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.manifest.Registers;

/**
 * Twin of rtl-gen's UartTx (heterosyn_uart_tx_D<div>, instance u_utx): {stop, data, start} in a
 * 10-bit shift register whose bit 0 is the line.
 */
final class UartTx {
    private final int div;
    private final RegFile r;
    private final int busy, cnt, bit, sh;

    UartTx(BoardTopConfig cfg) {
        div = cfg.baudDivisor();
        r = new RegFile(Registers.uartTx(cfg));
        busy = r.slot("busy");
        cnt = r.slot("cnt");
        bit = r.slot("bit");
        sh = r.slot("sh");
    }

    boolean ready_o() { return r.q[busy] == 0; }

    boolean tx_o() { return (r.q[sh] & 1) != 0; }

    void eval(boolean valid_i, int data_i) {
        r.hold();
        if (r.q[busy] == 0) {
            if (valid_i) {
                r.d[busy] = 1;
                r.d[sh] = (1L << 9) | ((long) (data_i & 0xFF) << 1);
                r.d[cnt] = div - 1;
                r.d[bit] = 0;
            }
        } else if (r.q[cnt] != 0) {
            r.d[cnt] = r.q[cnt] - 1;
        } else {
            r.d[sh] = (1L << 9) | (r.q[sh] >> 1);
            r.d[cnt] = div - 1;
            r.d[bit] = r.q[bit] + 1;
            if (r.q[bit] == UartRx.STOP) r.d[busy] = 0;
        }
    }

    void commit(boolean rst) { r.commit(rst); }

    void name(NamedState n, String at) { r.name(n, at); }
}
