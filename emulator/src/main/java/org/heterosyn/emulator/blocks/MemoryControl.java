package org.heterosyn.emulator.blocks;

/**
 * The controller-to-weight-memory bundle (Bundles.memoryControl): one field per signal, of the
 * same name, written by the controller each cycle. ld_data is sign-extended.
 */
public final class MemoryControl {
    int layer;
    boolean mat;
    int raddr;
    int waddr;
    boolean we_w;
    boolean we_b;
    boolean ld;
    int ld_lane;
    int ld_data;
}
