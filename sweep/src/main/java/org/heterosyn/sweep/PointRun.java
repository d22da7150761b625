package org.heterosyn.sweep;

import org.heterosyn.data.DataChoice;
import org.heterosyn.data.Dataset;
import org.heterosyn.fpga.Throughput;
import org.heterosyn.learning.FastEngine;
import org.heterosyn.learning.Trainer;
import org.heterosyn.manifest.CycleModel;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.SpecJson;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one point where it lands: checks the spec, counts a TRAIN's cycles with the cycle model, trains
 * the fast model (the `train --engine fast` run), then generates the RTL and rates it on the board
 * (the estimator). Training comes first so that a design the board cannot hold still has its accuracy.
 * Any error becomes a failed row: a point that cannot be built or trained must not stop the sweep,
 * and Spark then retries only what a lost worker left undone.
 */
public final class PointRun {
    /** Data sets by choice and design shape; Spark's local mode runs many points in one JVM. */
    private static final Map<String, Dataset> DATA = new ConcurrentHashMap<>();

    private PointRun() {}

    public static PointResult run(SweepPoint p, ResourceEstimator estimator, String heterosyn, String executor) {
        long t0 = System.nanoTime();
        Measured m = new Measured();
        String error = null;
        try {
            measure(p, estimator, m);
        } catch (RuntimeException | Error e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        TrainingSettings t = p.training();
        Trainer.EpochResult last = m.run == null ? null : m.run.epochs().get(m.run.epochs().size() - 1);
        return new PointResult(p.index(), p.key(), p.fields(), m.spec == null ? null : SweepKeys.specHash(m.spec),
                p.board(), p.clockMhz(), m.spec == null ? null : m.spec.seed(), t.data().dataset(),
                m.data == null ? null : m.data.trainSize(), m.data == null ? null : m.data.testSize(),
                t.epochs(), m.cycles, m.cycles == null ? null : Throughput.samplesPerSecond(p.clockMhz(), m.cycles),
                last == null ? null : finite(last.testAccuracy()), last == null ? null : finite(last.trainLoss()),
                last == null ? null : list(last.alignmentDeg()), last == null ? null : list(last.gradCosine()),
                m.sha, m.resources, ToolVersions.here(heterosyn), error == null ? PointResult.OK : PointResult.FAILED,
                error, (System.nanoTime() - t0) * 1e-9, executor);
    }

    /** What has been measured so far: a failure keeps the figures obtained before it. */
    private static final class Measured {
        DesignSpec spec;
        Long cycles;
        Resources resources;
        Dataset data;
        Trainer.TrainingRun run;
        String sha;
    }

    private static void measure(SweepPoint p, ResourceEstimator estimator, Measured m) {
        m.spec = SpecJson.parse(p.specJson(), "point " + p.index() + " " + p.fields());
        m.cycles = new CycleModel(m.spec).train().value();
        m.data = data(p.training().data(), m.spec);
        FastEngine engine = new FastEngine(m.spec);
        m.run = Trainer.run(engine, m.data, p.training().options(), (done, total) -> {});
        m.sha = HexFormat.of().formatHex(engine.weightsDigest());
        m.resources = estimator.estimate(m.spec, p.board(), p.clockMhz());
    }

    private static Dataset data(DataChoice choice, DesignSpec spec) {
        // The teacher task is drawn for the design's shape and seed; load() checks the shape against the data.
        String key = choice + ";" + spec.inputs() + "," + spec.outputs()
                + (choice.dataset().equals(DataChoice.TEACHER) ? "," + spec.seed() : "");
        return DATA.computeIfAbsent(key, k -> choice.load(spec));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static List<Double> list(double[] v) {
        return Arrays.stream(v).mapToObj(PointRun::finite).toList();
    }
}
