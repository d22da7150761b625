package org.heterosyn.driver;

import org.heterosyn.data.Dataset;

import java.util.SplittableRandom;

/** Random byte-coded samples like Fashion-MNIST's (x = b / 255.0, docs/numerics.md 18.1), with a label each. */
final class PixelData {
    private PixelData() {}

    static Dataset random(int inputs, int classes, int train, int test, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] trainX = images(rng, train, inputs);
        double[][] testX = images(rng, test, inputs);
        return new Dataset("pixels", trainX, labels(rng, train, classes), testX, labels(rng, test, classes), classes);
    }

    private static double[][] images(SplittableRandom rng, int n, int inputs) {
        double[][] x = new double[n][inputs];
        // 0 and 255 are the commonest Fashion-MNIST pixels; the rest anywhere in between.
        for (double[] row : x) {
            for (int p = 0; p < inputs; p++) row[p] = switch (rng.nextInt(4)) {
                case 0 -> 0.0;
                case 1 -> 1.0;
                default -> rng.nextInt(256) / 255.0;
            };
        }
        return x;
    }

    private static int[] labels(SplittableRandom rng, int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = rng.nextInt(classes);
        return y;
    }
}
