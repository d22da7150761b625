package org.heterosyn.learning;

import org.heterosyn.numerics.DitherHash;
import org.heterosyn.numerics.FixedPoint;
import org.heterosyn.numerics.InitialWeights;
import org.heterosyn.numerics.SynapseUpdate;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rule;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;

/**
 * The fixed-point fast model: at every command boundary it holds exactly the bits the hardware
 * holds (docs/numerics.md). It visits synapses in whatever order is fastest; the numerics make the
 * result independent of that order.
 */
public final class FastEngine implements LearningEngine {
    private final DesignSpec spec;
    private final Numerics num;
    private final Rule rule;
    private final int layers;
    private final int[][] w;
    private final int[][] b;
    private final SynapseUpdate update;
    /** sign(W) * 2^(weightFrac - feedbackShift): the ss feedback in raw weight units. */
    private final long signUnit;
    private final int[][] z;
    private final int[][] h;
    private final int[][] e;
    private final int[] nonzeroIndex;
    private final int[] nonzeroValue;
    /** Train commands executed; the 32-bit counter that keys the dither. */
    private int sample;

    public FastEngine(DesignSpec spec) {
        this.spec = spec;
        this.num = spec.numerics();
        this.rule = spec.rule();
        this.layers = spec.weightLayers();
        this.update = new SynapseUpdate(num, rule.decays());
        this.signUnit = 1L << (num.weightFrac() - num.feedbackShift());
        w = new int[layers][];
        b = new int[layers][];
        for (int k = 0; k < layers; k++) {
            w[k] = InitialWeights.forward(spec, k);
            if (spec.hasFeedback(k)) b[k] = InitialWeights.feedback(spec, k);
        }
        int widest = spec.layers().stream().mapToInt(Integer::intValue).max().orElseThrow();
        nonzeroIndex = new int[widest];
        nonzeroValue = new int[widest];
        z = new int[layers + 1][];
        h = new int[layers + 1][];
        e = new int[layers + 1][];
        for (int k = 0; k <= layers; k++) {
            int n = spec.layers().get(k);
            z[k] = new int[n];
            h[k] = new int[n];
            e[k] = new int[n];
        }
    }

    @Override public DesignSpec spec() { return spec; }

    @Override public String kind() { return "fast"; }

    public int sampleCount() { return sample; }

    public void setSampleCount(int s) { sample = s; }

    /** Raw W_k; the live array (callers must not change it). */
    public int[] rawForward(int k) { return w[k]; }

    /** Raw stored B_k, or null. */
    public int[] rawFeedback(int k) { return b[k]; }

    public void loadForward(int k, int[] raw) { System.arraycopy(raw, 0, w[k], 0, w[k].length); }

    public void loadFeedback(int k, int[] raw) { System.arraycopy(raw, 0, b[k], 0, b[k].length); }

    /** The outputs y_L (raw) of the last forward pass, infer or train. */
    public int[] lastOutputs() { return h[layers].clone(); }

    /** Quantized input, outputs y_L in raw value units. */
    public int[] inferRaw(int[] x) {
        forward(x);
        return h[layers].clone();
    }

    /** Inputs to the value format (values are at most 24 bits, so raw values fit an int). */
    public int[] quantize(double[] x) {
        int[] q = new int[x.length];
        for (int i = 0; i < x.length; i++) q[i] = (int) FixedPoint.quantizeValue(x[i], num);
        return q;
    }

    @Override
    public double train(double[] x, int label) {
        return trainRaw(quantize(x), label);
    }

    /** One train command on a quantized input; returns the loss of its forward pass in real units. */
    public double trainRaw(int[] x, int label) {
        forward(x);
        int out = layers;
        double loss = 0;
        double lsb = Math.scalb(1.0, -num.valueFrac());
        for (int i = 0; i < e[out].length; i++) {
            long t = i == label ? num.valueOne() : 0;
            e[out][i] = (int) FixedPoint.saturateValue(h[out][i] - t, num);
            double d = (h[out][i] - t) * lsb;
            loss += 0.5 * d * d;
        }
        for (int k = layers - 1; k >= 0; k--) {
            if (k >= 1) backward(k);
            updateLayer(k);
        }
        sample++;
        return loss;
    }

    private void forward(int[] x) {
        System.arraycopy(x, 0, h[0], 0, h[0].length);
        for (int k = 0; k < layers; k++) {
            int nOut = spec.fanOut(k);
            int nIn = spec.fanIn(k);
            int[] wk = w[k];
            int[] hin = h[k];
            // Zero inputs add nothing to the exact sums: about half the pixels and half the relu units.
            int nz = 0;
            for (int j = 0; j < nIn; j++) {
                if (hin[j] != 0) {
                    nonzeroIndex[nz] = j;
                    nonzeroValue[nz++] = hin[j];
                }
            }
            boolean hidden = k + 1 < layers;
            for (int i = 0; i < nOut; i++) {
                long acc = 0;
                int row = i * nIn;
                for (int t = 0; t < nz; t++) acc += (long) wk[row + nonzeroIndex[t]] * nonzeroValue[t];
                int v = (int) FixedPoint.accToValue(acc, num);
                z[k + 1][i] = v;
                h[k + 1][i] = hidden ? Math.max(0, v) : v;
            }
        }
    }

    private void backward(int k) {
        int nOut = spec.fanOut(k);
        int nIn = spec.fanIn(k);
        int[] wk = w[k];
        int[] ek1 = e[k + 1];
        for (int j = 0; j < nIn; j++) {
            if (z[k][j] <= 0) {
                e[k][j] = 0;
                continue;
            }
            long acc = 0;
            switch (rule) {
                case BP -> { for (int i = 0; i < nOut; i++) acc += (long) wk[i * nIn + j] * ek1[i]; }
                case SS -> { for (int i = 0; i < nOut; i++) acc += Integer.signum(wk[i * nIn + j]) * signUnit * ek1[i]; }
                default -> {
                    int[] bk = b[k];
                    for (int i = 0; i < nOut; i++) acc += (long) bk[j * nOut + i] * ek1[i];
                }
            }
            e[k][j] = (int) FixedPoint.accToValue(acc, num);
        }
    }

    private void updateLayer(int k) {
        int nOut = spec.fanOut(k);
        int nIn = spec.fanIn(k);
        int[] wk = w[k];
        int[] ek = e[k + 1];
        int[] hk = h[k];
        int keyW = DitherHash.sampleKey(spec.seed(), sample, k, DitherHash.MATRIX_W);
        boolean skipZero = update.zeroProductIsNoop();
        for (int i = 0; i < nOut; i++) {
            if (ek[i] == 0 && skipZero) continue;
            update.updateRow(wk, i * nIn, nIn, ek[i], hk, DitherHash.rowKey(keyW, i));
        }
        if (rule.plasticFeedback() && b[k] != null) {
            int keyB = DitherHash.sampleKey(spec.seed(), sample, k, DitherHash.MATRIX_B);
            for (int j = 0; j < nIn; j++) {
                if (hk[j] == 0 && skipZero) continue;
                update.updateRow(b[k], j * nOut, nOut, hk[j], ek, DitherHash.rowKey(keyB, j));
            }
        }
    }

    @Override
    public double[] infer(double[] x) {
        forward(quantize(x));
        double lsb = Math.scalb(1.0, -num.valueFrac());
        double[] y = new double[h[layers].length];
        for (int i = 0; i < y.length; i++) y[i] = h[layers][i] * lsb;
        return y;
    }

    @Override
    public double[] forwardWeights(int k) { return real(w[k]); }

    @Override
    public double[] feedbackWeights(int k) {
        return switch (rule) {
            case BP -> Matrices.transpose(real(w[k]), spec.fanOut(k), spec.fanIn(k));
            case SS -> {
                double[] t = Matrices.transpose(real(w[k]), spec.fanOut(k), spec.fanIn(k));
                double mag = signUnit * Math.scalb(1.0, -num.weightFrac());
                for (int i = 0; i < t.length; i++) t[i] = Math.signum(t[i]) * mag;
                yield t;
            }
            default -> real(b[k]);
        };
    }

    /** Raw weights as signed 32-bit little-endian: W_0, then per layer k >= 1: W_k, then B_k if stored. */
    @Override
    public byte[] weightsDigest() {
        return digest(w, b);
    }

    public static byte[] digest(int[][] forward, int[][] feedback) {
        MessageDigest md = Matrices.sha256();
        for (int k = 0; k < forward.length; k++) {
            update(md, forward[k]);
            if (feedback[k] != null) update(md, feedback[k]);
        }
        return md.digest();
    }

    private static void update(MessageDigest md, int[] m) {
        ByteBuffer buf = ByteBuffer.allocate(m.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : m) buf.putInt(v);
        md.update(buf.array());
    }

    private double[] real(int[] raw) {
        double lsb = Math.scalb(1.0, -num.weightFrac());
        double[] d = new double[raw.length];
        for (int i = 0; i < raw.length; i++) d[i] = raw[i] * lsb;
        return d;
    }
}
