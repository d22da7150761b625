package org.heterosyn.cli;

import org.heterosyn.bench.BenchResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** bench.png: median samples/s of every engine that ran, on a log axis (they span five decades). */
final class BenchChart {
    private BenchChart() {}

    static void write(BenchResult r, Path png) throws IOException {
        List<String> names = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (BenchResult.Engine e : r.engines()) {
            if (!e.ran()) continue;
            names.add(e.name());
            rates.add(e.medianSamplesPerS());
        }
        CategoryChart c = new CategoryChartBuilder().width(800).height(500)
                .title(r.options().spec().name() + " " + r.options().spec().layers() + ": training samples/s per engine (median of "
                        + r.options().rounds() + " rounds)")
                .xAxisTitle("engine").yAxisTitle("samples/s (log)").build();
        c.getStyler().setYAxisLogarithmic(true);
        // Bars start at the axis minimum, which a log axis cannot put at 0: the decade below the slowest engine.
        c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(rates.stream().mapToDouble(Double::doubleValue).min().orElse(1)))));
        c.getStyler().setLegendVisible(false);
        c.getStyler().setLabelsVisible(true);
        c.getStyler().setYAxisDecimalPattern("#,##0.#");
        c.addSeries("samples/s", names, rates);
        BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
