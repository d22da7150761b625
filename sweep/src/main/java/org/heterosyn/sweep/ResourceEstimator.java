package org.heterosyn.sweep;

import org.heterosyn.spec.DesignSpec;

import java.io.Serializable;

/**
 * Rates a design's resources on a board. One interface between the sweep and the FPGA flow
 * ({@link FlowEstimator}), so that a cheaper or a fuller estimate (place-and-route) can take its
 * place. Serializable: Spark ships it to the workers with the job.
 */
public interface ResourceEstimator extends Serializable {
    /** How the figures are obtained (Resources.estimator): a row rated another way is not done for this estimator. */
    String name();

    /** {@code board}: a shipped board's name or a board folder (fpga/boards/NAME); clockMhz the target clock. */
    Resources estimate(DesignSpec spec, String board, double clockMhz);
}
