package org.heterosyn.learning;

import org.heterosyn.numerics.DitherHash;
import org.heterosyn.numerics.FixedPoint;
import org.heterosyn.numerics.InitialWeights;
import org.heterosyn.numerics.SynapseUpdate;
import org.heterosyn.spec.DesignSpec;

/**
 * The fast model's arithmetic in plain Java, for every format the spec accepts: int weights stored
 * row-major as docs/numerics.md orders them, a forward pass over the nonzero inputs with 64-bit sums,
 * and {@link SynapseUpdate#updateRow} for the updates (which C2 vectorizes where the format lets it
 * run in 32-bit ints). Used where {@link VectorKernel} cannot run, and as its yardstick in tests.
 */
final class ScalarKernel extends FastKernel {
    private final int[][] w;
    private final int[][] b;
    private final SynapseUpdate update;
    private final int[][] z;
    private final int[][] h;
    private final int[][] e;
    private final int[] nonzeroIndex;
    private final int[] nonzeroValue;
    /** hsp only (null otherwise), per hidden layer k: A_k (N x n_{k+1}), V̄_k (n_k x N), feedback neurons q_k. */
    private final int[][] a;
    private final int[][] v;
    private final int[][] q;
    private final SynapseUpdate heteroUpdate;

    ScalarKernel(DesignSpec spec) {
        super(spec);
        this.update = new SynapseUpdate(num, rule.decays());
        w = new int[layers][];
        b = new int[layers][];
        for (int k = 0; k < layers; k++) {
            w[k] = InitialWeights.forward(spec, k);
            if (spec.hasFeedback(k)) b[k] = InitialWeights.feedback(spec, k);
        }
        if (spec.feedback() != null) {
            a = new int[layers][];
            v = new int[layers][];
            q = new int[layers][];
            for (int k = 1; k < layers; k++) {
                a[k] = InitialWeights.feedbackNetwork(spec, k);
                v[k] = InitialWeights.hetero(spec, k);
                q[k] = new int[spec.feedback().neurons()];
            }
            // V̄ always decays (docs/rules.md, "hsp"): its own update datapath, with the decay term.
            heteroUpdate = new SynapseUpdate(num, true);
        } else {
            a = null;
            v = null;
            q = null;
            heteroUpdate = null;
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

    @Override String name() { return "scalar"; }

    /** The stored arrays themselves: writes take effect at once. */
    @Override int[] raw(int k, int m) { return m == 0 ? w[k] : b[k]; }

    @Override int[] view(int k, int m) { return raw(k, m); }

    @Override int[] hetero(int k) { return v == null ? null : v[k]; }

    @Override int[] feedbackNetwork(int k) { return a == null ? null : a[k]; }

    @Override
    int[] forward(int[] x) {
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
        return h[layers];
    }

    @Override
    void learn(int[] eOut, int sample) {
        System.arraycopy(eOut, 0, e[layers], 0, eOut.length);
        if (v != null) {
            learnHetero(sample);
            return;
        }
        for (int k = layers - 1; k >= 0; k--) {
            if (k >= 1) backward(k);
            updateLayer(k, sample);
        }
    }

    /**
     * hsp (docs/rules.md), layer L-1 down to 1: feedback neurons q_k = A_k e_{k+1}, then the hidden error
     * e_k = -[z_k > 0] V̄_k q_k; all errors before any update; then W_k (no decay) and
     * V̄_k (+eta h_k q_k^T - eta*lambda V̄_k) of every layer.
     */
    private void learnHetero(int sample) {
        int nq = spec.feedback().neurons();
        for (int k = layers - 1; k >= 1; k--) {
            int nNext = spec.fanOut(k);
            int[] ak = a[k];
            int[] qk = q[k];
            int[] eNext = e[k + 1];
            for (int r = 0; r < nq; r++) {
                long acc = 0;
                for (int i = 0; i < nNext; i++) acc += (long) ak[r * nNext + i] * eNext[i];
                qk[r] = (int) FixedPoint.accToValue(acc, num);
            }
            int[] vk = v[k];
            for (int j = 0; j < spec.fanIn(k); j++) {
                if (z[k][j] <= 0) {
                    e[k][j] = 0;
                    continue;
                }
                long acc = 0;
                for (int r = 0; r < nq; r++) acc += (long) vk[j * nq + r] * qk[r];
                e[k][j] = (int) FixedPoint.saturateValue(-FixedPoint.accToValue(acc, num), num);
            }
        }
        for (int k = layers - 1; k >= 0; k--) updateLayer(k, sample);
        for (int k = 1; k < layers; k++) {
            int key = DitherHash.sampleKey(spec.seed(), sample, k, DitherHash.MATRIX_V);
            int[] hk = h[k];
            // +eta h_j q: SynapseUpdate adds -eta * (row factor) * q, so the row factor is -h_j (h_j >= 0 fits).
            for (int j = 0; j < hk.length; j++) heteroUpdate.updateRow(v[k], j * nq, nq, -hk[j], q[k], DitherHash.rowKey(key, j));
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

    private void updateLayer(int k, int sample) {
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
}
