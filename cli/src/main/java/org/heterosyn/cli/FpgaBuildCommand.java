package org.heterosyn.cli;

import org.heterosyn.fpga.Flow;
import org.heterosyn.fpga.Report;
import org.heterosyn.fpga.ReportField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "build", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Build a bitstream: generate, Yosys synth_ice40, nextpnr-ice40 at the clock target, icepack.",
            "",
            "Writes DIR/<top>.bin, DIR/<top>.asc, DIR/design/ (the generated RTL), DIR/logs/ (every tool's output) "
                + "and DIR/report.json (docs/fpga.md, \"report.json\"). Each phase prints a banner. Until the board top "
                + "(UART link, PLL) lands, <top> is the core in a measurement shell: its resources and Fmax are "
                + "real, its bitstream cannot train. Exit code 0 fits and meets the clock, 1 not, 2 bad input."},
        footer = {"", "Example: bin/heterosyn fpga build --spec spec/specs/default.json --board icebreaker --out build/fpga --freq 24"})
final class FpgaBuildCommand implements Callable<Integer> {
    @Mixin SpecOptions specOptions;
    @Mixin FpgaOptions fpga;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory (created if missing).")
    Path out;

    @Override
    public Integer call() {
        Report r = new Flow(System.out).build(new Flow.Job(specOptions.load(), fpga.load(), out, fpga.freq));
        System.out.println("bitstream " + out.resolve(r.get(ReportField.TOP) + ".bin") + ", report " + out.resolve(Report.FILE));
        return FpgaOptions.print(r, System.out);
    }
}
