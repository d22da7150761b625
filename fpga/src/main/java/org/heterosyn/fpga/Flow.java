package org.heterosyn.fpga;

import org.heterosyn.board.Board;
import org.heterosyn.manifest.CycleModel;
import org.heterosyn.manifest.Layout;
import org.heterosyn.rtl.Firtool;
import org.heterosyn.rtl.Generator;
import org.heterosyn.spec.DesignSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The open FPGA flow of one design on one board. {@link #estimate} synthesises (Yosys) and packs
 * (nextpnr-ice40 --pack-only): seconds to a minute, no timing. {@link #build} also places and routes
 * against a clock target and writes the bitstream. Both refuse memory the board cannot hold before
 * running any tool, write DIR/report.json, and keep every tool's log in DIR/logs/.
 */
public final class Flow {
    /** Issue 9's aim: 4 lanes at >= 24 MHz give the default design >= 600 training samples/s. */
    public static final double DEFAULT_TARGET_MHZ = 24.0;
    static final String DESIGN = "design";
    static final String LOGS = "logs";

    /** What to run on: the spec, the board, the output directory and the clock target. */
    public record Job(DesignSpec spec, BoardFiles board, Path dir, double targetMhz) {
        public Job {
            if (!(targetMhz > 0 && targetMhz < 1000)) throw new FpgaException("--freq must be in (0, 1000) MHz, got " + targetMhz);
        }
    }

    private final PrintStream out;

    public Flow(PrintStream out) {
        this.out = out;
    }

    /** Synthesis and packing; {@code perModule} keeps the blocks as modules so stat.txt shows where cells go. */
    public Report estimate(Job job, boolean perModule) {
        Board board = job.board().board();
        boolean ice40 = board.family() == Board.Family.ICE40;
        Banner banner = new Banner(out, ice40 ? 3 : 2);
        refuseMemory(job);
        Top top = generate(job, banner);
        YosysStat stat = synthesise(job, top, banner, perModule);
        Usage use;
        if (ice40) {
            banner.begin("packing", "nextpnr-ice40 --pack-only (logic cells as placed, no timing)");
            use = Usage.ofNextpnr(NextpnrLog.parse(Tool.NEXTPNR_ICE40.run(job.dir(), nextpnr(job, top, true), log(job, "nextpnr-pack.log"))));
        } else {
            use = Usage.ofEcp5(stat);
        }
        banner.end();
        return finish(job, top, "estimate", use, OptionalDouble.empty());
    }

    /** Synthesis, place-and-route at the target clock and icepack: DIR/&lt;top&gt;.bin. */
    public Report build(Job job) {
        Board board = job.board().board();
        if (!board.placeAndRoute() || board.family() != Board.Family.ICE40)
            throw new FpgaException("board " + board.name() + " is an estimate only (no place-and-route for "
                    + board.family().name().toLowerCase(Locale.ROOT) + " is installed): use 'heterosyn fpga estimate'");
        Banner banner = new Banner(out, 4);
        refuseMemory(job);
        Top top = generate(job, banner);
        synthesise(job, top, banner, false);
        List<String> refusal = Fit.resources(packed(job, top), board);
        if (!refusal.isEmpty()) throw new FpgaException("does not fit, place-and-route skipped: " + String.join("; ", refusal));
        banner.begin("place and route", String.format(Locale.ROOT, "nextpnr-ice40 --%s --package %s --freq %.2f",
                board.device(), board.packageName(), job.targetMhz()));
        NextpnrLog pnr = NextpnrLog.parse(Tool.NEXTPNR_ICE40.run(job.dir(), nextpnr(job, top, false), log(job, "nextpnr.log")));
        banner.begin("bitstream", "icepack " + top.asc() + " " + top.bin());
        Tool.ICEPACK.run(job.dir(), List.of(top.asc(), top.bin()), log(job, "icepack.log"));
        banner.end();
        return finish(job, top, "build", Usage.ofNextpnr(pnr), pnr.fmaxMhz());
    }

    private void refuseMemory(Job job) {
        List<String> memory = Fit.memory(new Layout(job.spec()), job.board().board());
        if (!memory.isEmpty()) throw new FpgaException(String.join("; ", memory));
    }

    private Top generate(Job job, Banner banner) {
        banner.begin("generate", "FIRRTL and SystemVerilog of " + job.spec().name() + " (firtool)");
        Generator.Result r = new Generator(Firtool.fromClasspath()).run(job.spec(), job.dir().resolve(DESIGN));
        Top top = Top.of(r, job.dir());
        writeConstraints(job);
        banner.say("top " + top.name() + " (" + top.files().size() + " files)");
        return top;
    }

    private YosysStat synthesise(Job job, Top top, Banner banner, boolean perModule) {
        Board.Family family = job.board().board().family();
        String script = Synthesis.script(family, top.files(), top.name(), top.yosysFlags(), perModule);
        banner.begin("synthesis", "yosys " + script.substring(script.indexOf("synth_")).split(";")[0]);
        Tool.YOSYS.run(job.dir(), List.of("-p", script), log(job, "yosys.log"));
        YosysStat stat = YosysStat.parse(read(job.dir().resolve(Synthesis.STAT)));
        banner.say("cells: " + stat.total());
        return stat;
    }

    /** Packing alone, to refuse a design that cannot fit before a long place-and-route. */
    private Usage packed(Job job, Top top) {
        return Usage.ofNextpnr(NextpnrLog.parse(Tool.NEXTPNR_ICE40.run(job.dir(), nextpnr(job, top, true), log(job, "nextpnr-pack.log"))));
    }

    private List<String> nextpnr(Job job, Top top, boolean packOnly) {
        Board b = job.board().board();
        List<String> args = new ArrayList<>(List.of(
                "--" + b.device(), "--package", b.packageName(),     // the part and its package (board.json)
                "--json", Synthesis.NETLIST,                          // Yosys's netlist
                "--pcf", b.constraints()));                           // pins by BoardPort name
        if (packOnly) {
            args.add("--pack-only");                                  // packing gives logic cells in seconds
        } else {
            args.addAll(List.of(
                    "--freq", String.format(Locale.ROOT, "%.2f", job.targetMhz()),   // timing target
                    "--timing-allow-fail",                            // report a miss as Fmax, not an abort
                    "--asc", top.asc()));
        }
        return args;
    }

    private void writeConstraints(Job job) {
        try {
            Files.writeString(job.dir().resolve(job.board().board().constraints()), job.board().constraints());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Report finish(Job job, Top top, String stage, Usage use, OptionalDouble fmax) {
        Board board = job.board().board();
        Board.Resources r = board.resources();
        long cycles = new CycleModel(job.spec()).train().value();
        List<String> problems = new ArrayList<>(Fit.resources(use, board));
        problems.addAll(Fit.clock(fmax, job.targetMhz()));
        Report rep = new Report()
                .put(ReportField.DESIGN, job.spec().name()).put(ReportField.BOARD, board.name())
                .put(ReportField.TOP, top.name()).put(ReportField.STAGE, stage)
                .put(ReportField.LUTS, use.luts()).put(ReportField.LUTS_TOTAL, r.logicCells())
                .put(ReportField.DSPS, use.dsps()).put(ReportField.DSPS_TOTAL, r.dsps())
                .put(ReportField.EBRS, use.ebrs()).put(ReportField.EBRS_TOTAL, r.ebrs())
                .put(ReportField.SPRAMS, use.sprams()).put(ReportField.SPRAMS_TOTAL, r.sprams())
                .put(ReportField.FMAX_MHZ, fmax.isPresent() ? round2(fmax.getAsDouble()) : null)
                .put(ReportField.TARGET_MHZ, job.targetMhz())
                .put(ReportField.TIMING_MET, fmax.isPresent() ? fmax.getAsDouble() >= job.targetMhz() : null)
                .put(ReportField.CYCLES_PER_TRAIN, cycles)
                .put(ReportField.SAMPLES_PER_S, round2(Throughput.samplesPerSecond(job.targetMhz(), cycles)))
                .put(ReportField.SAMPLES_PER_S_AT_FMAX,
                        fmax.isPresent() ? round2(Throughput.samplesPerSecond(fmax.getAsDouble(), cycles)) : null)
                .put(ReportField.FITS, problems.isEmpty()).put(ReportField.PROBLEMS, problems);
        rep.write(job.dir().resolve(Report.FILE));
        return rep;
    }

    private static Path log(Job job, String name) {
        return job.dir().resolve(LOGS).resolve(name);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
