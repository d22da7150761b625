package org.heterosyn.numerics;

import org.heterosyn.spec.DesignSpec;

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
