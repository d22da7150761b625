// Behavioural model of the iCE40 UltraPlus SB_SPRAM256KA (16K x 16 single-port RAM), for
// simulation only: Yosys synth_ice40 maps the instance to the hard block of the same name.
// Written by heterosyn rtl-gen next to the generated RTL (sim/), not listed in filelist.f.
// A read (WREN low) registers the addressed word on DATAOUT at the clock edge; a write leaves
// DATAOUT unchanged (the generated RTL never reads it in a write cycle). MASKWREN enables each
// nibble; a deselected, standby, sleeping or powered-off block ignores the clock.
module SB_SPRAM256KA (
  input  [13:0]     ADDRESS,
  input  [15:0]     DATAIN,
  input  [3:0]      MASKWREN,
  input             WREN,
  input             CHIPSELECT,
  input             CLOCK,
  input             STANDBY,
  input             SLEEP,
  input             POWEROFF,
  output reg [15:0] DATAOUT
);
  reg  [15:0] mem [0:16383];
  wire        active = CHIPSELECT && !STANDBY && !SLEEP && POWEROFF;
  wire [15:0] bitmask = {{4{MASKWREN[3]}}, {4{MASKWREN[2]}}, {4{MASKWREN[1]}}, {4{MASKWREN[0]}}};

  always @(posedge CLOCK) begin
    if (active) begin
      if (WREN) mem[ADDRESS] <= (mem[ADDRESS] & ~bitmask) | (DATAIN & bitmask);
      else DATAOUT <= mem[ADDRESS];
    end
  end
endmodule
