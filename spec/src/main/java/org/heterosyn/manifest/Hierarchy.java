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

    /** Inside the board top (docs/board-top.md); the core is u_core. */
    public static final String CORE = "u_core";
    public static final String PLL = "u_pll";
    public static final String POR = "u_por";
    public static final String UART_RX = "u_urx";
    public static final String UART_TX = "u_utx";
    public static final String FRAME_RX = "u_frx";
    public static final String FRAME_TX = "u_ftx";
    public static final String CMD_FIFO = "u_cmdq";
    public static final String RSP_FIFO = "u_rspq";

    private Hierarchy() {}

    /** Lane l's update unit, inside the layer engine. */
    public static String unit(int lane) { return "u_unit_" + lane; }

    /** A path from the top: path("u_ctrl", "u_walk") is "u_ctrl.u_walk.". */
    public static String path(String... instances) {
        StringBuilder b = new StringBuilder();
        for (String i : instances) b.append(i).append('.');
        return b.toString();
    }
}
