package org.heterosyn.data;

/**
 * The input vectors of a data set, one per sample, handed out one at a time so a large set can be
 * stored compactly (Fashion-MNIST as its pixel bytes: {@link ByteImages}) rather than as doubles.
 */
public interface Inputs {
    int size();

    /** Entries per sample. */
    int width();

    /** Sample i as the real-valued vector engines quantize; the caller must not change it. */
    double[] get(int i);

    /** The first n samples (all of them when n >= size()). */
    Inputs first(int n);

    /** Vectors already in memory (generated data, tests); the array is shared, not copied. */
    static Inputs of(double[][] rows) { return new Rows(rows, rows.length); }

    /** Rows of doubles, handed out as they are. */
    record Rows(double[][] rows, int size) implements Inputs {
        @Override public int width() { return rows.length > 0 ? rows[0].length : 0; }

        @Override public double[] get(int i) { return rows[java.util.Objects.checkIndex(i, size)]; }

        @Override public Inputs first(int n) { return new Rows(rows, Math.min(n, size)); }
    }
}
