// Simulation model of the iCE40 SB_PLL40_PAD, for simulation only: Yosys synth_ice40 maps the
// instance to the hard PLL with the DIVR/DIVF/DIVQ/FILTER_RANGE the generator chose. Here the PLL
// is bypassed: the oscillator pin is the design clock and the PLL is always locked, so Verilator
// and the emulator twin run one clock (the board top's only clock).
// Written by heterosyn rtl-gen next to a board top (sim/), not listed in filelist.f.
module SB_PLL40_PAD #(
  /* verilator lint_off UNUSEDPARAM */  // the divider settings are for the hard PLL only
  parameter FEEDBACK_PATH = "SIMPLE",
  parameter DIVR = 0,
  parameter DIVF = 0,
  parameter DIVQ = 0,
  parameter FILTER_RANGE = 0
  /* verilator lint_on UNUSEDPARAM */
) (
  input  PACKAGEPIN,
  /* verilator lint_off UNUSEDSIGNAL */  // the bypassed model has no PLL to reset or bypass
  input  RESETB,
  input  BYPASS,
  /* verilator lint_on UNUSEDSIGNAL */
  output PLLOUTGLOBAL,
  output LOCK
);
  assign PLLOUTGLOBAL = PACKAGEPIN;
  assign LOCK = 1'b1;
endmodule
