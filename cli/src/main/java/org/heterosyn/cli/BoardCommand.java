package org.heterosyn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "board", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "A board without the board: its board top simulated behind a serial port (docs/fpga.md, \"The emulated board\").",
        subcommands = {BoardEmulateCommand.class, CommandLine.HelpCommand.class})
final class BoardCommand {
}
