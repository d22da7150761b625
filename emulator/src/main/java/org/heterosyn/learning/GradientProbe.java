package org.heterosyn.learning;

import org.heterosyn.spec.DesignSpec;

/**
 * Measures how well a rule's actual weight change follows the true gradient (docs/rules.md,
 * "Metrics"). At a probed sample it computes, in double precision on the engine's current weights,
 * the backprop gradient G_k = e_{k+1} h_k^T of the loss 0.5*||y - t||^2 and the error the rule's
 * feedback would deliver; after the engine's step it compares the real change dW_k with -G_k.
 */
public final class GradientProbe {
    private final DesignSpec spec;
    private final int layers;
    private final double[] cosSum;
    private final int[] cosCount;
    /** Per layer k >= 1, per neuron: sum of rule*true error and of true^2 (phi = ratio). */
    private final double[][] phiNum;
    private final double[][] phiDen;

    private double[][] before;
    private double[][] gradient;

    public GradientProbe(DesignSpec spec) {
        this.spec = spec;
        this.layers = spec.weightLayers();
        cosSum = new double[layers];
        cosCount = new int[layers];
        phiNum = new double[layers][];
        phiDen = new double[layers][];
        for (int k = 1; k < layers; k++) {
            phiNum[k] = new double[spec.fanIn(k)];
            phiDen[k] = new double[spec.fanIn(k)];
        }
    }

    /** Call before the engine trains on (x, label). */
    public void beforeStep(LearningEngine engine, double[] x, int label) {
        double[][] w = new double[layers][];
        double[][] fb = new double[layers][];
        for (int k = 0; k < layers; k++) {
            w[k] = engine.forwardWeights(k);
            if (k >= 1) fb[k] = engine.feedbackWeights(k);
        }
        before = w;
        double[][] hs = new double[layers + 1][];
        double[][] zs = new double[layers + 1][];
        hs[0] = x;
        for (int k = 0; k < layers; k++) {
            int nOut = spec.fanOut(k);
            int nIn = spec.fanIn(k);
            zs[k + 1] = new double[nOut];
            hs[k + 1] = new double[nOut];
            for (int i = 0; i < nOut; i++) {
                double s = 0;
                for (int j = 0; j < nIn; j++) s += w[k][i * nIn + j] * hs[k][j];
                zs[k + 1][i] = s;
                hs[k + 1][i] = k + 1 < layers ? Math.max(0, s) : s;
            }
        }
        double[] eTrue = new double[spec.outputs()];
        for (int i = 0; i < eTrue.length; i++) eTrue[i] = hs[layers][i] - (i == label ? 1 : 0);
        double[] eRule = eTrue.clone();
        gradient = new double[layers][];
        for (int k = layers - 1; k >= 0; k--) {
            int nOut = spec.fanOut(k);
            int nIn = spec.fanIn(k);
            double[] g = new double[nOut * nIn];
            for (int i = 0; i < nOut; i++) {
                for (int j = 0; j < nIn; j++) g[i * nIn + j] = eTrue[i] * hs[k][j];
            }
            gradient[k] = g;
            if (k == 0) break;
            double[] nextTrue = new double[nIn];
            double[] nextRule = new double[nIn];
            for (int j = 0; j < nIn; j++) {
                if (zs[k][j] <= 0) continue;
                double st = 0;
                double sr = 0;
                for (int i = 0; i < nOut; i++) {
                    st += w[k][i * nIn + j] * eTrue[i];
                    sr += fb[k][j * nOut + i] * eRule[i];
                }
                nextTrue[j] = st;
                nextRule[j] = sr;
                phiNum[k][j] += sr * st;
                phiDen[k][j] += st * st;
            }
            eTrue = nextTrue;
            eRule = nextRule;
        }
    }

    /** Call after the engine's step on the same sample. */
    public void afterStep(LearningEngine engine) {
        for (int k = 0; k < layers; k++) {
            double[] after = engine.forwardWeights(k);
            double[] dw = new double[after.length];
            double[] neg = new double[after.length];
            for (int i = 0; i < after.length; i++) {
                dw[i] = after[i] - before[k][i];
                neg[i] = -gradient[k][i];
            }
            double c = Matrices.cosine(dw, neg);
            if (!Double.isNaN(c)) {
                cosSum[k] += c;
                cosCount[k]++;
            }
        }
        before = null;
        gradient = null;
    }

    /** Mean cosine per weight layer since the last reset (NaN where no probe moved the weights). */
    public double[] meanCosine() {
        double[] m = new double[layers];
        for (int k = 0; k < layers; k++) m[k] = cosCount[k] == 0 ? Double.NaN : cosSum[k] / cosCount[k];
        return m;
    }

    /**
     * Per hidden layer k >= 1: {median phi over neurons, fraction of neurons with phi > 0}. The median,
     * because a neuron whose true error is almost always zero has a huge, meaningless ratio.
     */
    public double[][] phi() {
        double[][] out = new double[layers][];
        for (int k = 1; k < layers; k++) {
            double[] p = new double[phiNum[k].length];
            int n = 0;
            int pos = 0;
            for (int j = 0; j < phiNum[k].length; j++) {
                if (phiDen[k][j] == 0) continue;
                p[n] = phiNum[k][j] / phiDen[k][j];
                if (p[n] > 0) pos++;
                n++;
            }
            java.util.Arrays.sort(p, 0, n);
            double median = n == 0 ? Double.NaN : (n % 2 == 1 ? p[n / 2] : 0.5 * (p[n / 2 - 1] + p[n / 2]));
            out[k] = new double[] {median, n == 0 ? Double.NaN : (double) pos / n};
        }
        return out;
    }

    public void reset() {
        java.util.Arrays.fill(cosSum, 0);
        java.util.Arrays.fill(cosCount, 0);
        for (int k = 1; k < layers; k++) {
            java.util.Arrays.fill(phiNum[k], 0);
            java.util.Arrays.fill(phiDen[k], 0);
        }
    }

    /** Angle in degrees between B_k and W_k^T for each layer k >= 1 (index k - 1). */
    public static double[] alignment(LearningEngine engine) {
        DesignSpec s = engine.spec();
        double[] a = new double[s.weightLayers() - 1];
        for (int k = 1; k < s.weightLayers(); k++) {
            double[] wt = Matrices.transpose(engine.forwardWeights(k), s.fanOut(k), s.fanIn(k));
            a[k - 1] = Matrices.angleDegrees(engine.feedbackWeights(k), wt);
        }
        return a;
    }
}
