package org.heterosyn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.heterosyn.data.Dataset;
import org.heterosyn.learning.LearningEngine;
import org.heterosyn.learning.Trainer;
import org.heterosyn.spec.SpecJson;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Writes what a training run measured: results.json (docs/results-format.md), PNG curves and a table. */
final class TrainingReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String RESULTS = "results.json";
    static final String ACCURACY = "accuracy.png";
    static final String ALIGNMENT = "alignment.png";
    /** Everything {@link #write} puts in a directory: what an earlier run may have left there. */
    static final Set<String> FILES = Set.of(RESULTS, ACCURACY, ALIGNMENT);

    private TrainingReport() {}

    static ObjectNode results(LearningEngine engine, Dataset data, Trainer.TrainingRun run) {
        ObjectNode root = JSON.createObjectNode();
        root.put("rule", engine.spec().rule().id());
        root.put("engine", engine.kind());
        root.put("dataset", data.name());
        root.put("train_samples", data.trainSize());
        root.put("test_samples", data.testSize());
        try {
            root.set("spec", JSON.readTree(SpecJson.write(engine.spec())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ArrayNode epochs = root.putArray("epochs");
        for (Trainer.EpochResult r : run.epochs()) {
            ObjectNode e = epochs.addObject();
            e.put("epoch", r.epoch());
            e.put("samples_seen", r.samplesSeen());
            number(e, "test_accuracy", r.testAccuracy());
            number(e, "train_loss", r.trainLoss());
            array(e, "alignment_deg", r.alignmentDeg());
            array(e, "grad_cosine", r.gradCosine());
            array(e, "phi_median", r.phiMedian());
            array(e, "phi_positive", r.phiPositive());
            ArrayNode phi = e.putArray("phi");
            for (double[] layer : r.phi()) array(phi.addObject(), "neurons", layer);
            array(e, "phi_majority", r.phiMajority());
            array(e, "hetero_change", r.heteroChange());
            array(e, "hebbian_overlap", r.hebbianOverlap());
            number(e, "samples_per_s", r.samplesPerS());
        }
        ArrayNode curve = root.putArray("curve");
        for (Trainer.CurvePoint p : run.curve()) {
            ObjectNode c = curve.addObject();
            c.put("samples_seen", p.samplesSeen());
            number(c, "test_accuracy", p.testAccuracy());
            array(c, "alignment_deg", p.alignmentDeg());
        }
        number(root, "samples_per_s", run.samplesPerS());
        root.put("weights_sha256", HexFormat.of().formatHex(engine.weightsDigest()));
        return root;
    }

    /** Into a fresh directory (a stage of {@link org.heterosyn.files.OutputDir}): results.json and the charts. */
    static void write(Path out, ObjectNode results, Trainer.TrainingRun run, String title) throws IOException {
        Files.createDirectories(out);
        JSON.writeValue(out.resolve(RESULTS).toFile(), results);
        List<Trainer.CurvePoint> curve = run.curve();
        double[] seen = curve.stream().mapToDouble(Trainer.CurvePoint::samplesSeen).toArray();
        XYChart acc = chart(title + ": test accuracy", "test accuracy (%)");
        acc.addSeries("test accuracy", seen, curve.stream().mapToDouble(p -> 100 * p.testAccuracy()).toArray())
                .setMarker(SeriesMarkers.CIRCLE);
        BitmapEncoder.saveBitmap(acc, out.resolve(ACCURACY).toString(), BitmapEncoder.BitmapFormat.PNG);
        int layers = curve.get(0).alignmentDeg().length;
        if (layers > 0) {
            XYChart align = chart(title + ": angle between B and W^T", "angle (degrees)");
            for (int k = 0; k < layers; k++) {
                final int layer = k;
                align.addSeries("layer " + (k + 1), seen, curve.stream().mapToDouble(p -> p.alignmentDeg()[layer]).toArray())
                        .setMarker(SeriesMarkers.CIRCLE);
            }
            BitmapEncoder.saveBitmap(align, out.resolve(ALIGNMENT).toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }

    static void printTable(PrintStream o, LearningEngine engine, Trainer.TrainingRun run) {
        boolean hetero = engine.spec().feedback() != null;
        o.printf(Locale.ROOT, "%-5s %9s %10s %9s %-18s %-22s %-10s %-12s%s%n",
                "epoch", "samples", "train loss", "test acc", "angle B,W^T (deg)", "cos(update, -grad)", "phi",
                "phi majority", hetero ? " |dV| per step      Hebbian overlap" : "");
        for (Trainer.EpochResult r : run.epochs()) {
            o.printf(Locale.ROOT, "%-5d %9d %10.4f %8.2f%% %-18s %-22s %-10s %-12s%s%n", r.epoch(), r.samplesSeen(), r.trainLoss(),
                    100 * r.testAccuracy(), list(r.alignmentDeg(), "%.1f"), list(r.gradCosine(), "%.3f"), list(r.phiMedian(), "%.2f"),
                    list(r.phiMajority(), "%.2f"), hetero ? String.format(Locale.ROOT, " %-18s %s", list(r.heteroChange(), "%.2g"),
                            list(r.hebbianOverlap(), "%.2f")) : "");
        }
        o.printf(Locale.ROOT, "%s engine, rule %s: %.0f training samples/s%n", engine.kind(), engine.spec().rule().id(), run.samplesPerS());
    }

    private static String list(double[] v, String fmt) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(Double.isNaN(v[i]) ? "-" : String.format(Locale.ROOT, fmt, v[i]));
        }
        return sb.append(']').toString();
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("training samples seen")
                .yAxisTitle(yTitle).build();
        c.getStyler().setLegendVisible(true);
        return c;
    }

    /** JSON has no NaN: an unmeasured value is null. */
    private static void number(ObjectNode o, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) o.putNull(key);
        else o.put(key, v);
    }

    private static void array(ObjectNode o, String key, double[] v) {
        ArrayNode a = o.putArray(key);
        for (double d : v) {
            if (Double.isNaN(d)) a.addNull();
            else a.add(d);
        }
    }
}
