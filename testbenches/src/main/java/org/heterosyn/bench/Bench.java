package org.heterosyn.bench;

import org.heterosyn.data.DataChoice;
import org.heterosyn.emulator.CycleBench;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One benchmark across every engine (docs/performance.md, "Every engine"): each engine in a JVM of
 * its own is built, warmed up on a separate instance, then trains the first samples of the data
 * set one at a time from its initial weights; the engines take turns round by round, so that a
 * machine that slows down meanwhile slows them alike. Clocked engines (emu, verilator, the board,
 * cosim) get fewer samples than reference and fast; every figure is per second.
 */
public final class Bench {
    /**
     * @param samples     measured samples of reference and fast, over all rounds
     * @param slowSamples measured samples of the clocked engines
     * @param warmup      warm-up samples of reference and fast; {@code slowWarmup} of the clocked ones
     * @param work        scratch space (designs, builds, worker logs)
     * @param profile     where each worker writes a JFR recording ENGINE.jfr, or null for none
     */
    public record Options(DesignSpec spec, DataChoice data, List<String> engines, int samples, int slowSamples, int rounds,
                          int warmup, int slowWarmup, Path work, Path profile) {
        public Options {
            if (samples < 1 || slowSamples < 1) throw new IllegalArgumentException("--samples and --slow-samples must be >= 1");
            if (warmup < 0 || slowWarmup < 0) throw new IllegalArgumentException("--warmup and --slow-warmup must be >= 0");
            if (rounds < 1 || rounds > Math.min(samples, slowSamples)) {
                throw new IllegalArgumentException("--rounds must be in [1, the smaller of --samples and --slow-samples]");
            }
            for (String e : engines) {
                String why = BenchEngines.unknown(e);
                if (why != null) throw new IllegalArgumentException(why);
            }
            engines = List.copyOf(engines);
        }

        int samplesOf(String engine) { return BenchEngines.clocked(engine) ? slowSamples : samples; }

        int warmupOf(String engine) { return BenchEngines.clocked(engine) ? slowWarmup : warmup; }
    }

    /** Reports progress: one step per engine started and per engine round. */
    public interface Listener {
        void total(int steps);

        void step(String what);
    }

    private Bench() {}

    public static BenchResult run(Options o, Listener listener) throws IOException {
        List<String> run = new ArrayList<>();
        List<BenchResult.Engine> skipped = new ArrayList<>();
        for (String e : o.engines()) {
            String why = BenchEngines.unavailable(e);
            if (why == null) run.add(e);
            else skipped.add(BenchResult.Engine.skipped(e, why));
        }
        listener.total(run.size() * (1 + o.rounds()));
        long synapses = CycleBench.updatedSynapses(o.spec());
        List<EngineProcess> procs = new ArrayList<>();
        try {
            for (int i = 0; i < run.size(); i++) {
                procs.add(start(o, run.get(i), i));
                listener.step("started " + procs.get(i).name());
            }
            double[][] secs = new double[run.size()][o.rounds()];
            long[][] cycles = new long[run.size()][o.rounds()];
            for (int r = 0; r < o.rounds(); r++) {
                for (int i = 0; i < run.size(); i++) {
                    long[] t = procs.get(i).train(share(o.samplesOf(run.get(i)), o.rounds(), r));
                    secs[i][r] = t[0] * 1e-9;
                    cycles[i][r] = t[1];
                    listener.step(procs.get(i).name() + " round " + (r + 1));
                }
            }
            List<BenchResult.Engine> done = new ArrayList<>();
            for (int i = 0; i < run.size(); i++) {
                String[] f = procs.get(i).finish();
                String e = run.get(i);
                done.add(BenchResult.Engine.measured(e, procs.get(i).name(), o.samplesOf(e), o.warmupOf(e), shares(o.samplesOf(e),
                        o.rounds()), secs[i], cycles[i], synapses, Long.parseLong(f[0]), f[1]));
            }
            done.addAll(skipped);
            return new BenchResult(o, synapses, done);
        } finally {
            for (EngineProcess p : procs) p.close();
        }
    }

    private static EngineProcess start(Options o, String engine, int index) throws IOException {
        Path dir = Files.createDirectories(o.work().resolve(index + "-" + engine.replaceAll("[^A-Za-z0-9]", "_")));
        EngineJob job = new EngineJob(engine, SpecJson.write(o.spec()), o.data(), o.warmupOf(engine), dir.resolve("work").toString());
        List<String> jfr = o.profile() == null ? List.of() : List.of("-XX:StartFlightRecording=settings=profile,filename="
                + o.profile().resolve(dir.getFileName() + ".jfr").toAbsolutePath());
        return new EngineProcess(job, dir, jfr);
    }

    /** Round r's share of n samples: the remainder goes to the first rounds. */
    static int share(int n, int rounds, int r) { return n / rounds + (r < n % rounds ? 1 : 0); }

    private static int[] shares(int n, int rounds) {
        int[] s = new int[rounds];
        Arrays.setAll(s, r -> share(n, rounds, r));
        return s;
    }
}
