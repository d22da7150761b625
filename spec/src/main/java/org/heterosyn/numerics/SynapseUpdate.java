package org.heterosyn.numerics;

import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rounding;

/**
 * The update of one synapse, w' = sat(w + round(-eta*e*h - eta*lambda*w)), with the whole increment
 * formed exactly as an integer before its one rounding (docs/numerics.md, "Weight update").
 *
 * <pre>
 *   num = -(e*h) * 2^decayShift - w * 2^(2*valueFrac - weightFrac)   (decay term only if the rule decays)
 *   inc = floor((num + u) / 2^shift),  shift = 2*valueFrac - weightFrac + etaShift (+ decayShift)
 *   u   = 2^(shift-1) (nearest)  or  dither mod 2^shift (stochastic)
 * </pre>
 */
public final class SynapseUpdate {
    private final int gradShift;
    private final int decayAlign;
    private final int shift;
    private final boolean decays;
    private final boolean stochastic;
    private final int wMin;
    private final int wMax;
    private final long ditherMask;
    /**
     * True when the row kernel may run in 32-bit ints: floor(x / 2^shift) is computed as
     * floor((floor((u - decay) / 2^gradShift) - e*h) / 2^(shift - gradShift)), exact because
     * floor(floor(x/a)/b) = floor(x/(ab)) and e*h is a multiple of 2^gradShift before the first floor.
     */
    private final boolean narrow;
    private int[] rowIn = new int[0];
    private int[] rowOut = new int[0];
    private int[] columns = new int[0];

    public SynapseUpdate(Numerics n, boolean decays) {
        this.decays = decays;
        this.gradShift = decays ? n.decayShift() : 0;
        this.decayAlign = 2 * n.valueFrac() - n.weightFrac();
        this.shift = n.updateShift(decays);
        this.stochastic = n.rounding() == Rounding.STOCHASTIC;
        this.wMin = (int) n.weightMin();
        this.wMax = (int) n.weightMax();
        this.ditherMask = shift == 0 ? 0 : (1L << shift) - 1;
        this.narrow = fitsInt(n);
    }

    /** Bounds every intermediate of the int kernel; any spec that fails them takes the long path. */
    private boolean fitsInt(Numerics n) {
        long limit = Integer.MAX_VALUE;
        long wAbs = 1L << (n.weightBits() - 1);
        long vAbs = 1L << (n.valueBits() - 1);
        long decay = decays ? wAbs << decayAlign : 0;
        long u = shift == 0 ? 0 : 1L << shift;
        long first = u + decay;
        long y = (first >> gradShift) + vAbs * vAbs;
        long next = (y >> (shift - gradShift)) + wAbs;
        return shift <= 30 && first <= limit && y <= limit && next <= limit;
    }

    /** The exact increment before rounding, in units of 2^-(weightFrac + shift). */
    public long exactIncrement(long w, long eh) {
        long num = -(eh << gradShift);
        if (decays) num -= w << decayAlign;
        return num;
    }

    /** The rounding offset u for a synapse whose dither word is {@code dither}. */
    private long offset(int dither) {
        if (shift == 0) return 0;
        return stochastic ? (dither & ditherMask) : 1L << (shift - 1);
    }

    /** The new weight; {@code eh} is the raw product e*h, {@code dither} the synapse's dither word. */
    public long apply(long w, long eh, int dither) {
        long inc = (exactIncrement(w, eh) + offset(dither)) >> shift;
        long next = w + inc;
        return next < wMin ? wMin : (next > wMax ? wMax : next);
    }

    /**
     * Updates synapses (row, 0..n-1) of a row-major matrix: w[off + c] with product e * h[c] and
     * dither mix(rowKey ^ c), rowKey = DitherHash.rowKey(sampleKey, row). Bit-identical to {@link #apply}.
     * Not thread-safe: it works in per-instance scratch rows.
     */
    public void updateRow(int[] w, int off, int n, int e, int[] h, int rowKey) {
        if (!narrow) {
            for (int c = 0; c < n; c++) {
                w[off + c] = (int) apply(w[off + c], (long) e * h[c], DitherHash.mix(rowKey ^ c));
            }
            return;
        }
        ensureScratch(n);
        // C2 (JDK 17) vectorizes this loop only when it reads and writes whole arrays from index 0
        // and avoids Math.min/max, hence the copies and the branch-free saturation.
        int[] in = rowIn;
        int[] out = rowOut;
        int[] cols = columns;
        System.arraycopy(w, off, in, 0, n);
        final int gs = gradShift;
        final int da = decays ? decayAlign : 0;
        final int decayOn = decays ? 1 : 0;
        final int rest = shift - gradShift;
        final int mask = stochastic ? (int) ditherMask : 0;
        final int half = stochastic || shift == 0 ? 0 : 1 << (shift - 1);
        final int lo = wMin;
        final int hi = wMax;
        for (int c = 0; c < n; c++) {
            int x = DitherHash.mix(rowKey ^ cols[c]);
            int wc = in[c];
            int q = (((x & mask) | half) - ((wc * decayOn) << da)) >> gs;
            int next = wc + ((q - e * h[c]) >> rest);
            next -= (next - hi) & ((hi - next) >> 31);
            next += (lo - next) & ((next - lo) >> 31);
            out[c] = next;
        }
        System.arraycopy(out, 0, w, off, n);
    }

    private void ensureScratch(int n) {
        if (columns.length >= n) return;
        rowIn = new int[n];
        rowOut = new int[n];
        columns = new int[n];
        for (int c = 0; c < n; c++) columns[c] = c;
    }

    /** True when a zero product leaves the weight unchanged, so a zero error row can be skipped. */
    public boolean zeroProductIsNoop() { return !decays; }

    public int shift() { return shift; }

    public boolean stochastic() { return stochastic; }
}
