package org.heterosyn.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.heterosyn.sweep.FlowEstimator;
import org.heterosyn.sweep.Grid;
import org.heterosyn.sweep.Pareto;
import org.heterosyn.sweep.PointResult;
import org.heterosyn.sweep.Sweep;
import org.heterosyn.sweep.SweepTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "sweep", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Explore a design space on Apache Spark: for every point of a grid over spec fields, generate the RTL, "
                + "rate it on a board (the fpga estimate: Yosys synthesis, nextpnr packing), count a TRAIN's cycles, and train the fast model.",
            "",
            "The grid file (JSON, docs/sweeps.md) names a base spec, axes over spec fields (layers, lanes, valueBits, "
                + "weightBits, valueFrac, weightFrac, rule, rounding, etaShift, decayShift, feedbackShift, memory, seed) "
                + "and the board fields (board: fpga/boards/NAME, default icebreaker; clockMhz, default 24) as a cartesian \"grid\" or an explicit \"points\" list, and the "
                + "training settings (dataset, limit, testLimit, epochs, seed, ...).",
            "",
            "Writes DIR/" + SweepTable.CSV_FILE + " and DIR/" + SweepTable.JSON_FILE + " (a row per point: its fields, spec "
                + "hash, cycles per TRAIN, samples/s at the board clock, test accuracy, angle between B and W^T, gradient "
                + "cosine, weights_sha256, logic cells/DSPs/RAMs and fit on the board, tool versions, status and error, Pareto marks) and the "
                + "Pareto plots DIR/pareto-cells.png and DIR/pareto-speed.png. fmax_mhz is measured only with --place-and-route.",
            "",
            "Points already in DIR (an interrupted or extended sweep) are not run again; a point that fails is "
                + "recorded with its error and the others go on."},
        footer = {"", "Examples:",
            "  bin/heterosyn sweep --grid scripts/sweep-default-small.json --out out/sweep",
            "  bin/heterosyn sweep --grid scripts/sweep-default-small.json --out out/sweep --master spark://head:7077",
            "", "On a cluster every worker needs Java 17, the heterosyn jars at the driver's paths, Yosys, nextpnr-ice40 "
                + "and the data files (docs/sweeps.md, \"On a cluster\")."})
final class SweepCommand implements Callable<Integer> {
    @Option(names = "--grid", paramLabel = "FILE", required = true, description = "The grid file (JSON).")
    Path grid;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Output directory; a sweep resumes from what it holds.")
    Path out;

    @Option(names = "--master", paramLabel = "URL", defaultValue = Sweep.LOCAL,
            description = "Spark master: local[N] runs in this JVM with N threads, spark://HOST:PORT on a standalone "
                    + "cluster; " + Sweep.SERIAL + " runs the points one after another in this JVM without Spark "
                    + "(the baseline of scripts/sweep-overhead). Default: ${DEFAULT-VALUE} (one task per core).")
    String master;

    @Option(names = "--place-and-route",
            description = "Rate each design with 'heterosyn fpga build' (place-and-route at the point's clock) instead of the "
                    + "estimate: adds fmax_mhz, takes up to half an hour a design (cached like estimates). A design that does "
                    + "not fit is not placed. Rows of an earlier estimate-only run in DIR run again.")
    boolean placeAndRoute;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting for the job, e.g. spark.driver.host=10.0.0.5 or spark.executor.memory=2g (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--table-only",
            description = "Run nothing: write the table and plots of the points already done in DIR (an unfinished "
                    + "sweep's results so far); a later run without it resumes.")
    boolean tableOnly;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() {
        Grid g = Grid.read(grid);
        if (!tableOnly) System.out.printf(Locale.ROOT, "sweep of %d points on %s into %s%n", g.points().size(), master, out);
        Sweep sweep = new Sweep(master, conf, new FlowEstimator(placeAndRoute));
        Sweep.Outcome o;
        if (tableOnly) {
            o = sweep.writeDone(g, out);
        } else {
            try (Progress p = new Progress(quiet)) {
                o = sweep.run(g, out, p);
            }
        }
        printSummary(System.out, o);
        System.out.println("wrote " + out.resolve(SweepTable.CSV_FILE) + ", " + SweepTable.JSON_FILE + ", pareto-*.png");
        return o.rows().stream().allMatch(PointResult::ok) ? 0 : 1;
    }

    static void printSummary(PrintStream o, Sweep.Outcome r) {
        long failed = r.rows().stream().filter(x -> !x.ok()).count();
        o.printf(Locale.ROOT, "%d points: %d run now, %d done before, %d failed%n", r.rows().size(), r.ran(), r.skipped(), failed);
        List<PointResult> front = Pareto.front(r.rows(), Pareto::cells);
        if (!front.isEmpty()) o.println("Pareto front, test accuracy against cells:");
        for (PointResult p : front) {
            o.printf(Locale.ROOT, "  %-60s %6.2f%%  %6d cells  %10.0f samples/s%n", p.fields(), 100 * p.testAccuracy(),
                    p.resources().cells(), p.samplesPerS());
        }
        r.rows().stream().filter(x -> !x.ok()).forEach(x -> o.println("  failed " + x.fields() + ": " + x.error()));
    }

    /** The progress bar over points (stderr), or nothing. */
    private static final class Progress implements Sweep.Listener, AutoCloseable {
        private final boolean quiet;
        private ProgressBar bar;

        Progress(boolean quiet) { this.quiet = quiet; }

        @Override
        public void started(int points, int alreadyDone) {
            if (quiet) return;
            bar = new ProgressBarBuilder().setTaskName("sweep").setStyle(ProgressBarStyle.ASCII).setInitialMax(points)
                    .setUnit(" points", 1).setUpdateIntervalMillis(500).continuousUpdate().startsFrom(alreadyDone, java.time.Duration.ZERO)
                    .build();
        }

        @Override
        public void pointDone(PointResult r) {
            if (bar == null) return;
            bar.step();
            bar.setExtraMessage(" " + r.status() + " " + r.fields());
        }

        @Override
        public void close() {
            if (bar != null) bar.close();
        }
    }
}
