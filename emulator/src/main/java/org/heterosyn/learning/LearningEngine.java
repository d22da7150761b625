package org.heterosyn.learning;

import org.heterosyn.spec.DesignSpec;

/**
 * One way of running a design's learning rule: the float reference, the fixed-point fast model, or
 * (later) the cycle emulator and the RTL behind a device. All share the sample order, the initial
 * weights and the equations of docs/rules.md; the fixed-point ones share every bit.
 */
public interface LearningEngine {
    DesignSpec spec();

    /** "reference", "fast", "emu", ... as written to results.json. */
    String kind();

    /** One online step on one sample; returns 0.5*||y - t||^2 of the forward pass before the update. */
    double train(double[] x, int label);

    /** The network's outputs for x; no state changes. */
    double[] infer(double[] x);

    /** W_k (n_{k+1} x n_k, row-major) in real units. */
    double[] forwardWeights(int k);

    /**
     * The feedback the rule actually uses for layer k >= 1 (n_k x n_{k+1}, row-major), real units; for
     * hsp the product -V̄_k A_k through the feedback neurons (Matrices#heteroFeedback).
     */
    double[] feedbackWeights(int k);

    /** hsp's heterosynaptic weights V̄_k (n_k x N, row-major, real units) for k = 1 .. L-1; null for other rules. */
    default double[] heteroWeights(int k) { return null; }

    /** hsp's fixed feedback network A_k (N x n_{k+1}, row-major, real units) for k = 1 .. L-1; null for other rules. */
    default double[] feedbackNetwork(int k) { return null; }

    /** SHA-256 over all weights in the byte order of docs/numerics.md, "Weight digest". */
    byte[] weightsDigest();

    default int predict(double[] x) {
        double[] y = infer(x);
        int best = 0;
        for (int i = 1; i < y.length; i++) {
            if (y[i] > y[best]) best = i;
        }
        return best;
    }
}
