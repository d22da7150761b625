package org.heterosyn.cli;

import org.heterosyn.data.Dataset;
import org.heterosyn.learning.LearningEngine;
import org.heterosyn.spec.DesignSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Measure training throughput of each engine on the same samples of the same design, side by side.",
            "",
            "Each engine first warms up (so the JIT has compiled its hot loops), then trains on the measured "
                + "samples; the figure is samples per second of wall time on one core, with synaptic updates per "
                + "second (samples/s times the number of synapses, W and stored B)."},
        footer = {"", "Example: bin/heterosyn bench --samples 20000"})
final class BenchCommand implements Callable<Integer> {
    @Mixin SpecOptions specOptions;
    @Mixin DataOptions dataOptions;

    @Option(names = "--engines", paramLabel = "LIST", split = ",", defaultValue = "reference,fast",
            description = "Engines to compare, comma separated. Default: ${DEFAULT-VALUE}.")
    List<String> engines;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "20000", description = "Measured samples. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5000", description = "Warm-up samples. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Override
    public Integer call() {
        if (samples < 1 || warmup < 0) throw new IllegalArgumentException("--samples must be >= 1 and --warmup >= 0");
        DesignSpec spec = specOptions.load();
        Dataset data = dataOptions.load(spec);
        int n = data.trainX().length;
        long synapses = spec.synapses();
        for (int k = 1; k < spec.weightLayers(); k++) {
            if (spec.rule().plasticFeedback()) synapses += (long) spec.fanIn(k) * spec.fanOut(k);
        }
        System.out.printf(Locale.ROOT, "bench: %s %s rule %s, %d measured samples after %d warm-up, %s%n",
                spec.name(), spec.layers(), spec.rule().id(), samples, warmup, spec.numerics().rounding().id());
        System.out.printf(Locale.ROOT, "%-10s %14s %22s %12s%n", "engine", "samples/s", "synaptic updates/s", "vs first");
        double first = Double.NaN;
        for (String name : engines) {
            LearningEngine e = Engines.create(name.trim(), spec);
            for (int s = 0; s < warmup; s++) e.train(data.trainX()[s % n], data.trainY()[s % n]);
            long t0 = System.nanoTime();
            for (int s = 0; s < samples; s++) {
                int i = (warmup + s) % n;
                e.train(data.trainX()[i], data.trainY()[i]);
            }
            double rate = samples / ((System.nanoTime() - t0) * 1e-9);
            if (Double.isNaN(first)) first = rate;
            System.out.printf(Locale.ROOT, "%-10s %14.0f %22.3e %11.2fx%n", e.kind(), rate, rate * synapses, rate / first);
        }
        return 0;
    }
}
