package org.heterosyn.board;

import java.util.Locale;

/**
 * SB_PLL40_PAD settings for an output frequency, found as icestorm's {@code icepll} finds them in
 * SIMPLE feedback mode: every DIVR, DIVF, DIVQ whose phase-detector and VCO frequencies are in the
 * iCE40 PLL's ranges, keeping the first with the smallest error (icepll -i 12 -o 24: DIVR 0,
 * DIVF 63, DIVQ 5, FILTER_RANGE 1, exactly 24 MHz). The oscillator's own frequency is a bypass.
 */
public record Ice40Pll(int divr, int divf, int divq, int filterRange, double inMhz, double outMhz) {
    /** The ranges of the iCE40 datasheet (PLL section), as icepll uses them. */
    static final double PFD_MIN = 10, PFD_MAX = 133, VCO_MIN = 533, VCO_MAX = 1066, IN_MIN = 10, IN_MAX = 133;
    static final double OUT_MIN = 16, OUT_MAX = 275;
    static final int DIVR_MAX = 15, DIVF_MAX = 127, DIVQ_MIN = 1, DIVQ_MAX = 6;

    /**
     * The settings for targetMhz; the oscillator's own frequency needs no PLL ({@link #bypass()}: the
     * board top then clocks from the oscillator pin, below the PLL's 16 MHz floor).
     */
    public static Ice40Pll of(double inMhz, double targetMhz) {
        if (targetMhz == inMhz) return new Ice40Pll(0, 0, 0, 0, inMhz, inMhz);
        if (inMhz < IN_MIN || inMhz > IN_MAX) throw new BoardException(String.format(Locale.ROOT,
                "iCE40 PLL input %.3f MHz is outside %.0f..%.0f MHz", inMhz, IN_MIN, IN_MAX));
        if (targetMhz < OUT_MIN || targetMhz > OUT_MAX) throw new BoardException(String.format(Locale.ROOT,
                "iCE40 PLL output %.3f MHz is outside %.0f..%.0f MHz", targetMhz, OUT_MIN, OUT_MAX));
        Ice40Pll best = null;
        double bestErr = Double.MAX_VALUE;
        for (int r = 0; r <= DIVR_MAX; r++) {
            double pfd = inMhz / (r + 1);
            if (pfd < PFD_MIN || pfd > PFD_MAX) continue;
            for (int f = 0; f <= DIVF_MAX; f++) {
                double vco = pfd * (f + 1);
                if (vco < VCO_MIN || vco > VCO_MAX) continue;
                for (int q = DIVQ_MIN; q <= DIVQ_MAX; q++) {
                    double out = vco / (1 << q);
                    double err = Math.abs(out - targetMhz);
                    if (err < bestErr) {
                        bestErr = err;
                        best = new Ice40Pll(r, f, q, filterRange(pfd), inMhz, out);
                    }
                }
            }
        }
        if (best == null) throw new BoardException("no iCE40 PLL setting makes " + targetMhz + " MHz from " + inMhz + " MHz");
        return best;
    }

    /** No PLL: the output is the input (no SB_PLL40 setting makes an output below 16 MHz, so none equals a 12 MHz input). */
    public boolean bypass() { return outMhz == inMhz; }

    /** The loop filter for a phase-detector frequency (icepll's table). */
    static int filterRange(double pfd) {
        if (pfd < 17) return 1;
        if (pfd < 26) return 2;
        if (pfd < 44) return 3;
        if (pfd < 66) return 4;
        if (pfd < 101) return 5;
        return 6;
    }
}
