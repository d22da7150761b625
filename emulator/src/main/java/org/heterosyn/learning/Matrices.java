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

    /**
     * hsp's effective feedback to hidden neuron layer k: F_k = -V̄_k A_k (n x nL, row-major, nL = n_{k+1}),
     * so that the hidden error is e_k = [z_k > 0] F_k e_{k+1} (docs/rules.md, "hsp"); V̄_k is n x nq,
     * A_k is nq x nL.
     */
    public static double[] heteroFeedback(double[] v, double[] a, int n, int nq, int nL) {
        double[] f = new double[n * nL];
        for (int j = 0; j < n; j++) {
            for (int r = 0; r < nq; r++) {
                double vj = v[j * nq + r];
                for (int i = 0; i < nL; i++) f[j * nL + i] -= vj * a[r * nL + i];
            }
        }
        return f;
    }

    /** The product a (r x m) times b (m x c), row-major. */
    public static double[] multiply(double[] a, double[] b, int r, int m, int c) {
        double[] p = new double[r * c];
        for (int i = 0; i < r; i++) {
            for (int t = 0; t < m; t++) {
                double x = a[i * m + t];
                for (int j = 0; j < c; j++) p[i * c + j] += x * b[t * c + j];
            }
        }
        return p;
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }
}
