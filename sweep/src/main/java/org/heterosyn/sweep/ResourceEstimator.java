package org.heterosyn.sweep;

import org.heterosyn.rtl.Generator;

import java.io.Serializable;

/**
 * Rates a generated design's resources. One interface so that the fpga module's estimate (board data,
 * place-and-route) can replace {@link YosysEstimator} without touching the sweep. Serializable: Spark
 * ships it to the workers with the job.
 */
public interface ResourceEstimator extends Serializable {
    Resources estimate(Generator.Result design);
}
