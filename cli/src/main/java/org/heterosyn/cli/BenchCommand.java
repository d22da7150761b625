package org.heterosyn.cli;

import org.heterosyn.data.Dataset;
import org.heterosyn.driver.DeviceEngine;
import org.heterosyn.driver.VerilatorDevice;
import org.heterosyn.driver.verilator.VerilatorModel;
import org.heterosyn.emulator.CycleBench;
import org.heterosyn.learning.LearningEngine;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.spec.DesignSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

    @Option(names = "--driver", paramLabel = "DIR",
            description = "Instead: measure the Verilator driver on the design in DIR (written by `generate`): cycles/s of "
                    + "training through the driver against the model's raw native loop on the same commands, and the "
                    + "start time of a cached build. Uses --samples training samples (default 20000 is long; try 200).")
    Path driver;

    @Option(names = "--cycles",
            description = "Instead: the cycle emulator's speed on the design's TRAIN commands, emulated cycles/s and "
                    + "synaptic updates/s, after --warmup samples (default 20000 is long on the default design; try "
                    + "--samples 300 --warmup 100).")
    boolean cycles;

    @Override
    public Integer call() {
        if (samples < 1 || warmup < 0) throw new IllegalArgumentException("--samples must be >= 1 and --warmup >= 0");
        if (driver != null) return driverBench();
        if (cycles) {
            System.out.println(CycleBench.run(specOptions.load(), warmup, samples, 1).describe());
            return 0;
        }
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

    /**
     * The same TRAIN commands twice on fresh models: once pushed in one batch and run by the shim's
     * native loop (hs_run, a handful of JNA calls), once sample by sample through DeviceEngine, as
     * training does. The difference is what the driver costs.
     */
    private int driverBench() {
        long t0 = System.nanoTime();
        VerilatorDevice first = new VerilatorDevice("verilator:" + driver, driver);
        double openMs = (System.nanoTime() - t0) / 1e6;
        first.close();
        t0 = System.nanoTime();
        VerilatorDevice dev = new VerilatorDevice("verilator:" + driver, driver);
        double cachedMs = (System.nanoTime() - t0) / 1e6;
        DesignSpec spec = dev.spec();
        Dataset data = dataOptions.load(spec);
        int n = Math.min(samples, data.trainX().length);
        System.out.printf(Locale.ROOT, "bench driver: %s %s, %d TRAIN commands%n", spec.name(), spec.layers(), n);
        System.out.printf(Locale.ROOT, "  open with a cached build: %.0f ms (first open in this run: %.0f ms, %s)%n",
                cachedMs, openMs, dev.build().cached() ? "cached" : "built");
        List<org.heterosyn.protocol.Command> trains = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            trains.add(new org.heterosyn.protocol.Command.Train(data.trainY()[s], DeviceEngine.inputWords(spec.numerics(), data.trainX()[s])));
        }
        int[] words = words(trains);
        double raw;
        try (VerilatorModel model = new VerilatorModel(dev.build().library())) {
            model.reset(Manifest.RESET_CYCLES);
            List<org.heterosyn.protocol.Command> init = DeviceEngine.initialCommands(spec);
            model.push(words(init));
            model.runUntil(init.size(), Long.MAX_VALUE);  // one header word per response
            model.pop();
            model.push(words);
            long c0 = model.cycle();
            long s0 = System.nanoTime();
            model.runUntil((long) n * (1 + spec.outputs()), Long.MAX_VALUE);
            raw = (model.cycle() - c0) / ((System.nanoTime() - s0) * 1e-9);
        }
        DeviceEngine eng = new DeviceEngine(dev);
        long c0 = dev.cycles();
        long s0 = System.nanoTime();
        for (int s = 0; s < n; s++) eng.train(data.trainX()[s], data.trainY()[s]);
        double driven = (dev.cycles() - c0) / ((System.nanoTime() - s0) * 1e-9);
        dev.close();
        System.out.printf(Locale.ROOT, "  raw native loop (one batch):      %.3f M cycles/s%n", raw / 1e6);
        System.out.printf(Locale.ROOT, "  through the driver (per sample):  %.3f M cycles/s (%.1f samples/s)%n", driven / 1e6,
                n / ((System.nanoTime() - s0) * 1e-9));
        System.out.printf(Locale.ROOT, "  driver cost: %.1f%%%n", 100 * (1 - driven / raw));
        return 0;
    }

    private static int[] words(List<org.heterosyn.protocol.Command> commands) {
        return commands.stream().flatMapToInt(c -> Arrays.stream(c.words())).toArray();
    }
}
