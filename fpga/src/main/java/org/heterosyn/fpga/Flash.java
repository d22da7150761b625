package org.heterosyn.fpga;

import org.heterosyn.board.Board;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Programs a board with iceprog over its FTDI channel A: into the SPI flash (kept over power cycles,
 * the default) or, with {@code sram}, straight into the FPGA (lost at power-off, no flash wear).
 */
public final class Flash {
    private Flash() {}

    public static void program(Board board, Path bin, boolean sram, PrintStream out) {
        if (!board.programmer().equals(Tool.ICEPROG.program))
            throw new FpgaException("board " + board.name() + " is programmed with " + board.programmer()
                    + ", which heterosyn does not drive; run it by hand");
        if (!Files.isRegularFile(bin)) throw new FpgaException("no bitstream at " + bin + " (heterosyn fpga build writes one)");
        List<String> args = new ArrayList<>();
        if (sram) args.add("-S");                       // -S: configure the FPGA's SRAM, leave the flash alone
        args.add(bin.toAbsolutePath().toString());
        out.println("== iceprog " + String.join(" ", args) + " ==");
        Path dir = bin.toAbsolutePath().getParent();
        String log = Tool.ICEPROG.run(dir, args, dir.resolve(Flow.LOGS).resolve("iceprog.log"));
        out.print(log);
    }
}
