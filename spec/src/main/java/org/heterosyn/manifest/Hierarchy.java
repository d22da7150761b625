package org.heterosyn.manifest;

/**
 * Instance names of the design's blocks, as the generator emits them and the emulator, the
 * manifest's state paths and waveforms name them.
 */
public final class Hierarchy {
    public static final String CMD = "u_cmd";
    public static final String RSP = "u_rsp";
    public static final String CTRL = "u_ctrl";
    public static final String ENGINE = "u_eng";
    public static final String WEIGHTS = "u_wmem";
    /** Inside the layer engine. */
    public static final String KEY = "u_key";
    /** Inside the controller. */
    public static final String DECODE = "u_decode";
    public static final String WALK = "u_walk";
    public static final String SEQUENCER = "u_seq";
    public static final String INPUT_TABLE = "u_itab";

    private Hierarchy() {}

    /** A path from the top: path("u_ctrl", "u_walk") is "u_ctrl.u_walk.". */
    public static String path(String... instances) {
        StringBuilder b = new StringBuilder();
        for (String i : instances) b.append(i).append('.');
        return b.toString();
    }
}
