package org.heterosyn.spec;

/**
 * The iCE40 UP5K's single-port RAM block SB_SPRAM256KA, behind the {@code spram} memory style: 16K
 * words of 16 bits each, four blocks on the part (Lattice iCE40 SPRAM usage guide, TN1314).
 */
public final class Spram {
    /** The primitive's module name, for instances and its simulation model. */
    public static final String PRIMITIVE = "SB_SPRAM256KA";
    public static final int ADDR_BITS = 14;
    public static final int DEPTH = 1 << ADDR_BITS;
    public static final int WIDTH = 16;
    /** Blocks on an iCE40 UP5K. */
    public static final int UP5K_BLOCKS = 4;

    private Spram() {}
}
