package org.heterosyn.fpga;

import java.util.Locale;

/**
 * The fields of {@code report.json}, in the order written. The key and its meaning are declared here
 * once; docs/fpga.md's report table is held equal to this list by ReportDocTest.
 */
public enum ReportField {
    DESIGN("the spec's name"),
    BOARD("the board's folder name (fpga/boards/NAME)"),
    TOP("the module synthesised (and placed and routed): the board top, or the core in its measurement shell"),
    STAGE("`estimate` (Yosys synthesis, nextpnr packing) or `build` (placed, routed, bitstream written)"),
    LUTS("logic cells used: nextpnr's packed ICESTORM_LC on iCE40; LUT4 from Yosys on estimate-only parts"),
    LUTS_TOTAL("logic cells on the part (board.json resources.logicCells)"),
    DSPS("multiplier blocks used (SB_MAC16 on iCE40, MULT18X18D on ECP5)"),
    DSPS_TOTAL("multiplier blocks on the part (resources.dsps)"),
    EBRS("block RAMs used (SB_RAM40_4K on iCE40, DP16KD on ECP5)"),
    EBRS_TOTAL("block RAMs on the part (resources.ebrs)"),
    SPRAMS("single-port RAM blocks used (SB_SPRAM256KA)"),
    SPRAMS_TOTAL("single-port RAM blocks on the part (resources.sprams)"),
    FMAX_MHZ("the slowest clock's maximum frequency after routing (nextpnr); null before place-and-route"),
    TARGET_MHZ("the clock the design is built for (--freq, nextpnr's timing target)"),
    TIMING_MET("fmax_mhz >= target_mhz; null before place-and-route"),
    CYCLES_PER_TRAIN("clock cycles of one TRAIN command (CycleModel, docs/architecture.md \"Cycle counts\")"),
    SAMPLES_PER_S("training samples per second from the core at target_mhz: target_mhz * 1e6 / cycles_per_train"),
    SAMPLES_PER_S_AT_FMAX("the same at fmax_mhz; null before place-and-route"),
    FITS("true when nothing below is a problem: the design fits the part and meets the target clock"),
    PROBLEMS("what does not fit or is not met, one sentence each (empty when fits)");

    private final String meaning;

    ReportField(String meaning) {
        this.meaning = meaning;
    }

    /** The JSON key, e.g. "luts_total". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String meaning() {
        return meaning;
    }
}
