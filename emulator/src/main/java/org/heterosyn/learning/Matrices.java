package org.heterosyn.learning;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Small dense helpers shared by engines and metrics (row-major flat arrays). */
public final class Matrices {
    private Matrices() {}

    public static double[] transpose(double[] m, int rows, int cols) {
        double[] t = new double[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c];
        }
        return t;
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** Cosine of the angle between two vectors; NaN when either is zero. */
    public static double cosine(double[] a, double[] b) {
        double na = Math.sqrt(dot(a, a));
        double nb = Math.sqrt(dot(b, b));
        return (na == 0 || nb == 0) ? Double.NaN : dot(a, b) / (na * nb);
    }

    /** The angle in degrees between two matrices seen as vectors. */
    public static double angleDegrees(double[] a, double[] b) {
        double c = cosine(a, b);
        return Double.isNaN(c) ? Double.NaN : Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }
}
