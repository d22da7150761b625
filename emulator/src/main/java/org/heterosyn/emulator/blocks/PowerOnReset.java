package org.heterosyn.emulator.blocks;

import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.manifest.Registers;

/**
 * Twin of rtl-gen's PowerOnReset (heterosyn_power_on_reset_C<n>, instance u_por): a counter from
 * the power-up 0, counting while locked; reset is held until its top bit sets.
 */
final class PowerOnReset {
    private final RegFile r;
    private final int cnt;
    private final long done;

    PowerOnReset(BoardTopConfig cfg) {
        r = new RegFile(Registers.powerOnReset(cfg));
        cnt = r.slot("cnt");
        done = 1L << (Registers.find(Registers.powerOnReset(cfg), "cnt").width() - 1);
    }

    boolean rst_o() { return (r.q[cnt] & done) == 0; }

    void eval(boolean lock_i) {
        r.hold();
        r.d[cnt] = !lock_i ? 0 : (r.q[cnt] & done) != 0 ? r.q[cnt] : r.q[cnt] + 1;
    }

    /** Its register has no reset: the bitstream's 0 is its start. */
    void commit() { r.commit(false); }

    void name(NamedState n, String at) { r.name(n, at); }
}
