package org.heterosyn.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * What a design costs on its board, as a {@link ResourceEstimator} found it; null where the estimator
 * cannot tell (fmax needs place-and-route, which an estimate does not run, nor a build of a design that does not fit).
 *
 * @param cells logic cells (the fpga report's luts: nextpnr's packed ICESTORM_LC on iCE40)
 * @param dsps multiplier blocks; ebrs block RAMs; sprams single-port RAM blocks
 * @param fits the design fits the board (the report's fits); problems say why not
 * @param estimator how the figures were obtained, e.g. "fpga estimate (yosys synth_ice40, nextpnr-ice40 --pack-only)"
 */
public record Resources(Integer cells, Integer dsps, Integer ebrs, Integer sprams, Double fmaxMhz, Boolean fits,
                        List<String> problems, String estimator) implements Serializable {
    /** The same figures, credited to another estimator (one that had nothing to add to them). */
    public Resources by(String other) {
        return new Resources(cells, dsps, ebrs, sprams, fmaxMhz, fits, problems, other);
    }
}
