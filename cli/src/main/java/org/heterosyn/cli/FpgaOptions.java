package org.heterosyn.cli;

import org.heterosyn.board.Boards;
import org.heterosyn.fpga.BoardFiles;
import org.heterosyn.fpga.Flow;
import org.heterosyn.fpga.Report;
import org.heterosyn.fpga.ReportField;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.List;

/** --board and --freq of fpga estimate and fpga build, and how both print a report. */
final class FpgaOptions {
    @Option(names = "--board", paramLabel = "NAME|DIR", defaultValue = Boards.DEFAULT,
            description = "A shipped board (icebreaker, hx8k-breakout, ulx3s-85f) or a folder holding board.json and "
                    + "its pin file. Default: ${DEFAULT-VALUE}.")
    String board;

    @Option(names = "--freq", paramLabel = "MHZ", defaultValue = "" + Flow.DEFAULT_TARGET_MHZ,
            description = "Clock target in MHz (nextpnr's timing goal; samples/s are computed at it). Default: ${DEFAULT-VALUE}.")
    double freq;

    BoardFiles load() {
        return BoardFiles.load(board);
    }

    /** The report's fields one per line, then the verdict; exit code 1 when something does not fit. */
    static int print(Report r, PrintStream out) {
        out.println("report:");
        r.asMap().forEach((k, v) -> {
            if (!k.equals(ReportField.PROBLEMS.key())) out.printf("  %-22s %s%n", k, v);
        });
        @SuppressWarnings("unchecked") // Flow puts a List<String> under PROBLEMS
        List<String> problems = (List<String>) r.get(ReportField.PROBLEMS);
        for (String p : problems) out.println("WARNING: " + p);
        out.println(r.fits() ? "fits" : "DOES NOT FIT");
        return r.fits() ? 0 : 1;
    }
}
