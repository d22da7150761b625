package org.heterosyn.sweep;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The Pareto plots of a sweep: test accuracy against cells and against samples/s, the front drawn as a
 * line, points the board cannot hold as crosses (the front is over all designs, so it may hold some).
 */
final class SweepPlots {
    static final String CELLS_PNG = "pareto-cells.png";
    static final String SPEED_PNG = "pareto-speed.png";

    private SweepPlots() {}

    /** Writes the plots into dir; returns their file names (none when no point has the figures). */
    static List<String> write(Path dir, List<PointResult> rows, Set<String> cellsFront, Set<String> speedFront)
            throws IOException {
        List<String> written = new ArrayList<>();
        if (plot(dir.resolve(CELLS_PNG), rows, cellsFront, Pareto::cells, "logic cells (fpga estimate)")) {
            written.add(CELLS_PNG);
        }
        if (plot(dir.resolve(SPEED_PNG), rows, speedFront, r -> r.samplesPerS() == null ? Double.NaN : r.samplesPerS(),
                "training samples/s at the board clock")) {
            written.add(SPEED_PNG);
        }
        return written;
    }

    private static boolean plot(Path file, List<PointResult> rows, Set<String> front, ToDoubleFunction<PointResult> x,
                                String xTitle) throws IOException {
        List<PointResult> measured = rows.stream()
                .filter(r -> r.ok() && r.testAccuracy() != null && !Double.isNaN(x.applyAsDouble(r))).toList();
        if (measured.isEmpty()) return false;
        XYChart c = new XYChartBuilder().width(900).height(560).title("test accuracy against " + xTitle)
                .xAxisTitle(xTitle).yAxisTitle("test accuracy (%)").build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        List<PointResult> off = measured.stream().filter(r -> !front.contains(r.key())).toList();
        List<PointResult> on = measured.stream().filter(r -> front.contains(r.key()))
                .sorted(Comparator.comparingDouble(x)).toList();
        // The board's verdict on each point, so that the plot answers "which of these can I build".
        List<PointResult> fit = off.stream().filter(r -> !tooBig(r)).toList();
        List<PointResult> tooBig = off.stream().filter(SweepPlots::tooBig).toList();
        if (!fit.isEmpty()) c.addSeries("design points", xs(fit, x), ys(fit)).setMarker(SeriesMarkers.CIRCLE);
        if (!tooBig.isEmpty()) {
            XYSeries t = c.addSeries("does not fit the board", xs(tooBig, x), ys(tooBig));
            t.setMarker(SeriesMarkers.CROSS);
            t.setMarkerColor(Color.RED);
        }
        XYSeries f = c.addSeries("Pareto front", xs(on, x), ys(on));
        f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        f.setMarker(SeriesMarkers.DIAMOND);
        BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return true;
    }

    private static boolean tooBig(PointResult r) {
        return r.resources() != null && Boolean.FALSE.equals(r.resources().fits());
    }

    private static double[] xs(List<PointResult> rows, ToDoubleFunction<PointResult> x) {
        return rows.stream().mapToDouble(x).toArray();
    }

    private static double[] ys(List<PointResult> rows) {
        return rows.stream().mapToDouble(r -> 100 * r.testAccuracy()).toArray();
    }
}
