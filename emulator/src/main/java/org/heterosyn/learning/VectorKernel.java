package org.heterosyn.learning;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.heterosyn.numerics.DitherHash;
import org.heterosyn.numerics.FixedPoint;
import org.heterosyn.numerics.InitialWeights;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.Rule;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fast model in vector lanes (JDK 17's incubator Vector API), bit for bit the arithmetic of
 * docs/numerics.md: 16-bit weights, a forward pass with exact 32-bit lane sums, and every update with
 * its dither computed in the lanes. Formats wider than 16 bits take {@link ScalarKernel}
 * ({@link #formatUnsupported}).
 *
 * <p>Storage. Weight layer k has n_in inputs and n_out outputs; both of its matrices are kept as n_in
 * rows of P = n_out rounded up to the lane count L, one row per input neuron j:
 * <pre>
 *   wt[j*P + i] = W_k[i][j]        bt[j*P + i] = B_k[j][i]        (i >= n_out: padding, 0 for ever)
 * </pre>
 * So a forward pass adds h_j times row j into the outputs, a hidden error is a dot product of row j
 * with e, and both matrices update row j with the products e_i*h_j. Padding stays 0: its error is 0,
 * so its product and decay are 0 and the rounding offset u < 2^S adds nothing. L shorts (a vector of
 * half the width) are widened to L int lanes on load and narrowed on store; every weight fits 16 bits
 * after saturation, so the narrowing loses nothing. (Two shorts per int lane would halve the loads but
 * double the loop body, and C2's inlining budget then leaves vectors boxed.)
 *
 * <p>Exact sums in 32-bit lanes. Forward: a lane adds at most 2^(WB-1) * |h_j| per nonzero input, so
 * the nonzero inputs are cut into runs whose sum of |h| stays within (2^31 - 1) / 2^(WB-1), and each
 * run's lane sums go into 64-bit totals. Hidden errors: e = 2^8*(e >> 8) + (e & 0xFF) splits each
 * error into two parts whose products with a 16-bit weight are below 2^23 in magnitude, so 256 of them
 * add up exactly in an int.
 *
 * <p>Update: the int formula of {@link org.heterosyn.numerics.SynapseUpdate#updateRow}, in lanes.
 * The dither mix(key ^ ((row << 16) | col)) starts with x ^= x >>> 13, which is linear over xor,
 * f(a ^ b) = f(a) ^ f(b): f of the lane's part of the coordinate is precomputed per output and f of
 * the rest once per row, so the lanes start from the mix's second step.
 *
 * <p>Compiled code. No method here takes or returns a vector: C2 inlines the Vector API's own methods
 * whatever the size of the compiled unit, but a method of ours that passes vectors, once left out by
 * the inlining budget (a bimorphic FastEngine.trainRaw inlining both kernels reaches it), would box
 * every vector and run ten times slower. So the loads, the widening and narrowing and the dither mix are
 * written out in each loop, and {@link #machineUnsupported} checks those loops against ScalarKernel.
 */
final class VectorKernel extends FastKernel {
    private static final VectorSpecies<Integer> INT = IntVector.SPECIES_PREFERRED;
    /** Shorts in a vector of half the width: as many lanes as INT. */
    private static final VectorSpecies<Short> SHORT =
            VectorSpecies.of(short.class, VectorShape.forBitSize(INT.vectorBitSize() / 2));
    /** Lanes per vector. */
    static final int L = INT.length();
    /** Outputs per exact block of a hidden-error dot product: 256 products below 2^23 each. */
    private static final int DOT_BLOCK = 256;
    /** The row's shift in a dither coordinate (row << 16) | col, docs/numerics.md 11.3. */
    private static final int COORD_SHIFT = DitherHash.INDEX_BITS;

    private final boolean decays;
    private final boolean stochastic;
    private final int gradShift;
    private final int decayAlign;
    private final int rest;
    private final int ditherMask;
    private final int half;
    private final int wMin;
    private final int wMax;
    /** Largest sum of |h| over a run of the forward pass: each lane then stays within 2^31 - 1. */
    private final int runBudget;

    private final int[] nIn;
    private final int[] nOut;
    private final int[] pad;
    private final short[][] wt;
    private final short[][] bt;
    /** Row-major int copies handed out by raw/view, index 2k + m. */
    private final int[][] mirror;
    /** The shorts changed since the mirror was written. */
    private final boolean[] mirrorStale;
    /** The mirror was handed out writable: load it back before computing. */
    private final boolean[] mirrorLent;
    private final int[][] z;
    private final int[][] h;
    /** Errors of neuron layer t >= 1, P_{t-1} entries (padding 0). */
    private final int[][] e;
    /** f(i << 16) and f(i) per output i, f(x) = x ^ (x >>> 13): the lanes' parts of W's and B's dither. */
    private final int[] baseW;
    private final int[] baseB;
    private final int[] nzOffset;
    private final int[] nzValue;
    private final int[] runEnd;
    private final long[] sums;
    /** Eight vectors' lane sums on their way into {@link #sums}. */
    private final int[] laneSums = new int[8 * L];
    private final int[] eHigh;
    private final int[] eLow;
    private final boolean[] zeroChunk;

    VectorKernel(DesignSpec spec) {
        super(spec);
        decays = rule.decays();
        int shift = num.updateShift(decays);
        // Stochastic rounding with S = 0 rounds nothing away (u = 0): the nearest loop with half = 0.
        stochastic = num.rounding() == Rounding.STOCHASTIC && shift > 0;
        gradShift = decays ? num.decayShift() : 0;
        decayAlign = decays ? 2 * num.valueFrac() - num.weightFrac() : 0;
        rest = shift - gradShift;
        ditherMask = shift == 0 ? 0 : (int) ((1L << shift) - 1);
        half = stochastic || shift == 0 ? 0 : 1 << (shift - 1);
        wMin = (int) num.weightMin();
        wMax = (int) num.weightMax();
        runBudget = Integer.MAX_VALUE >> (num.weightBits() - 1);

        nIn = new int[layers];
        nOut = new int[layers];
        pad = new int[layers];
        wt = new short[layers][];
        bt = new short[layers][];
        mirror = new int[2 * layers][];
        mirrorStale = new boolean[2 * layers];
        mirrorLent = new boolean[2 * layers];
        int widest = 0;
        int widestPad = 0;
        for (int k = 0; k < layers; k++) {
            nIn[k] = spec.fanIn(k);
            nOut[k] = spec.fanOut(k);
            pad[k] = (nOut[k] + L - 1) / L * L;
            widest = Math.max(widest, nIn[k]);
            widestPad = Math.max(widestPad, pad[k]);
            wt[k] = new short[nIn[k] * pad[k]];
            mirror[2 * k] = InitialWeights.forward(spec, k);
            load(2 * k);
            if (spec.hasFeedback(k)) {
                bt[k] = new short[nIn[k] * pad[k]];
                mirror[2 * k + 1] = InitialWeights.feedback(spec, k);
                load(2 * k + 1);
            }
        }
        z = new int[layers + 1][];
        h = new int[layers + 1][];
        e = new int[layers + 1][];
        for (int t = 0; t <= layers; t++) {
            int n = spec.layers().get(t);
            z[t] = new int[n];
            h[t] = new int[n];
            if (t >= 1) e[t] = new int[pad[t - 1]];
        }
        baseW = new int[widestPad];
        baseB = new int[widestPad];
        for (int i = 0; i < widestPad; i++) {
            baseW[i] = xorShift13(i << COORD_SHIFT);
            baseB[i] = xorShift13(i);
        }
        nzOffset = new int[widest];
        nzValue = new int[widest];
        runEnd = new int[widest + 1];
        sums = new long[widestPad];
        eHigh = new int[widestPad];
        eLow = new int[widestPad];
        zeroChunk = new boolean[widestPad / L];
    }

    @Override
    String name() { return "vector-" + INT.vectorBitSize(); }

    /**
     * Null when the vector kernel computes this format exactly, else why not: weights in shorts, products
     * e*h and w*h in ints, and every intermediate of the update's int formula inside 32 bits (the bounds
     * of SynapseUpdate's narrow kernel, repeated here because this kernel relies on them too).
     */
    static String formatUnsupported(Numerics n, boolean decays) {
        if (n.weightBits() > 16) return "weights of " + n.weightBits() + " bits do not fit 16-bit storage";
        if (n.valueBits() > 16) return "values of " + n.valueBits() + " bits: their products do not fit 32-bit lanes";
        long limit = Integer.MAX_VALUE;
        int gs = decays ? n.decayShift() : 0;
        int align = 2 * n.valueFrac() - n.weightFrac();
        int s = n.updateShift(decays);
        long wAbs = 1L << (n.weightBits() - 1);
        long vAbs = 1L << (n.valueBits() - 1);
        long decay = decays ? wAbs << align : 0;
        long u = s == 0 ? 0 : 1L << s;
        long first = u + decay;
        long y = (first >> gs) + vAbs * vAbs;
        long next = (y >> (s - gs)) + wAbs;
        if (s > 30 || first > limit || y > limit || next > limit) {
            return "the update of this format (shift " + s + ") does not fit 32-bit lanes";
        }
        return null;
    }

    /**
     * Null when the Vector API runs here as this kernel needs it: at least 4 int lanes, and this
     * kernel's loops giving ScalarKernel's bits on small designs that run every loop, with ragged last
     * chunks and saturating weights. A check of the code that runs, against the definition, so that a
     * change to the mix, the lane layout or the JDK cannot make the two kernels disagree silently.
     * Computed once per JVM (about 0.1 s, mostly in the interpreter).
     */
    static String machineUnsupported() {
        return SelfCheck.RESULT;
    }

    private static final class SelfCheck {
        static final String RESULT = run();

        private static String run() {
            if (L < 4) return "the preferred vector holds only " + L + " int lanes";
            SplittableRandom rng = new SplittableRandom(17);
            // Every loop once: stochastic and nearest with decay (kp), stochastic and nearest without
            // (urf, ss: skipped rows and chunks); hidden errors through B, W and sgn(W) (kp, bp, ss).
            String why = check(Rule.KP, Rounding.STOCHASTIC, rng);
            if (why == null) why = check(Rule.KP, Rounding.NEAREST, rng);
            if (why == null) why = check(Rule.URF, Rounding.STOCHASTIC, rng);
            if (why == null) why = check(Rule.BP, Rounding.STOCHASTIC, rng);
            if (why == null) why = check(Rule.SS, Rounding.NEAREST, rng);
            return why;
        }

        /** Two train commands on a 5-(L+3)-3 design with saturating weights and inputs, both kernels. */
        private static String check(Rule rule, Rounding r, SplittableRandom rng) {
            DesignSpec spec = new DesignSpec("selfcheck", List.of(5, L + 3, 3), rule,
                    Numerics.defaults().withRounding(r), 1, MemoryStyle.GENERIC, 9);
            VectorKernel v = new VectorKernel(spec);
            ScalarKernel s = new ScalarKernel(spec);
            for (int k = 0; k < spec.weightLayers(); k++) {
                for (int m = 0; m < (spec.hasFeedback(k) ? 2 : 1); m++) {
                    int[] a = v.raw(k, m);
                    int[] b = s.raw(k, m);
                    for (int i = 0; i < a.length; i++) {
                        int w = rng.nextInt(8) == 0 ? Short.MIN_VALUE : rng.nextInt(2 * 6000) - 6000;
                        a[i] = w;
                        b[i] = w;
                    }
                }
            }
            String design = rule.id() + " " + r.id();
            for (int sample = 0; sample < 2; sample++) {
                int[] x = new int[spec.inputs()];
                for (int j = 0; j < x.length; j++) x[j] = rng.nextInt(3) == 0 ? 0 : rng.nextInt(65536) - 32768;
                int[] yv = v.forward(x).clone();
                int[] ys = s.forward(x);
                if (!Arrays.equals(yv, ys)) return "the vector forward pass differs from the scalar one (" + design + ")";
                int[] e = new int[ys.length];
                for (int i = 0; i < e.length; i++) {
                    e[i] = (int) FixedPoint.saturateValue(ys[i] - (i == 1 ? 4096 : 0), spec.numerics());
                }
                v.learn(e, sample * 977);
                s.learn(e, sample * 977);
                for (int k = 0; k < spec.weightLayers(); k++) {
                    for (int m = 0; m < (spec.hasFeedback(k) ? 2 : 1); m++) {
                        if (!Arrays.equals(v.view(k, m), s.view(k, m))) {
                            return "the vector update differs from the scalar one (" + design + ", "
                                    + (m == 0 ? "W_" : "B_") + k + ")";
                        }
                    }
                }
            }
            return null;
        }
    }

    // ---- matrices in and out -------------------------------------------------------------------

    @Override
    int[] raw(int k, int m) {
        int[] a = view(k, m);
        mirrorLent[2 * k + m] = true;
        return a;
    }

    @Override
    int[] view(int k, int m) {
        int id = 2 * k + m;
        if (mirrorStale[id]) {
            store(id);
            mirrorStale[id] = false;
        }
        return mirror[id];
    }

    /** The row-major mirror into the padded short rows: W_k[r][c] goes to row c, B_k[r][c] to row r. */
    private void load(int id) {
        int k = id >> 1;
        boolean feedback = (id & 1) == 1;
        short[] dst = feedback ? bt[k] : wt[k];
        int[] raw = mirror[id];
        int rows = feedback ? nIn[k] : nOut[k];
        int cols = feedback ? nOut[k] : nIn[k];
        int p = pad[k];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int v = raw[r * cols + c];
                if (v < wMin || v > wMax) {
                    throw new IllegalStateException((feedback ? "B_" : "W_") + k + "[" + r + "][" + c + "] = " + v
                            + " is outside the " + num.weightBits() + "-bit weight range");
                }
                dst[feedback ? r * p + c : c * p + r] = (short) v;
            }
        }
    }

    private void store(int id) {
        int k = id >> 1;
        boolean feedback = (id & 1) == 1;
        short[] src = feedback ? bt[k] : wt[k];
        int[] raw = mirror[id];
        int rows = feedback ? nIn[k] : nOut[k];
        int cols = feedback ? nOut[k] : nIn[k];
        int p = pad[k];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) raw[r * cols + c] = src[feedback ? r * p + c : c * p + r];
        }
    }

    /** Mirrors handed out writable since the last computation go back into the shorts. */
    private void loadLent() {
        for (int id = 0; id < mirrorLent.length; id++) {
            if (mirrorLent[id]) {
                load(id);
                mirrorLent[id] = false;
            }
        }
    }

    // ---- forward pass (section 6) ----------------------------------------------------------------

    @Override
    int[] forward(int[] x) {
        loadLent();
        System.arraycopy(x, 0, h[0], 0, h[0].length);
        for (int k = 0; k < layers; k++) forwardLayer(k);
        return h[layers];
    }

    private void forwardLayer(int k) {
        int n = nIn[k];
        int p = pad[k];
        int[] in = h[k];
        int[] offs = nzOffset;
        int[] vals = nzValue;
        // Nonzero inputs only (zeros add nothing to exact sums), gathered without branches: about half
        // the pixels are 0, in no pattern a branch predictor could learn.
        int nz = 0;
        for (int j = 0; j < n; j++) {
            int v = in[j];
            offs[nz] = j * p;
            vals[nz] = v;
            nz += v != 0 ? 1 : 0;
        }
        // Runs within the lane budget.
        int runs = 0;
        long run = 0;
        for (int t = 0; t < nz; t++) {
            int a = Math.abs(vals[t]);
            if (run + a > runBudget) {
                runEnd[runs++] = t;
                run = 0;
            }
            run += a;
        }
        runEnd[runs++] = nz;
        Arrays.fill(sums, 0, p, 0L);
        short[] w = wt[k];
        // Eight or four chunks of outputs at a time keep their lane sums in registers through a whole run.
        int c = 0;
        for (; c + 8 * L <= p; c += 8 * L) forwardEight(w, c, runs);
        for (; c + 4 * L <= p; c += 4 * L) forwardFour(w, c, runs);
        for (; c < p; c += L) forwardOne(w, c, runs);
        int[] zk = z[k + 1];
        int[] hk = h[k + 1];
        boolean hidden = k + 1 < layers;
        for (int i = 0; i < nOut[k]; i++) {
            int v = (int) FixedPoint.accToValue(sums[i], num);
            zk[i] = v;
            hk[i] = hidden ? Math.max(0, v) : v;
        }
    }

    /** Outputs c .. c+8L-1: sum over the nonzero inputs of w * h, run by run, into {@link #sums}. */
    private void forwardEight(short[] w, int c, int runs) {
        int[] offs = nzOffset;
        int[] vals = nzValue;
        int t = 0;
        for (int r = 0; r < runs; r++) {
            IntVector a0 = IntVector.zero(INT);
            IntVector a1 = IntVector.zero(INT);
            IntVector a2 = IntVector.zero(INT);
            IntVector a3 = IntVector.zero(INT);
            IntVector a4 = IntVector.zero(INT);
            IntVector a5 = IntVector.zero(INT);
            IntVector a6 = IntVector.zero(INT);
            IntVector a7 = IntVector.zero(INT);
            for (int end = runEnd[r]; t < end; t++) {
                int off = offs[t] + c;
                int v = vals[t];
                a0 = a0.add(((IntVector) ShortVector.fromArray(SHORT, w, off).castShape(INT, 0)).mul(v));
                a1 = a1.add(((IntVector) ShortVector.fromArray(SHORT, w, off + L).castShape(INT, 0)).mul(v));
                a2 = a2.add(((IntVector) ShortVector.fromArray(SHORT, w, off + 2 * L).castShape(INT, 0)).mul(v));
                a3 = a3.add(((IntVector) ShortVector.fromArray(SHORT, w, off + 3 * L).castShape(INT, 0)).mul(v));
                a4 = a4.add(((IntVector) ShortVector.fromArray(SHORT, w, off + 4 * L).castShape(INT, 0)).mul(v));
                a5 = a5.add(((IntVector) ShortVector.fromArray(SHORT, w, off + 5 * L).castShape(INT, 0)).mul(v));
                a6 = a6.add(((IntVector) ShortVector.fromArray(SHORT, w, off + 6 * L).castShape(INT, 0)).mul(v));
                a7 = a7.add(((IntVector) ShortVector.fromArray(SHORT, w, off + 7 * L).castShape(INT, 0)).mul(v));
            }
            a0.intoArray(laneSums, 0);
            a1.intoArray(laneSums, L);
            a2.intoArray(laneSums, 2 * L);
            a3.intoArray(laneSums, 3 * L);
            a4.intoArray(laneSums, 4 * L);
            a5.intoArray(laneSums, 5 * L);
            a6.intoArray(laneSums, 6 * L);
            a7.intoArray(laneSums, 7 * L);
            for (int l = 0; l < 8 * L; l++) sums[c + l] += laneSums[l];
        }
    }

    /** Outputs c .. c+4L-1, like {@link #forwardEight}. */
    private void forwardFour(short[] w, int c, int runs) {
        int[] offs = nzOffset;
        int[] vals = nzValue;
        int t = 0;
        for (int r = 0; r < runs; r++) {
            IntVector a0 = IntVector.zero(INT);
            IntVector a1 = IntVector.zero(INT);
            IntVector a2 = IntVector.zero(INT);
            IntVector a3 = IntVector.zero(INT);
            for (int end = runEnd[r]; t < end; t++) {
                int off = offs[t] + c;
                int v = vals[t];
                a0 = a0.add(((IntVector) ShortVector.fromArray(SHORT, w, off).castShape(INT, 0)).mul(v));
                a1 = a1.add(((IntVector) ShortVector.fromArray(SHORT, w, off + L).castShape(INT, 0)).mul(v));
                a2 = a2.add(((IntVector) ShortVector.fromArray(SHORT, w, off + 2 * L).castShape(INT, 0)).mul(v));
                a3 = a3.add(((IntVector) ShortVector.fromArray(SHORT, w, off + 3 * L).castShape(INT, 0)).mul(v));
            }
            a0.intoArray(laneSums, 0);
            a1.intoArray(laneSums, L);
            a2.intoArray(laneSums, 2 * L);
            a3.intoArray(laneSums, 3 * L);
            for (int l = 0; l < 4 * L; l++) sums[c + l] += laneSums[l];
        }
    }

    /** Outputs c .. c+L-1, like {@link #forwardFour}. */
    private void forwardOne(short[] w, int c, int runs) {
        int[] offs = nzOffset;
        int[] vals = nzValue;
        int t = 0;
        for (int r = 0; r < runs; r++) {
            IntVector a = IntVector.zero(INT);
            for (int end = runEnd[r]; t < end; t++) {
                a = a.add(((IntVector) ShortVector.fromArray(SHORT, w, offs[t] + c).castShape(INT, 0)).mul(vals[t]));
            }
            a.intoArray(laneSums, 0);
            for (int l = 0; l < L; l++) sums[c + l] += laneSums[l];
        }
    }

    // ---- errors and updates (sections 7-10) ------------------------------------------------------

    @Override
    void learn(int[] eOut, int sample) {
        loadLent();
        int[] top = e[layers];
        System.arraycopy(eOut, 0, top, 0, eOut.length);
        for (int k = layers - 1; k >= 0; k--) {
            if (k >= 1) backward(k);
            int[] ek = e[k + 1];
            if (!decays) markZeroChunks(ek, pad[k]);
            int keyW = DitherHash.sampleKey(spec.seed(), sample, k, DitherHash.MATRIX_W);
            update(k, wt[k], baseW, keyW, false, ek);
            mirrorStale[2 * k] = true;
            if (rule.plasticFeedback() && bt[k] != null) {
                int keyB = DitherHash.sampleKey(spec.seed(), sample, k, DitherHash.MATRIX_B);
                update(k, bt[k], baseB, keyB, true, ek);
                mirrorStale[2 * k + 1] = true;
            }
        }
    }

    /** e_k (section 8) from e_{k+1}, through the weights as they are before this command's updates. */
    private void backward(int k) {
        int p = pad[k];
        int[] next = e[k + 1];
        for (int q = 0; q < p; q++) {
            eHigh[q] = next[q] >> 8;
            eLow[q] = next[q] & 0xFF;
        }
        boolean viaW = rule == Rule.BP || rule == Rule.SS;
        short[] f = viaW ? wt[k] : bt[k];
        int[] zk = z[k];
        int[] out = e[k];
        for (int j = 0; j < nIn[k]; j++) {
            if (zk[j] <= 0) {
                out[j] = 0;
                continue;
            }
            long acc = rule == Rule.SS ? signUnit * signDot(f, j * p, next, p) : splitDot(f, j * p, p);
            out[j] = (int) FixedPoint.accToValue(acc, num);
        }
    }

    /** The row's sum of weight * e, exact: e split into 2^8 * high + low, blocks of 256 outputs. */
    private long splitDot(short[] f, int off, int p) {
        long total = 0;
        for (int b = 0; b < p; b += DOT_BLOCK) {
            int end = Math.min(p, b + DOT_BLOCK);
            IntVector hi = IntVector.zero(INT);
            IntVector lo = IntVector.zero(INT);
            for (int c = b; c < end; c += L) {
                IntVector w = (IntVector) ShortVector.fromArray(SHORT, f, off + c).castShape(INT, 0);
                hi = hi.add(w.mul(IntVector.fromArray(INT, eHigh, c)));
                lo = lo.add(w.mul(IntVector.fromArray(INT, eLow, c)));
            }
            total += ((long) hi.reduceLanes(VectorOperators.ADD) << 8) + lo.reduceLanes(VectorOperators.ADD);
        }
        return total;
    }

    /** The row's sum of sgn(weight) * e (ss): |sum| <= 65535 * 2^15 < 2^31. */
    private static int signDot(short[] f, int off, int[] e, int p) {
        IntVector s = IntVector.zero(INT);
        for (int c = 0; c < p; c += L) {
            IntVector w = (IntVector) ShortVector.fromArray(SHORT, f, off + c).castShape(INT, 0);
            // sgn(w) = (w >> 31) | (-w >>> 31): -1, 0 or 1.
            IntVector sgn = w.lanewise(VectorOperators.ASHR, 31).or(w.neg().lanewise(VectorOperators.LSHR, 31));
            s = s.add(sgn.mul(IntVector.fromArray(INT, e, c)));
        }
        return s.reduceLanes(VectorOperators.ADD);
    }

    private void markZeroChunks(int[] ek, int p) {
        for (int c = 0; c < p; c += L) {
            boolean zero = true;
            for (int q = c; q < c + L; q++) zero &= ek[q] == 0;
            zeroChunk[c / L] = zero;
        }
    }

    /**
     * Section 9 on every synapse of one matrix of layer k: row j of the storage gets the products
     * ek_i * h_j; its dither coordinate is (i << 16) | j for W, (j << 16) | i for B.
     */
    private void update(int k, short[] w, int[] base, int key, boolean feedback, int[] ek) {
        // The part of the coordinate that is not the lane's: the column j of W, the row j of B.
        int keyShift = feedback ? COORD_SHIFT : 0;
        if (stochastic) {
            updateStochastic(w, base, key, keyShift, ek, h[k], nIn[k], pad[k]);
        } else {
            updateNearest(w, ek, h[k], nIn[k], pad[k]);
        }
    }

    /**
     * Stochastic rounding, u = dither mod 2^S, in SynapseUpdate's int formula:
     * w' = sat(w + ((((u - (w << A)) >> G) - e*h) >> (S - G))), exact because e*h is a multiple of 2^G
     * before the first floor; rules without decay have G = 0 and no w << A term (a zero lane mask).
     * Without decay a zero product changes nothing (docs/numerics.md, section 9), so rows with h_j = 0
     * and chunks whose errors are all 0 are skipped; with decay (kp) every synapse is updated.
     */
    private void updateStochastic(short[] w, int[] base, int key, int keyShift, int[] ek, int[] in, int n, int p) {
        // Shift counts as vectors: a shift by a lane vector is one instruction (vpsllvd, vpsravd); a shift
        // by an int variable costs a move into a vector register at every use.
        final IntVector da = IntVector.broadcast(INT, decayAlign);
        final IntVector gs = IntVector.broadcast(INT, gradShift);
        final IntVector rs = IntVector.broadcast(INT, rest);
        final int decayMask = decays ? -1 : 0;
        final int mask = ditherMask;
        final int lo = wMin;
        final int hi = wMax;
        final boolean skip = !decays;
        for (int j = 0; j < n; j++) {
            int hj = in[j];
            if (skip && hj == 0) continue;
            int kj = xorShift13(key ^ (j << keyShift));
            int off = j * p;
            for (int c = 0; c < p; c += L) {
                if (skip && zeroChunk[c / L]) continue;
                IntVector wv = (IntVector) ShortVector.fromArray(SHORT, w, off + c).castShape(INT, 0);
                // DitherHash.mix from its second step (the first is in base and kj).
                IntVector x = IntVector.fromArray(INT, base, c).lanewise(VectorOperators.XOR, kj);
                x = x.add(x.lanewise(VectorOperators.LSHL, 21));
                x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 7));
                x = x.add(x.lanewise(VectorOperators.LSHL, 4));
                x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 5));
                x = x.add(x.lanewise(VectorOperators.LSHL, 2));
                x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 12));
                x = x.add(x.lanewise(VectorOperators.LSHL, 7));
                x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 8));
                IntVector q = x.and(mask).sub(wv.lanewise(VectorOperators.LSHL, da).and(decayMask))
                        .lanewise(VectorOperators.ASHR, gs);
                IntVector eh = IntVector.fromArray(INT, ek, c).mul(hj);
                IntVector next = wv.add(q.sub(eh).lanewise(VectorOperators.ASHR, rs)).max(lo).min(hi);
                ((ShortVector) next.castShape(SHORT, 0)).intoArray(w, off + c);
            }
        }
    }

    /** Round to nearest (or S = 0): u is the constant half, no dither; the decay through a lane mask. */
    private void updateNearest(short[] w, int[] ek, int[] in, int n, int p) {
        final IntVector da = IntVector.broadcast(INT, decayAlign);
        final IntVector gs = IntVector.broadcast(INT, gradShift);
        final IntVector rs = IntVector.broadcast(INT, rest);
        final IntVector u = IntVector.broadcast(INT, half);
        final int decayMask = decays ? -1 : 0;
        final int lo = wMin;
        final int hi = wMax;
        final boolean skip = !decays;
        for (int j = 0; j < n; j++) {
            int hj = in[j];
            if (skip && hj == 0) continue;
            int off = j * p;
            for (int c = 0; c < p; c += L) {
                if (skip && zeroChunk[c / L]) continue;
                IntVector wv = (IntVector) ShortVector.fromArray(SHORT, w, off + c).castShape(INT, 0);
                IntVector q = u.sub(wv.lanewise(VectorOperators.LSHL, da).and(decayMask)).lanewise(VectorOperators.ASHR, gs);
                IntVector eh = IntVector.fromArray(INT, ek, c).mul(hj);
                IntVector next = wv.add(q.sub(eh).lanewise(VectorOperators.ASHR, rs)).max(lo).min(hi);
                ((ShortVector) next.castShape(SHORT, 0)).intoArray(w, off + c);
            }
        }
    }

    /** The first step of DitherHash.mix, x ^ (x >>> 13): linear over xor. */
    private static int xorShift13(int x) {
        return x ^ (x >>> 13);
    }
}
