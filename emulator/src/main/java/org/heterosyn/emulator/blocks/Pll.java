package org.heterosyn.emulator.blocks;

/**
 * Twin of the board top's PLL as simulated (rtl-gen Pll with sim/SB_PLL40_PAD.v): the oscillator is
 * the design clock and the PLL is locked from the start, so the twin has one clock and no state.
 */
final class Pll {
    boolean lock_o() { return true; }
}
