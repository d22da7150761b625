package org.heterosyn.sweep;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One row of a sweep's table (docs/sweeps.md, "Columns"). Null marks what was not measured (a failed
 * point, or an estimator without that figure). Everything but {@code seconds} and {@code executor} is
 * a function of the point alone, so it is the same wherever the point ran ({@link #placeFree}).
 *
 * @param samplesPerS TRAIN commands per second at the board clock: clockMhz * 1e6 / cyclesPerTrain
 * @param alignmentDeg angle between B_k and W_k^T per hidden layer at the end of training
 * @param gradCosine mean cosine between the update of W_k and -gradient per layer over the last epoch
 */
public record PointResult(int index, String key, Map<String, String> fields, String specHash, String board,
                          double clockMhz, Long seed, String dataset, Integer trainSamples, Integer testSamples,
                          int epochs, Long cyclesPerTrain, Double samplesPerS, Double testAccuracy, Double trainLoss,
                          List<Double> alignmentDeg, List<Double> gradCosine, String weightsSha256,
                          Resources resources, ToolVersions tools, String status, String error,
                          double seconds, String executor) implements Serializable {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public boolean ok() { return OK.equals(status); }

    /** The row without where and how long it ran: equal for the same point on any machine. */
    public PointResult placeFree() {
        return new PointResult(index, key, fields, specHash, board, clockMhz, seed, dataset, trainSamples, testSamples,
                epochs, cyclesPerTrain, samplesPerS, testAccuracy, trainLoss, alignmentDeg, gradCosine, weightsSha256,
                resources, tools, status, error, 0, null);
    }

    /** The same row at another grid position (a resumed sweep whose grid file was reordered). */
    public PointResult at(int i) {
        return new PointResult(i, key, fields, specHash, board, clockMhz, seed, dataset, trainSamples, testSamples,
                epochs, cyclesPerTrain, samplesPerS, testAccuracy, trainLoss, alignmentDeg, gradCosine, weightsSha256,
                resources, tools, status, error, seconds, executor);
    }
}
