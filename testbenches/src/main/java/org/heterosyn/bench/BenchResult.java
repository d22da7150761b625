package org.heterosyn.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What {@link Bench#run} measured, and how it is written as bench.json (docs/performance.md, "Every engine"). */
public record BenchResult(Bench.Options options, long synapses, List<Engine> engines) {
    public static final String FILE = "bench.json";
    /** How peak_rss_mb was measured, written into the file. */
    public static final String RSS_METHOD = "VmHWM of /proc/self/status in the engine's own JVM (same JVM options as the "
            + "bench), read after its warm-up instance and all its rounds; includes the JVM, the data set and, for "
            + "verilator, board and cosim, the Verilated model's native memory";

    /**
     * One engine's figures. {@code skipped} is the reason it did not run (then nothing else is set).
     *
     * @param samplesPerS per round, samples per second of wall time
     * @param cyclesPerS  per round, clock cycles per second, or null for engines without a clock
     */
    public record Engine(String requested, String name, String skipped, int samples, int warmup, int[] roundSamples,
                         double[] samplesPerS, double[] cyclesPerS, long cycles, long synapses, long peakRssKb, String digest) {
        static Engine skipped(String requested, String why) {
            return new Engine(requested, requested, why, 0, 0, null, null, null, 0, 0, -1, null);
        }

        static Engine measured(String requested, String name, int samples, int warmup, int[] roundSamples, double[] secs,
                               long[] cycles, long synapses, long peakRssKb, String digest) {
            double[] sps = new double[secs.length];
            for (int r = 0; r < secs.length; r++) sps[r] = roundSamples[r] / secs[r];
            double[] cps = null;
            if (cycles[0] >= 0) {
                cps = new double[secs.length];
                for (int r = 0; r < secs.length; r++) cps[r] = cycles[r] / secs[r];
            }
            return new Engine(requested, name, null, samples, warmup, roundSamples, sps, cps, Arrays.stream(cycles).sum(),
                    synapses, peakRssKb, digest);
        }

        public boolean ran() { return skipped == null; }

        public double medianSamplesPerS() { return Stats.of(samplesPerS).median(); }

        public Optional<Double> medianCyclesPerS() { return cyclesPerS == null ? Optional.empty() : Optional.of(Stats.of(cyclesPerS).median()); }
    }

    /** Median, quartiles and extremes of a few values (linear interpolation between order statistics). */
    public record Stats(double median, double q1, double q3, double min, double max) {
        public static Stats of(double[] v) {
            double[] s = v.clone();
            Arrays.sort(s);
            return new Stats(quantile(s, 0.5), quantile(s, 0.25), quantile(s, 0.75), s[0], s[s.length - 1]);
        }

        private static double quantile(double[] sorted, double p) {
            double at = p * (sorted.length - 1);
            int lo = (int) Math.floor(at);
            int hi = Math.min(lo + 1, sorted.length - 1);
            return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
        }
    }

    public Optional<Engine> engine(String requested) {
        return engines.stream().filter(e -> e.requested().equals(requested) && e.ran()).findFirst();
    }

    /** Writes bench.json into {@code dir}; {@code command} is the command line that produced it. */
    public void write(Path dir, String command) throws IOException {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = om.createObjectNode();
        DesignSpec spec = options.spec();
        root.put("command", command);
        root.put("design", spec.name());
        root.set("spec", om.readTree(SpecJson.write(spec)));
        root.put("dataset", options.data().dataset());
        root.put("rounds", options.rounds());
        root.put("synaptic_updates_per_sample", synapses);
        root.put("java", Runtime.version().toString());
        root.put("cpus", Runtime.getRuntime().availableProcessors());
        root.put("rss_method", RSS_METHOD);
        var list = root.putArray("engines");
        for (Engine e : engines) list.add(engineNode(om, e));
        root.set("lockstep", lockstep(om));
        om.writeValue(dir.resolve(FILE).toFile(), root);
    }

    private static ObjectNode engineNode(ObjectMapper om, Engine e) {
        ObjectNode n = om.createObjectNode();
        n.put("engine", e.name());
        n.put("requested", e.requested());
        if (!e.ran()) {
            n.put("skipped", e.skipped());
            return n;
        }
        n.put("samples", e.samples());
        n.put("warmup_samples", e.warmup());
        n.set("samples_per_s", stats(om, e.samplesPerS()));
        n.putPOJO("samples_per_s_by_round", e.samplesPerS());
        if (e.cyclesPerS() != null) {
            n.set("cycles_per_s", stats(om, e.cyclesPerS()));
            n.put("cycles_per_sample", (double) e.cycles() / e.samples());
        } else {
            n.putNull("cycles_per_s");
        }
        n.put("synaptic_updates_per_s", e.medianSamplesPerS() * e.synapses());
        if (e.peakRssKb() < 0) n.putNull("peak_rss_mb");
        else n.put("peak_rss_mb", e.peakRssKb() / 1024.0);
        if (e.digest() != null) n.put("weights_sha256", e.digest());
        return n;
    }

    private static ObjectNode stats(ObjectMapper om, double[] v) {
        Stats s = Stats.of(v);
        ObjectNode n = om.createObjectNode();
        n.put("median", s.median());
        n.put("q1", s.q1());
        n.put("q3", s.q3());
        n.put("min", s.min());
        n.put("max", s.max());
        return n;
    }

    /** Lockstep co-simulation next to the models it runs in lockstep, each alone. */
    private ObjectNode lockstep(ObjectMapper om) {
        ObjectNode n = om.createObjectNode();
        Optional<Double> cosim = engine(BenchEngines.COSIM).flatMap(Engine::medianCyclesPerS);
        Optional<Double> rtl = engines.stream().filter(e -> e.ran() && e.requested().startsWith(BenchEngines.VERILATOR))
                .findFirst().flatMap(Engine::medianCyclesPerS);
        Optional<Double> emu = engine(BenchEngines.EMU).flatMap(Engine::medianCyclesPerS);
        putOrNull(n, "cosim_cycles_per_s", cosim);
        putOrNull(n, "verilator_cycles_per_s", rtl);
        putOrNull(n, "emu_cycles_per_s", emu);
        putOrNull(n, "cosim_vs_verilator", cosim.isPresent() && rtl.isPresent() ? Optional.of(cosim.get() / rtl.get()) : Optional.empty());
        return n;
    }

    /** A figure that was not measured is null, not NaN (which JSON cannot hold). */
    private static void putOrNull(ObjectNode n, String key, Optional<Double> v) {
        if (v.isPresent()) n.put(key, v.get());
        else n.putNull(key);
    }
}
