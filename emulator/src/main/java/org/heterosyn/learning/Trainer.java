package org.heterosyn.learning;

import org.heterosyn.data.Dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * Online training in file order (no shuffling, so every engine sees the same sample sequence), with
 * the metrics of docs/rules.md measured per epoch and at checkpoints within it for the plots.
 */
public final class Trainer {
    /**
     * @param probeEvery gradient probe every this many samples (the probe does not alter training)
     * @param checkpointsPerEpoch test-accuracy and alignment points per epoch for the curves
     */
    public record Options(int epochs, int probeEvery, int checkpointsPerEpoch) {
        public Options {
            if (epochs < 1) throw new IllegalArgumentException("epochs: " + epochs + " must be at least 1");
            if (probeEvery < 1) throw new IllegalArgumentException("probeEvery: must be at least 1");
            if (checkpointsPerEpoch < 1) throw new IllegalArgumentException("checkpointsPerEpoch: must be at least 1");
        }
    }

    public record CurvePoint(long samplesSeen, double testAccuracy, double[] alignmentDeg) {}

    /**
     * @param alignmentDeg angle between B_k and W_k^T for k = 1..L-1 at the end of the epoch
     * @param gradCosine mean cosine between the actual update of W_k and -gradient, k = 0..L-1
     * @param phiMedian median over neurons of the consistency phi, hidden layers k = 1..L-1
     * @param phiPositive fraction of those neurons whose phi is positive
     * @param phi per hidden layer k = 1..L-1, per neuron: phi in the paper's convention (descent is phi < 0)
     * @param phiMajority per hidden layer: fraction of neurons whose phi has the majority sign (DC)
     * @param heteroChange hsp, per hidden layer: mean |dV̄_k| (Frobenius) of one probed step; NaN otherwise
     * @param hebbianOverlap hsp, per hidden layer: cosine between V̄_k and the epoch's mean h_k q^T; NaN otherwise
     * @param samplesPerS training samples per second of engine time (probes and tests excluded)
     */
    public record EpochResult(int epoch, long samplesSeen, double trainLoss, double testAccuracy,
                              double[] alignmentDeg, double[] gradCosine, double[] phiMedian, double[] phiPositive,
                              double[][] phi, double[] phiMajority, double[] heteroChange, double[] hebbianOverlap,
                              double samplesPerS) {}

    public record TrainingRun(List<EpochResult> epochs, List<CurvePoint> curve, double samplesPerS) {}

    /** Progress of the run in samples (training and testing both count). */
    public interface Listener {
        void progress(long done, long total);

        default void epochDone(EpochResult r) {}
    }

    public static TrainingRun run(LearningEngine engine, Dataset data, Options o, Listener listener) {
        int n = data.trainSize();
        int checkpoints = Math.min(o.checkpointsPerEpoch(), n);
        long total = (long) o.epochs() * (n + (long) checkpoints * data.testSize()) + data.testSize();
        long done = 0;
        GradientProbe probe = new GradientProbe(engine.spec());
        List<EpochResult> epochs = new ArrayList<>();
        List<CurvePoint> curve = new ArrayList<>();
        curve.add(new CurvePoint(0, accuracy(engine, data), GradientProbe.alignment(engine)));
        done += data.testSize();
        listener.progress(done, total);
        long trainNanos = 0;
        long seen = 0;
        for (int ep = 1; ep <= o.epochs(); ep++) {
            probe.reset();
            double loss = 0;
            long epochNanos = 0;
            int nextCheckpoint = 1;
            double acc = Double.NaN;
            for (int s = 0; s < n; s++) {
                boolean probed = s % o.probeEvery() == 0;
                double[] x = data.trainX().get(s);  // converted outside the timed step
                if (probed) probe.beforeStep(engine, x, data.trainY()[s]);
                long t0 = System.nanoTime();
                loss += engine.train(x, data.trainY()[s]);
                epochNanos += System.nanoTime() - t0;
                if (probed) probe.afterStep(engine);
                seen++;
                done++;
                if ((s & 255) == 0) listener.progress(done, total);
                if ((long) (s + 1) * checkpoints >= (long) nextCheckpoint * n) {
                    acc = accuracy(engine, data);
                    done += data.testSize();
                    curve.add(new CurvePoint(seen, acc, GradientProbe.alignment(engine)));
                    nextCheckpoint++;
                    listener.progress(done, total);
                }
            }
            trainNanos += epochNanos;
            double[][] phi = probe.phi();
            int hidden = engine.spec().weightLayers() - 1;
            double[] phiMedian = new double[hidden];
            double[] phiPos = new double[hidden];
            for (int k = 1; k <= hidden; k++) {
                phiMedian[k - 1] = phi[k][0];
                phiPos[k - 1] = phi[k][1];
            }
            EpochResult r = new EpochResult(ep, seen, loss / n, acc, GradientProbe.alignment(engine),
                    probe.meanCosine(), phiMedian, phiPos, java.util.Arrays.copyOfRange(probe.phiPaper(), 1, hidden + 1),
                    hidden(probe.phiMajority()), hidden(probe.meanHeteroChange()), hidden(probe.hebbianOverlap(engine)),
                    n / (epochNanos * 1e-9));
            epochs.add(r);
            listener.epochDone(r);
        }
        return new TrainingRun(epochs, curve, seen / (trainNanos * 1e-9));
    }

    /** A per-layer array indexed by k = 0..L-1, cut to the hidden layers k = 1..L-1. */
    private static double[] hidden(double[] byLayer) {
        return java.util.Arrays.copyOfRange(byLayer, 1, byLayer.length);
    }

    public static double accuracy(LearningEngine engine, Dataset data) {
        int correct = 0;
        for (int i = 0; i < data.testSize(); i++) {
            if (engine.predict(data.testX().get(i)) == data.testY()[i]) correct++;
        }
        return (double) correct / data.testSize();
    }
}
