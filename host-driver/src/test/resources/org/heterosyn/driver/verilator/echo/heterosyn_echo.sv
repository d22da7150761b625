// A one-word skid register with the generated top's host-link ports: every command word comes
// back as a response word plus one. Exercises the shim, JNA, back-pressure and the build cache
// without depending on the generator.
module heterosyn_echo (
    input  logic        clk_i,
    input  logic        rst_i,
    input  logic        cmd_valid_i,
    output logic        cmd_ready_o,
    input  logic [31:0] cmd_data_i,
    output logic        rsp_valid_o,
    input  logic        rsp_ready_i,
    output logic [31:0] rsp_data_o
);
  logic        full_q;
  logic [31:0] data_q;
  assign cmd_ready_o = !full_q || rsp_ready_i;
  assign rsp_valid_o = full_q;
  assign rsp_data_o  = data_q;
  always_ff @(posedge clk_i) begin
    if (rst_i) begin
      full_q <= 1'b0;
    end else if (cmd_valid_i && cmd_ready_o) begin
      full_q <= 1'b1;
      data_q <= cmd_data_i + 32'd1;
    end else if (rsp_ready_i) begin
      full_q <= 1'b0;
    end
  end
endmodule
