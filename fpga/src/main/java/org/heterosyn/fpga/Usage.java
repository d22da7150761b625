package org.heterosyn.fpga;

/** The part's resources a design takes: logic cells, multipliers, block RAMs, single-port RAMs. */
public record Usage(int luts, int dsps, int ebrs, int sprams) {
    /** iCE40 cell names, as Yosys and nextpnr print them. */
    static final String ICE40_DSP = "SB_MAC16";
    static final String ICE40_EBR = "SB_RAM40_4K";
    static final String ICE40_SPRAM = "SB_SPRAM256KA";
    /** ECP5 cell names (synth_ecp5). */
    static final String ECP5_LUT = "LUT4";
    static final String ECP5_DSP = "MULT18X18D";
    static final String ECP5_EBR = "DP16KD";

    /** From nextpnr-ice40's utilisation (packing or place-and-route). */
    static Usage ofNextpnr(NextpnrLog log) {
        return new Usage(log.used("ICESTORM_LC"), log.used("ICESTORM_DSP"), log.used("ICESTORM_RAM"),
                log.used("ICESTORM_SPRAM"));
    }

    /** From Yosys alone on ECP5, where nothing packs LUTs into slices here: LUT4 cells count as logic cells. */
    static Usage ofEcp5(YosysStat stat) {
        return new Usage(stat.count(ECP5_LUT), stat.count(ECP5_DSP), stat.count(ECP5_EBR), 0);
    }
}
