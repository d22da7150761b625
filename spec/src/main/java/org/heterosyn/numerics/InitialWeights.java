package org.heterosyn.numerics;

import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.FeedbackNetwork;

/**
 * The initial weights the host loads before training (docs/numerics.md, "Initial weights"): every
 * matrix of weight layer k is uniform on [-A_k, A_k], A_k = round(sqrt(6 / n_k) * 2^weightFrac), drawn
 * by the init hash. B_k uses the amplitude of W_k, so a random B starts about 90 degrees from W^T.
 */
public final class InitialWeights {
    private InitialWeights() {}

    /** W_k, n_{k+1} x n_k, row-major. */
    public static int[] forward(DesignSpec spec, int k) {
        return matrix(spec, k, DitherHash.MATRIX_W, spec.fanOut(k), spec.fanIn(k));
    }

    /** B_k, n_k x n_{k+1}, row-major; only for layers that store feedback. */
    public static int[] feedback(DesignSpec spec, int k) {
        if (!spec.hasFeedback(k)) throw new IllegalArgumentException("weight layer " + k + " stores no feedback");
        return matrix(spec, k, DitherHash.MATRIX_B, spec.fanIn(k), spec.fanOut(k));
    }

    /**
     * hsp's feedback network A_k, N x n_{k+1}, row-major, for hidden neuron layer k = 1 .. L-1: the
     * feedback neurons of layer k hear the errors of layer k+1. Uniform on [-A, A] with A from fan-in
     * 2N where the wiring word connects (FeedbackNetwork#connected), else 0; feedback seed.
     */
    public static int[] feedbackNetwork(DesignSpec spec, int k) {
        FeedbackNetwork f = requireFeedback(spec);
        if (k < 1 || k >= spec.weightLayers()) throw new IllegalArgumentException("neuron layer " + k + " is not hidden");
        int rows = f.neurons();
        int cols = spec.fanOut(k);
        // Variance 1/N (the amplitude of fan-in 2N): A^T A is then close to I for many feedback neurons,
        // so the feedback network neither amplifies nor shrinks the error it relays.
        long a = FixedPoint.initAmplitude(2 * rows, spec.numerics());
        int[] m = new int[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (!f.connected(DitherHash.initWord(f.seed(), k, DitherHash.MATRIX_WIRING, r, c))) continue;
                m[r * cols + c] = (int) FixedPoint.initWeight(DitherHash.initWord(f.seed(), k, DitherHash.MATRIX_A, r, c), a);
            }
        }
        return m;
    }

    /** hsp's V̄_k, n_k x N, for hidden neuron layer k = 1 .. L-1: uniform with A from fan-in N, feedback seed. */
    public static int[] hetero(DesignSpec spec, int k) {
        FeedbackNetwork f = requireFeedback(spec);
        if (k < 1 || k >= spec.weightLayers()) throw new IllegalArgumentException("neuron layer " + k + " is not hidden");
        int rows = spec.layers().get(k);
        int cols = f.neurons();
        long a = FixedPoint.initAmplitude(cols, spec.numerics());
        int[] m = new int[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r * cols + c] = (int) FixedPoint.initWeight(DitherHash.initWord(f.seed(), k, DitherHash.MATRIX_V, r, c), a);
            }
        }
        return m;
    }

    private static FeedbackNetwork requireFeedback(DesignSpec spec) {
        if (spec.feedback() == null) throw new IllegalArgumentException("rule " + spec.rule().id() + " has no feedback network");
        return spec.feedback();
    }

    private static int[] matrix(DesignSpec spec, int k, int matrix, int rows, int cols) {
        long a = FixedPoint.initAmplitude(spec.fanIn(k), spec.numerics());
        int[] m = new int[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r * cols + c] = (int) FixedPoint.initWeight(DitherHash.initWord(spec.seed(), k, matrix, r, c), a);
            }
        }
        return m;
    }
}
