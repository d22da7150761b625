package org.heterosyn.cli;

import org.heterosyn.fpga.Flow;
import org.heterosyn.fpga.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "estimate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "What a design costs on a board, before place-and-route: generate, Yosys synthesis, nextpnr packing.",
            "",
            "Prints the logic cells, DSPs, block RAMs and SPRAMs used against the board's, the cycles of a TRAIN "
                + "(CycleModel) and the samples/s at the clock target, and a WARNING for each thing that will not fit. "
                + "Refuses at once an SPRAM design that needs more SPRAM blocks than the board has. Fmax needs "
                + "place-and-route: 'heterosyn fpga build'. Exit code 0 fits, 1 does not fit, 2 bad input."},
        footer = {"", "Example: bin/heterosyn fpga estimate --spec spec/specs/default.json --board icebreaker"})
final class FpgaEstimateCommand implements Callable<Integer> {
    @Mixin SpecOptions specOptions;
    @Mixin FpgaOptions fpga;

    @Option(names = "--out", paramLabel = "DIR", description = "Keep the design, logs and report.json here (default: a temporary directory).")
    Path out;

    @Option(names = "--per-module", description = "Keep each block a module so DIR/stat.txt shows where the cells go "
            + "(a few hundred cells more than flat synthesis).")
    boolean perModule;

    @Override
    public Integer call() throws IOException {
        Path dir = out != null ? out : Files.createTempDirectory("heterosyn-fpga-");
        Report r = new Flow(System.out).estimate(new Flow.Job(specOptions.load(), fpga.load(), dir, fpga.freq), perModule);
        System.out.println("logs and report.json in " + dir);
        return FpgaOptions.print(r, System.out);
    }
}
