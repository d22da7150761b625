package org.heterosyn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * scripts/bench-scaling's last step: the bench.json of every point (DIR/hH-lL) as a table between
 * the bench-scaling markers of docs/performance.md, and a log-log chart of samples/s against the
 * hidden size. Not a command: the script runs it with the CLI's class path.
 * <pre>
 *   java -cp ... org.heterosyn.cli.ScalingReport DIR DOC.md CHART.png "HOW IT WAS RUN"
 * </pre>
 */
final class ScalingReport {
    static final String BEGIN = "<!-- bench-scaling:begin (scripts/bench-scaling writes this table) -->";
    static final String END = "<!-- bench-scaling:end -->";
    static final int[] HIDDEN = {16, 32, 64, 128, 256};
    static final int[] LANES = {1, 2, 4, 8};

    private ScalingReport() {}

    /** One point's figures; fast is measured at one lane only (it has no lanes). */
    private record Point(int hidden, int lanes, long synapses, double cyclesPerSample, double emuSamples, double emuCycles,
                         Optional<Double> fastSamples) {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        List<Point> points = new ArrayList<>();
        for (int h : HIDDEN) {
            for (int l : LANES) points.add(read(dir.resolve("h" + h + "-l" + l).resolve("bench.json"), h, l));
        }
        Path doc = Path.of(args[1]);
        String text = Files.readString(doc);
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        if (b < 0 || e < b) throw new IllegalArgumentException(doc + ": no " + BEGIN + " ... " + END + " markers");
        Files.writeString(doc, text.substring(0, b + BEGIN.length()) + "\n" + table(points, args[3]) + text.substring(e));
        chart(points, Path.of(args[2]));
        System.out.println("wrote the table in " + doc + " and " + args[2]);
    }

    private static Point read(Path json, int h, int l) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode emu = null;
        Optional<Double> fast = Optional.empty();
        for (JsonNode e : root.get("engines")) {
            if (e.has("skipped")) continue;
            if (e.get("requested").asText().equals("emu")) emu = e;
            if (e.get("requested").asText().equals("fast")) fast = Optional.of(e.get("samples_per_s").get("median").asDouble());
        }
        if (emu == null) throw new IllegalArgumentException(json + ": no emu figures");
        return new Point(h, l, root.get("synaptic_updates_per_sample").asLong(), emu.get("cycles_per_sample").asDouble(),
                emu.get("samples_per_s").get("median").asDouble(), emu.get("cycles_per_s").get("median").asDouble(), fast);
    }

    private static String table(List<Point> points, String how) {
        StringBuilder s = new StringBuilder();
        s.append("Medians of ").append(how).append("; emu trains through the command protocol, one TRAIN per round trip.\n\n");
        s.append("| 784-H-10 | lanes | synapses updated per sample | cycles per TRAIN | emu samples/s | emu M cycles/s | "
                + "emu synaptic updates/s | fast samples/s | fast synaptic updates/s |\n");
        s.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Point p : points) {
            s.append(String.format(Locale.ROOT, "| %d | %d | %,d | %,.0f | %,.1f | %.2f | %.2e | %s | %s |%n", p.hidden(), p.lanes(),
                    p.synapses(), p.cyclesPerSample(), p.emuSamples(), p.emuCycles() / 1e6, p.emuSamples() * p.synapses(),
                    p.fastSamples().map(v -> String.format(Locale.ROOT, "%,.0f", v)).orElse(""),
                    p.fastSamples().map(v -> String.format(Locale.ROOT, "%.2e", v * p.synapses())).orElse("")));
        }
        return s.toString();
    }

    private static void chart(List<Point> points, Path png) throws IOException {
        XYChart c = new XYChartBuilder().width(800).height(500).title("784-H-10 kp: training samples/s against the hidden size")
                .xAxisTitle("hidden units H (log)").yAxisTitle("samples/s (log)").build();
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setYAxisDecimalPattern("#,##0.#");
        List<Double> hs = new ArrayList<>();
        List<Double> fast = new ArrayList<>();
        for (Point p : points) {
            if (p.fastSamples().isPresent()) {
                hs.add((double) p.hidden());
                fast.add(p.fastSamples().get());
            }
        }
        c.addSeries("fast (no lanes)", hs, fast).setMarker(SeriesMarkers.CIRCLE);
        for (int l : LANES) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (Point p : points) {
                if (p.lanes() == l) {
                    x.add((double) p.hidden());
                    y.add(p.emuSamples());
                }
            }
            c.addSeries("emu, " + l + (l == 1 ? " lane" : " lanes"), x, y).setMarker(SeriesMarkers.SQUARE);
        }
        BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
