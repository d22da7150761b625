package org.heterosyn.sweep;

import java.io.Serializable;

/**
 * What a design costs on the FPGA, as a {@link ResourceEstimator} found it; null where the estimator
 * cannot tell (no place-and-route: no fmax).
 *
 * @param cells every mapped cell of the top after synthesis
 * @param luts SB_LUT4 cells; dsps SB_MAC16; rams SB_RAM40_4K; sprams SB_SPRAM256KA
 * @param estimator how the figures were obtained ("yosys synth_ice40"), or why there are none ("n/a: ...")
 */
public record Resources(Integer cells, Integer luts, Integer dsps, Integer rams, Integer sprams, Double fmaxMhz,
                        String estimator) implements Serializable {
    public static Resources unavailable(String why) {
        return new Resources(null, null, null, null, null, null, "n/a: " + why);
    }
}
