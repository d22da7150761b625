package org.heterosyn.data;

/**
 * A classification data set: real-valued inputs (engines quantize them themselves) and labels.
 * {@code x[i]} is sample i; arrays are shared, not copied, and must not be changed.
 */
public record Dataset(String name, double[][] trainX, int[] trainY, double[][] testX, int[] testY, int classes) {
    public Dataset {
        if (trainX.length != trainY.length || testX.length != testY.length) {
            throw new IllegalArgumentException("inputs and labels differ in count");
        }
    }

    public int inputs() { return trainX.length > 0 ? trainX[0].length : testX[0].length; }

    /** The first {@code trainLimit} training samples and first {@code testLimit} test samples. */
    public Dataset limit(int trainLimit, int testLimit) {
        int tr = Math.min(trainLimit, trainX.length);
        int te = Math.min(testLimit, testX.length);
        return new Dataset(name, java.util.Arrays.copyOf(trainX, tr), java.util.Arrays.copyOf(trainY, tr),
                java.util.Arrays.copyOf(testX, te), java.util.Arrays.copyOf(testY, te), classes);
    }
}
