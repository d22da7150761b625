package org.heterosyn.learning;

import org.heterosyn.numerics.InitialWeights;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rule;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;

/**
 * The float reference of every rule (docs/rules.md): the same equations, initial weights and sample
 * order as the fixed-point model, in double precision with no rounding or saturation.
 */
public final class ReferenceEngine implements LearningEngine {
    private final DesignSpec spec;
    private final Rule rule;
    private final int layers;
    private final double eta;
    private final double etaLambda;
    private final double signMagnitude;
    private final double[][] w;
    /** Stored feedback B_k (null where the rule derives it from W or k == 0). */
    private final double[][] b;
    /** hsp only (null otherwise), per hidden layer k: A_k (N x n_{k+1}), V̄_k (n_k x N), feedback neurons q_k. */
    private final double[][] a;
    private final double[][] v;
    private final double[][] q;
    private final double[][] z;
    private final double[][] h;
    private final double[][] e;

    public ReferenceEngine(DesignSpec spec) {
        this(spec, spec.rule().decays());
    }

    /**
     * With {@code decay} forced on or off regardless of the rule: bp with kp's decay is what kp
     * started from B = W^T must reproduce exactly (ReferenceEngineTest).
     */
    ReferenceEngine(DesignSpec spec, boolean decay) {
        this.spec = spec;
        this.rule = spec.rule();
        this.layers = spec.weightLayers();
        Numerics n = spec.numerics();
        this.eta = n.eta();
        this.etaLambda = decay ? n.eta() * n.lambda() : 0;
        this.signMagnitude = Math.scalb(1.0, -n.feedbackShift());
        double lsb = Math.scalb(1.0, -n.weightFrac());
        w = new double[layers][];
        b = new double[layers][];
        for (int k = 0; k < layers; k++) {
            w[k] = scale(InitialWeights.forward(spec, k), lsb);
            if (spec.hasFeedback(k)) b[k] = scale(InitialWeights.feedback(spec, k), lsb);
        }
        if (spec.feedback() != null) {
            a = new double[layers][];
            v = new double[layers][];
            q = new double[layers][];
            for (int k = 1; k < layers; k++) {
                a[k] = scale(InitialWeights.feedbackNetwork(spec, k), lsb);
                v[k] = scale(InitialWeights.hetero(spec, k), lsb);
                q[k] = new double[spec.feedback().neurons()];
            }
        } else {
            a = null;
            v = null;
            q = null;
        }
        z = new double[layers + 1][];
        h = new double[layers + 1][];
        e = new double[layers + 1][];
        for (int k = 0; k <= layers; k++) {
            z[k] = new double[spec.layers().get(k)];
            h[k] = new double[spec.layers().get(k)];
            e[k] = new double[spec.layers().get(k)];
        }
    }

    /** Starts from given weights instead of the spec's initial ones (tests: kp from B = W^T). */
    public void setWeights(int k, double[] forward, double[] feedback) {
        System.arraycopy(forward, 0, w[k], 0, w[k].length);
        if (feedback != null) System.arraycopy(feedback, 0, b[k], 0, b[k].length);
    }

    @Override public DesignSpec spec() { return spec; }

    @Override public String kind() { return "reference"; }

    @Override
    public double train(double[] x, int label) {
        forward(x);
        int out = layers;
        double loss = 0;
        for (int i = 0; i < e[out].length; i++) {
            e[out][i] = h[out][i] - (i == label ? 1.0 : 0.0);
            loss += 0.5 * e[out][i] * e[out][i];
        }
        if (v != null) heteroErrors();
        for (int k = layers - 1; k >= 0; k--) {
            int nOut = spec.fanOut(k);
            int nIn = spec.fanIn(k);
            if (k >= 1 && v == null) backward(k, nOut, nIn);
            double[] wk = w[k];
            double[] ek = e[k + 1];
            double[] hk = h[k];
            double[] bk = rule.plasticFeedback() ? b[k] : null;
            for (int i = 0; i < nOut; i++) {
                double g = eta * ek[i];
                int row = i * nIn;
                for (int j = 0; j < nIn; j++) {
                    double dw = -g * hk[j];
                    wk[row + j] += dw - etaLambda * wk[row + j];
                    if (bk != null) {
                        int t = j * nOut + i;
                        bk[t] += dw - etaLambda * bk[t];
                    }
                }
            }
        }
        if (v != null) updateHetero();
        return loss;
    }

    /** hsp, layer L-1 down to 1: q_k = A_k e_{k+1}, then e_k = -[z_k > 0] V̄_k q_k, before any update. */
    private void heteroErrors() {
        int nq = spec.feedback().neurons();
        for (int k = layers - 1; k >= 1; k--) {
            int nNext = spec.fanOut(k);
            for (int r = 0; r < nq; r++) {
                double s = 0;
                for (int i = 0; i < nNext; i++) s += a[k][r * nNext + i] * e[k + 1][i];
                q[k][r] = s;
            }
            for (int j = 0; j < e[k].length; j++) {
                double s = 0;
                for (int r = 0; r < nq; r++) s += v[k][j * nq + r] * q[k][r];
                e[k][j] = z[k][j] > 0 ? -s : 0;
            }
        }
    }

    /** hsp: dV̄_k = +eta h_k q^T - eta*lambda V̄_k (V̄ always decays; W does not). */
    private void updateHetero() {
        double etaLambdaV = eta * spec.numerics().lambda();
        int nq = spec.feedback().neurons();
        for (int k = 1; k < layers; k++) {
            double[] vk = v[k];
            for (int j = 0; j < h[k].length; j++) {
                double g = eta * h[k][j];
                for (int r = 0; r < nq; r++) vk[j * nq + r] += g * q[k][r] - etaLambdaV * vk[j * nq + r];
            }
        }
    }

    /** e_k = [z_k > 0] * (B_k e_{k+1}) with B_k as the rule defines it, all before this step's updates. */
    private void backward(int k, int nOut, int nIn) {
        double[] wk = w[k];
        double[] ek1 = e[k + 1];
        for (int j = 0; j < nIn; j++) {
            double s = 0;
            switch (rule) {
                case BP -> { for (int i = 0; i < nOut; i++) s += wk[i * nIn + j] * ek1[i]; }
                case SS -> { for (int i = 0; i < nOut; i++) s += Math.signum(wk[i * nIn + j]) * signMagnitude * ek1[i]; }
                default -> {
                    double[] bk = b[k];
                    for (int i = 0; i < nOut; i++) s += bk[j * nOut + i] * ek1[i];
                }
            }
            e[k][j] = z[k][j] > 0 ? s : 0;
        }
    }

    private void forward(double[] x) {
        System.arraycopy(x, 0, h[0], 0, h[0].length);
        for (int k = 0; k < layers; k++) {
            int nOut = spec.fanOut(k);
            int nIn = spec.fanIn(k);
            double[] wk = w[k];
            double[] hin = h[k];
            boolean hidden = k + 1 < layers;
            for (int i = 0; i < nOut; i++) {
                double s = 0;
                int row = i * nIn;
                for (int j = 0; j < nIn; j++) s += wk[row + j] * hin[j];
                z[k + 1][i] = s;
                h[k + 1][i] = hidden ? Math.max(0, s) : s;
            }
        }
    }

    @Override
    public double[] infer(double[] x) {
        forward(x);
        return h[layers].clone();
    }

    @Override public double[] forwardWeights(int k) { return w[k].clone(); }

    @Override
    public double[] feedbackWeights(int k) {
        return switch (rule) {
            case BP -> Matrices.transpose(w[k], spec.fanOut(k), spec.fanIn(k));
            case SS -> {
                double[] t = Matrices.transpose(w[k], spec.fanOut(k), spec.fanIn(k));
                for (int i = 0; i < t.length; i++) t[i] = Math.signum(t[i]) * signMagnitude;
                yield t;
            }
            case HSP -> Matrices.heteroFeedback(v[k], a[k], spec.fanIn(k), q[k].length, spec.fanOut(k));
            default -> b[k].clone();
        };
    }

    @Override public double[] heteroWeights(int k) { return v == null ? null : v[k].clone(); }

    @Override public double[] feedbackNetwork(int k) { return a == null ? null : a[k].clone(); }

    /** IEEE-754 binary64, little-endian, W_0, then per layer k >= 1: W_k, then B_k if stored. */
    @Override
    public byte[] weightsDigest() {
        MessageDigest md = Matrices.sha256();
        for (int k = 0; k < layers; k++) {
            update(md, w[k]);
            if (b[k] != null) update(md, b[k]);
        }
        if (v != null) {
            for (int k = 1; k < layers; k++) update(md, v[k]);
        }
        return md.digest();
    }

    private static void update(MessageDigest md, double[] m) {
        ByteBuffer buf = ByteBuffer.allocate(m.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : m) buf.putDouble(v);
        md.update(buf.array());
    }

    private static double[] scale(int[] raw, double lsb) {
        double[] d = new double[raw.length];
        for (int i = 0; i < raw.length; i++) d[i] = raw[i] * lsb;
        return d;
    }
}
