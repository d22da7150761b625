package org.heterosyn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.heterosyn.learning.FastEngine;
import org.heterosyn.learning.GradientMachineRun;
import org.heterosyn.learning.LearningEngine;
import org.heterosyn.learning.ReferenceEngine;
import org.heterosyn.learning.Trainer;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Rule;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

/**
 * The heterosynaptic gradient machine's Fig. 2b (Ziyin, Chuang, Poggio 2025) as we run it: several
 * settings of hsp and two baselines on {@link GradientMachineRun}, several seeds each, with |dV̄|,
 * gradient alignment, phi and the Hebbian overlap against iterations (docs/experiments.md).
 */
@Command(name = "hsp", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"The hsp gradient-machine experiment (the paper's Fig. 2b): a 5-5-5-5 network learns a teacher online; "
                + "writes DIR/hsp-fig2b.json, DIR/hsp-fig2b.md (the table) and IMG/hsp-fig2b-*.png."},
        footer = {"", "Example: bin/heterosyn experiment hsp --seeds 5 --iterations 19000"})
final class HspExperimentCommand implements Callable<Integer> {
    static final String JSON = "hsp-fig2b.json";
    static final String TABLE = "hsp-fig2b.md";
    static final String PREFIX = "hsp-fig2b-";
    /** The paper's reading of |dV̄| "about 0 from 10k iterations": where we compare it with the peak. */
    static final int LATE_ITERATIONS = 10_000;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "5", description = "Seeds 1..N per setting. Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "19000",
            description = "Online iterations per run, a multiple of " + GradientMachineRun.BLOCK + ". Default: ${DEFAULT-VALUE}.")
    int iterations;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "fast", description = "fast or reference. Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "docs/experiments", description = "Results and table. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--img", paramLabel = "IMG", defaultValue = "docs/img", description = "Plots. Default: ${DEFAULT-VALUE}.")
    Path img;

    /** One line of the experiment: a rule and, for hsp, V̄'s decay and the feedback wiring. */
    record Setting(String label, Rule rule, int decayShift, int neurons, double density) {}

    static final List<Setting> SETTINGS = List.of(
            new Setting("hsp, lambda 2^-3 (V̄ settles)", Rule.HSP, 3, 5, 1.0),
            new Setting("hsp, lambda 2^-9 (long memory)", Rule.HSP, 9, 5, 1.0),
            new Setting("hsp, lambda 2^-9, sparse A (density 0.4)", Rule.HSP, 9, 5, 0.4),
            new Setting("urf (baseline)", Rule.URF, 9, 5, 1.0),
            new Setting("fa (baseline)", Rule.FA, 9, 5, 1.0));

    record Run(Setting setting, long seed, Trainer.TrainingRun run) {}

    @Override
    public Integer call() throws IOException {
        if (seeds < 1) throw new IllegalArgumentException("--seeds: " + seeds + " must be at least 1");
        if (!engine.equals("fast") && !engine.equals("reference")) {
            throw new IllegalArgumentException("--engine: '" + engine + "' must be fast or reference");
        }
        List<Run> runs = new ArrayList<>();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("hsp fig2b").setStyle(ProgressBarStyle.ASCII)
                .setInitialMax((long) SETTINGS.size() * seeds).setUpdateIntervalMillis(250).continuousUpdate().build()) {
            for (Setting s : SETTINGS) {
                for (long seed = 1; seed <= seeds; seed++) {
                    DesignSpec spec = GradientMachineRun.spec(new GradientMachineRun.Setting(seed, s.decayShift(), s.neurons(), s.density()));
                    if (s.rule() != Rule.HSP) spec = spec.withRule(s.rule());
                    LearningEngine e = engine.equals("fast") ? new FastEngine(spec) : new ReferenceEngine(spec);
                    runs.add(new Run(s, seed, GradientMachineRun.run(e, seed, iterations, (d, t) -> {})));
                    bar.step();
                }
            }
        }
        String table = table(runs);
        System.out.print(table);
        // Everything is built in a staging directory first, then moved: a failed run leaves the old outputs.
        Path stage = Files.createTempDirectory("hsp-fig2b");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(stage.resolve(JSON).toFile(), json(runs));
        Files.writeString(stage.resolve(TABLE), table);
        List<String> plots = plots(stage, runs);
        Files.createDirectories(out);
        Files.createDirectories(img);
        move(stage.resolve(JSON), out.resolve(JSON));
        move(stage.resolve(TABLE), out.resolve(TABLE));
        for (String p : plots) move(stage.resolve(p), img.resolve(p));
        Files.delete(stage);
        System.out.println("wrote " + out.resolve(JSON) + ", " + out.resolve(TABLE) + " and " + plots.size() + " plots in " + img);
        return 0;
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    // ---- per-block series of one run ----

    /** Sum over hidden layers of the mean |dV̄| per step. */
    static double heteroChange(Trainer.EpochResult r) { return Arrays.stream(r.heteroChange()).sum(); }

    /** Mean cosine(update, -gradient) over the weight layers that feed hidden neurons (W_0 .. W_{L-2}). */
    static double hiddenAlignment(Trainer.EpochResult r) {
        return Arrays.stream(r.gradCosine(), 0, r.gradCosine().length - 1).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN);
    }

    /** Median over all hidden neurons of phi (paper's convention). */
    static double phiMedian(Trainer.EpochResult r) {
        return median(Arrays.stream(r.phi()).flatMapToDouble(Arrays::stream).filter(x -> !Double.isNaN(x)).toArray());
    }

    static double overlap(Trainer.EpochResult r) {
        return Arrays.stream(r.hebbianOverlap()).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN);
    }

    /** True when every measured hidden neuron of every layer shares the sign of the first layer's majority. */
    static boolean oneSign(Trainer.EpochResult r) {
        double[] all = Arrays.stream(r.phi()).flatMapToDouble(Arrays::stream).filter(x -> !Double.isNaN(x) && x != 0).toArray();
        return all.length > 0 && (Arrays.stream(all).allMatch(x -> x < 0) || Arrays.stream(all).allMatch(x -> x > 0));
    }

    static double median(double[] v) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static List<Run> of(List<Run> runs, Setting s) {
        return runs.stream().filter(r -> r.setting() == s).toList();
    }

    private static double medianAt(List<Run> runs, int block, ToDoubleFunction<Trainer.EpochResult> f) {
        return median(runs.stream().mapToDouble(r -> f.applyAsDouble(r.run().epochs().get(block))).filter(x -> !Double.isNaN(x)).toArray());
    }

    // ---- table ----

    static String table(List<Run> runs) {
        StringBuilder b = new StringBuilder();
        b.append("| setting | test acc. (final) | dV peak at (iterations) | dV at 10k / peak | alignment (hidden layers, final) "
                + "| runs with one phi sign (final) | phi median (2k -> final) | Hebbian overlap (final) |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        b.append("| paper, Fig. 2b (read off) | - | ~2,000 | ~0 | 0.83-0.86 (median) | all | negative, growing in magnitude | ~1 |\n");
        for (Setting s : SETTINGS) {
            List<Run> rs = of(runs, s);
            int last = rs.get(0).run().epochs().size() - 1;
            boolean hetero = s.rule() == Rule.HSP;
            String dvPeak = "-";
            String dvLate = "-";
            if (hetero) {
                double[] peakAt = new double[rs.size()];
                double[] lateRatio = new double[rs.size()];
                for (int i = 0; i < rs.size(); i++) {
                    List<Trainer.EpochResult> ep = rs.get(i).run().epochs();
                    int peak = 0;
                    for (int t = 1; t < ep.size(); t++) if (heteroChange(ep.get(t)) > heteroChange(ep.get(peak))) peak = t;
                    peakAt[i] = ep.get(peak).samplesSeen();
                    int late = Math.min(ep.size(), LATE_ITERATIONS / GradientMachineRun.BLOCK) - 1;
                    lateRatio[i] = heteroChange(ep.get(late)) / heteroChange(ep.get(peak));
                }
                dvPeak = String.format(Locale.ROOT, "%,.0f", median(peakAt));
                dvLate = String.format(Locale.ROOT, "%.2f", median(lateRatio));
            }
            long oneSign = rs.stream().filter(r -> oneSign(r.run().epochs().get(last))).count();
            int early = Math.min(1, last);
            b.append(String.format(Locale.ROOT, "| %s | %.1f%% | %s | %s | %.2f | %d of %d | %.2f -> %.2f | %s |%n", s.label(),
                    100 * medianAt(rs, last, Trainer.EpochResult::testAccuracy), dvPeak, dvLate,
                    medianAt(rs, last, HspExperimentCommand::hiddenAlignment), oneSign, rs.size(),
                    medianAt(rs, early, HspExperimentCommand::phiMedian), medianAt(rs, last, HspExperimentCommand::phiMedian),
                    hetero ? String.format(Locale.ROOT, "%.2f", medianAt(rs, last, HspExperimentCommand::overlap)) : "-"));
        }
        return b.toString();
    }

    // ---- json ----

    static ObjectNode json(List<Run> runs) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("layers", GradientMachineRun.LAYERS.toString());
        root.put("block", GradientMachineRun.BLOCK);
        root.put("eta_shift", GradientMachineRun.ETA_SHIFT);
        ArrayNode rs = root.putArray("runs");
        for (Run r : runs) {
            ObjectNode o = rs.addObject();
            o.put("setting", r.setting().label());
            o.put("rule", r.setting().rule().id());
            o.put("decay_shift", r.setting().decayShift());
            o.put("feedback_neurons", r.setting().neurons());
            o.put("density", r.setting().density());
            o.put("seed", r.seed());
            ArrayNode blocks = o.putArray("blocks");
            for (Trainer.EpochResult e : r.run().epochs()) {
                ObjectNode x = blocks.addObject();
                x.put("iterations", e.samplesSeen());
                number(x, "test_accuracy", e.testAccuracy());
                array(x.putArray("grad_cosine"), e.gradCosine());
                ArrayNode phi = x.putArray("phi");
                for (double[] layer : e.phi()) array(phi.addArray(), layer);
                array(x.putArray("phi_majority"), e.phiMajority());
                array(x.putArray("hetero_change"), e.heteroChange());
                array(x.putArray("hebbian_overlap"), e.hebbianOverlap());
            }
        }
        return root;
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) o.put(key, v);
        else o.putNull(key);
    }

    private static void array(ArrayNode a, double[] v) {
        for (double d : v) {
            if (Double.isFinite(d)) a.add(d);
            else a.addNull();
        }
    }

    // ---- plots ----

    private record Plot(String file, String title, String y, ToDoubleFunction<Trainer.EpochResult> f, boolean heteroOnly) {}

    static List<String> plots(Path dir, List<Run> runs) throws IOException {
        List<Plot> plots = List.of(
                new Plot("dv.png", "|dV̄| per step (sum over hidden layers), median over seeds", "|dV̄|", HspExperimentCommand::heteroChange, true),
                new Plot("alignment.png", "cos(update, -gradient), hidden weight layers, median over seeds", "cosine",
                        HspExperimentCommand::hiddenAlignment, false),
                new Plot("phi.png", "phi (paper's sign: descent < 0), median over neurons and seeds", "phi",
                        HspExperimentCommand::phiMedian, false),
                new Plot("overlap.png", "Hebbian overlap cos(V̄, mean h q^T), median over seeds", "overlap",
                        HspExperimentCommand::overlap, true));
        List<String> files = new ArrayList<>();
        for (Plot p : plots) {
            XYChart c = new XYChartBuilder().width(800).height(500).title(p.title()).xAxisTitle("online iterations")
                    .yAxisTitle(p.y()).build();
            for (Setting s : SETTINGS) {
                if (p.heteroOnly() && s.rule() != Rule.HSP) continue;
                List<Run> rs = of(runs, s);
                int blocks = rs.get(0).run().epochs().size();
                double[] x = new double[blocks];
                double[] y = new double[blocks];
                for (int t = 0; t < blocks; t++) {
                    x[t] = rs.get(0).run().epochs().get(t).samplesSeen();
                    y[t] = medianAt(rs, t, p.f());
                }
                c.addSeries(s.label(), x, y).setMarker(SeriesMarkers.CIRCLE);
            }
            String name = PREFIX + p.file();
            try {
                BitmapEncoder.saveBitmap(c, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            files.add(name);
        }
        return files;
    }
}
