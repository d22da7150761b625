package org.heterosyn.cli;

import org.heterosyn.board.Boards;
import org.heterosyn.fpga.Flash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "flash", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Program a board with iceprog (package fpga-icestorm) over USB.",
            "",
            "Needs the board plugged in and access to its FTDI device (on Debian: a udev rule or root; docs/fpga.md). "
                + "Writes the SPI flash, so the design comes back at every power-up; --sram loads the FPGA only."},
        footer = {"", "Example: bin/heterosyn fpga flash --bin build/fpga/heterosyn_fit_shell.bin"})
final class FpgaFlashCommand implements Callable<Integer> {
    @Option(names = "--bin", paramLabel = "FILE", required = true, description = "The bitstream ('heterosyn fpga build' writes DIR/<top>.bin).")
    Path bin;

    @Option(names = "--board", paramLabel = "NAME|DIR", defaultValue = Boards.DEFAULT,
            description = "The board (its programmer must be iceprog). Default: ${DEFAULT-VALUE}.")
    String board;

    @Option(names = "--sram", description = "Load the FPGA's configuration SRAM (iceprog -S) instead of the flash.")
    boolean sram;

    @Override
    public Integer call() {
        Flash.program(Boards.load(board), bin, sram, System.out);
        return 0;
    }
}
