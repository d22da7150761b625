package org.heterosyn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "board", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "A board without the board.",
            "",
            "emulate  the board top under Verilator, its UART bridged bit by bit to a pseudo-terminal (docs/fpga.md)"},
        subcommands = {BoardEmulateCommand.class, CommandLine.HelpCommand.class})
final class BoardCommand {
}
