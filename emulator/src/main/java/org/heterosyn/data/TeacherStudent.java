package org.heterosyn.data;

import java.util.SplittableRandom;

/**
 * A synthetic classification task: inputs x ~ N(0, 1) (clipped to +-4), labels from a random teacher
 * network relu(T1 x) -> T2, plus Gaussian label noise on the teacher's outputs before the argmax.
 * Teacher weights are N(0, 1/fan_in), so every teacher unit has unit-order activity.
 */
public final class TeacherStudent {
    private TeacherStudent() {}

    public static Dataset generate(int inputs, int hidden, int classes, int train, int test, double noise, long seed) {
        // !(noise >= 0) and not noise < 0: NaN must fail too (it would make every label the same).
        if (inputs < 1 || hidden < 1 || classes < 2 || train < 1 || test < 1 || !(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("teacher: need inputs >= 1, hidden >= 1, classes >= 2, train >= 1,"
                    + " test >= 1, finite noise >= 0; got " + inputs + ", " + hidden + ", " + classes + ", "
                    + train + ", " + test + ", " + noise);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] t1 = gaussian(rng, hidden, inputs, 1 / Math.sqrt(inputs));
        double[][] t2 = gaussian(rng, classes, hidden, 1 / Math.sqrt(hidden));
        double[][] trainX = new double[train][];
        int[] trainY = new int[train];
        double[][] testX = new double[test][];
        int[] testY = new int[test];
        for (int i = 0; i < train + test; i++) {
            double[] x = new double[inputs];
            for (int j = 0; j < inputs; j++) x[j] = Math.max(-4, Math.min(4, rng.nextGaussian()));
            int y = label(t1, t2, x, noise, rng);
            if (i < train) {
                trainX[i] = x;
                trainY[i] = y;
            } else {
                testX[i - train] = x;
                testY[i - train] = y;
            }
        }
        return new Dataset("teacher-" + inputs + "-" + hidden + "-" + classes, trainX, trainY, testX, testY, classes);
    }

    private static int label(double[][] t1, double[][] t2, double[] x, double noise, SplittableRandom rng) {
        double[] h = new double[t1.length];
        for (int i = 0; i < t1.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) s += t1[i][j] * x[j];
            h[i] = Math.max(0, s);
        }
        int best = 0;
        double bestV = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < t2.length; c++) {
            double s = 0;
            for (int i = 0; i < h.length; i++) s += t2[c][i] * h[i];
            s += noise * rng.nextGaussian();
            if (s > bestV) {
                bestV = s;
                best = c;
            }
        }
        return best;
    }

    private static double[][] gaussian(SplittableRandom rng, int rows, int cols, double std) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) row[j] = std * rng.nextGaussian();
        }
        return m;
    }
}
