package org.heterosyn.cosim;

import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.emulator.ClockedModel;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;

import java.util.function.Supplier;

/**
 * Lockstep co-simulation of a board top (docs/board-top.md): the Verilated board top and its twin
 * get the same uart_rx_i level every cycle from a {@link BoardHost}; after every edge every
 * register and memory of the board manifest is compared, and the output pins of every cycle. The
 * host reads the RTL's uart_tx_o (equal to the twin's while nothing differs) and reacts, so the
 * stimulus is the link itself: frames, ACKs, retransmissions.
 */
public final class BoardCosim {
    /** Cycles per batch: the host decides its next levels once per batch. */
    static final int BATCH = 1024;

    /** What a run did: cycles, the first difference (null: none), the host's view. */
    public record Report(long cycles, Cosim.Mismatch mismatch, BoardHost host, boolean finished) {
        public boolean passed() { return mismatch == null && finished; }
    }

    private BoardCosim() {}

    public static Report run(Manifest manifest, Layout layout, Supplier<LockstepModel> rtl, Supplier<LockstepModel> emu,
                             BoardHost host, int responseWords, long maxCycles, BoardTopConfig cfg) {
        WatchList watch = new WatchList(manifest, layout);
        long now = 0;
        Cosim.Mismatch found = null;
        try (LockstepModel a = rtl.get(); LockstepModel b = emu.get()) {
            ClockedModel ma = a.model();
            ClockedModel mb = b.model();
            for (LockstepModel side : new LockstepModel[] {a, b}) {
                side.model().reset(Manifest.RESET_CYCLES);
                side.record(true);
            }
            // The host opens the line once the board is out of its power-on reset (a start bit
            // during reset would be missed, as on a real board powered up mid-frame); it listens
            // from the first cycle, so it hears the board's first ACK whole.
            host.quietUntil(cfg.resetCycles());
            while (now < maxCycles && found == null && !host.done(responseWords)) {
                int[] levels = host.levels(BATCH, now);
                ma.push(levels);
                mb.push(levels);
                ma.step(BATCH);
                mb.step(BATCH);
                found = compareBatch(watch, now, ma.take(BATCH), mb.take(BATCH), ma.pop(), mb.pop(), host);
                if (found == null && !watch.memoriesEveryCycle()) found = snapshots(watch, now + BATCH, a, b);
                now += BATCH;
            }
        }
        return new Report(now, found, host, host.done(responseWords));
    }

    private static Cosim.Mismatch compareBatch(WatchList watch, long now, int[][] ra, int[][] rb, int[] pa, int[] pb,
                                               BoardHost host) {
        for (int c = 0; c < ra.length; c++) {
            for (int i = 0; i < ra[c].length; i++) {
                if (ra[c][i] != rb[c][i]) {
                    return new Cosim.Mismatch(now + c + 1, watch.describe(true, i), ra[c][i] & 0xFFFF_FFFFL, rb[c][i] & 0xFFFF_FFFFL);
                }
            }
        }
        for (int c = 0; c < Math.max(pa.length, pb.length); c++) {
            int x = c < pa.length ? pa[c] : -1;
            int y = c < pb.length ? pb[c] : -1;
            if (x != y) return new Cosim.Mismatch(now + c, "output pins (bit 0 uart_tx_o, 1 led_ok_o, 2 led_err_o)", x, y);
        }
        host.feed(pa, now);
        return null;
    }

    private static Cosim.Mismatch snapshots(WatchList watch, long cycle, LockstepModel a, LockstepModel b) {
        int[] sa = a.snapshot();
        int[] sb = b.snapshot();
        for (int i = 0; i < sa.length; i++) {
            if (sa[i] != sb[i]) return new Cosim.Mismatch(cycle, watch.describe(false, i), sa[i] & 0xFFFF_FFFFL, sb[i] & 0xFFFF_FFFFL);
        }
        return null;
    }
}
