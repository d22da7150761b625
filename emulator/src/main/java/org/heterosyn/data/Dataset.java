package org.heterosyn.data;

/**
 * A classification data set: real-valued inputs (engines quantize them themselves) and labels.
 * {@code trainX.get(i)} is sample i.
 */
public record Dataset(String name, Inputs trainX, int[] trainY, Inputs testX, int[] testY, int classes) {
    public Dataset {
        if (trainX.size() != trainY.length || testX.size() != testY.length) {
            throw new IllegalArgumentException("inputs and labels differ in count");
        }
    }

    /** A data set of vectors already in memory. */
    public Dataset(String name, double[][] trainX, int[] trainY, double[][] testX, int[] testY, int classes) {
        this(name, Inputs.of(trainX), trainY, Inputs.of(testX), testY, classes);
    }

    public int inputs() { return trainX.size() > 0 ? trainX.width() : testX.width(); }

    public int trainSize() { return trainX.size(); }

    public int testSize() { return testX.size(); }

    /** The first {@code trainLimit} training samples and first {@code testLimit} test samples. */
    public Dataset limit(int trainLimit, int testLimit) {
        int tr = Math.min(trainLimit, trainX.size());
        int te = Math.min(testLimit, testX.size());
        return new Dataset(name, trainX.first(tr), java.util.Arrays.copyOf(trainY, tr),
                testX.first(te), java.util.Arrays.copyOf(testY, te), classes);
    }
}
