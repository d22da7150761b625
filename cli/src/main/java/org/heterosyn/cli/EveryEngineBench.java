package org.heterosyn.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.heterosyn.bench.Bench;
import org.heterosyn.bench.BenchResult;
import org.heterosyn.files.IoReason;
import org.heterosyn.files.OutputDir;
import org.heterosyn.files.OutputException;
import org.heterosyn.spec.DesignSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** `bench --out DIR`: the command-line side of {@link Bench} (options, progress, table, files). */
final class EveryEngineBench {
    static final String CHART = "bench.png";
    static final Set<String> FILES = Set.of(BenchResult.FILE, CHART);

    private EveryEngineBench() {}

    static int run(BenchCommand c) throws IOException {
        DesignSpec spec = c.specOptions.load();
        c.dataOptions.load(spec);  // a bad --dataset or --limit fails here, before any engine starts
        List<String> engines = c.engines != null ? c.engines.stream().map(String::trim).toList()
                : List.of(BenchCommand.ALL.split(","));
        try (OutputDir dir = OutputDir.open(c.out, FILES::contains)) {
            Path work = Files.createTempDirectory("heterosyn-bench-");
            try {
                if (c.profile != null) Files.createDirectories(c.profile);
                Bench.Options o = new Bench.Options(spec, c.dataOptions.choice(), engines, c.samples, c.slowSamples, c.rounds,
                        c.warmup, c.slowWarmup, work, c.profile);
                System.out.printf(Locale.ROOT, "bench: %s %s rule %s, engines %s; %d samples (reference, fast) and %d (clocked "
                                + "engines) in %d interleaved rounds, each engine in its own JVM%n", spec.name(), spec.layers(),
                        spec.rule().id(), String.join(",", engines), c.samples, c.slowSamples, c.rounds);
                BenchResult r = measure(o, c.quiet);
                print(r);
                try {
                    r.write(dir.stage(), "heterosyn " + String.join(" ", c.commandLine()));
                    BenchChart.write(r, dir.stage().resolve(CHART));
                } catch (IOException e) {
                    throw new OutputException("cannot write " + dir.target() + ": " + IoReason.of(e), e);
                }
            } finally {
                OutputDir.deleteTree(work);
            }
            dir.commit();
            System.out.println("wrote " + dir.target().resolve(BenchResult.FILE) + ", " + CHART);
        }
        return 0;
    }

    private static BenchResult measure(Bench.Options o, boolean quiet) throws IOException {
        if (quiet) return Bench.run(o, new Bench.Listener() {
            @Override public void total(int steps) { }

            @Override public void step(String what) { }
        });
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("bench").setStyle(ProgressBarStyle.ASCII)
                .setUnit(" steps", 1).setUpdateIntervalMillis(250).continuousUpdate().build()) {
            return Bench.run(o, new Bench.Listener() {
                @Override public void total(int steps) { bar.maxHint(steps); }

                @Override
                public void step(String what) {
                    bar.step();
                    bar.setExtraMessage(" " + what);
                }
            });
        }
    }

    private static void print(BenchResult r) {
        System.out.printf(Locale.ROOT, "%-18s %8s %12s %23s %14s %13s %9s%n", "engine", "samples", "samples/s", "(slowest - fastest)",
                "cycles/s", "syn. upd./s", "peak RSS");
        for (BenchResult.Engine e : r.engines()) {
            if (!e.ran()) {
                System.out.printf(Locale.ROOT, "%-18s skipped: %s%n", e.requested(), e.skipped());
                continue;
            }
            BenchResult.Stats s = BenchResult.Stats.of(e.samplesPerS());
            System.out.printf(Locale.ROOT, "%-18s %8d %12.1f %23s %14s %13.3e %6.0f MB%n", e.name(), e.samples(), s.median(),
                    String.format(Locale.ROOT, "(%.1f - %.1f)", s.min(), s.max()),
                    e.medianCyclesPerS().map(v -> String.format(Locale.ROOT, "%.3f M", v / 1e6)).orElse("-"),
                    s.median() * e.synapses(), e.peakRssKb() / 1024.0);
        }
    }
}
