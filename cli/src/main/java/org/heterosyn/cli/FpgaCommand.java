package org.heterosyn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "fpga", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "The open FPGA flow: Yosys, nextpnr-ice40 and icestorm (Debian packages yosys, nextpnr-ice40, fpga-icestorm).",
            "",
            "estimate  synthesis and packing in a minute: cells, DSPs, RAMs, and what will not fit",
            "build     synthesis, place-and-route at a clock target, bitstream, report.json",
            "flash     program a board with iceprog",
            "",
            "Boards are folders: fpga/boards/<name>/board.json and a pin file (docs/fpga.md)."},
        subcommands = {FpgaEstimateCommand.class, FpgaBuildCommand.class, FpgaFlashCommand.class, CommandLine.HelpCommand.class})
final class FpgaCommand {
}
