package org.heterosyn.spec;

/**
 * The iCE40 single-port RAM block SB_SPRAM256KA, behind the {@code spram} memory style: 16K words of
 * 16 bits each (Lattice iCE40 SPRAM usage guide, TN1314). The geometry of one block is a property of
 * the memory style; how many blocks a part has is a board fact (board.json resources.sprams, read by
 * org.heterosyn.board.Board), checked by the FPGA flow's fit check (org.heterosyn.fpga.Fit).
 */
public final class Spram {
    /** The primitive's module name, for instances and its simulation model. */
    public static final String PRIMITIVE = "SB_SPRAM256KA";
    public static final int ADDR_BITS = 14;
    public static final int DEPTH = 1 << ADDR_BITS;
    public static final int WIDTH = 16;

    private Spram() {}
}
