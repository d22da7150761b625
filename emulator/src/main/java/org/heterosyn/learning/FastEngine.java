package org.heterosyn.learning;

import org.heterosyn.numerics.FixedPoint;
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
 *
 * <p>The arithmetic runs in a kernel picked once, when the engine is built ({@link #kernel()}): the
 * vector kernel (JDK 17's incubator Vector API, which needs {@code --add-modules jdk.incubator.vector}
 * and a format of at most 16 bits) or the scalar one. Both give the same bits; the system property
 * {@code heterosyn.kernel} (auto, vector, scalar) overrides the choice. docs/performance.md.
 */
public final class FastEngine implements LearningEngine {
    private final DesignSpec spec;
    private final Numerics num;
    private final Rule rule;
    private final int layers;
    private final FastKernel kernel;
    private final int[] outputError;
    /** y_L of the last forward pass (the kernel's array, so it is cloned on the way out). */
    private int[] lastY;
    /** Train commands executed; the 32-bit counter that keys the dither. */
    private int sample;

    /** The kernel the {@code heterosyn.kernel} property asks for (auto: vector where it can run). */
    public FastEngine(DesignSpec spec) {
        this(spec, FastKernel.requested());
    }

    /** {@code kernel}: auto, vector or scalar; vector throws IllegalArgumentException where it cannot run. */
    public FastEngine(DesignSpec spec, String kernel) {
        this.spec = spec;
        this.num = spec.numerics();
        this.rule = spec.rule();
        this.layers = spec.weightLayers();
        this.kernel = FastKernel.create(spec, kernel);
        this.outputError = new int[spec.outputs()];
        this.lastY = new int[spec.outputs()];
    }

    /** Null when the vector kernel can run this spec in this JVM, else the reason it cannot. */
    public static String vectorUnavailable(DesignSpec spec) {
        return FastKernel.vectorUnavailable(spec);
    }

    @Override public DesignSpec spec() { return spec; }

    @Override public String kind() { return "fast"; }

    /** The kernel this engine runs on: "scalar", or "vector-" and its width in bits, e.g. "vector-256". */
    public String kernel() { return kernel.name(); }

    public int sampleCount() { return sample; }

    public void setSampleCount(int s) { sample = s; }

    /**
     * Raw W_k, row-major. A caller may write raw weights into it (LOAD_WEIGHTS does), each within the
     * format's weight range (the vector kernel refuses others at the next infer or train); the array is
     * valid until the next infer or train, after which call again.
     */
    public int[] rawForward(int k) { return kernel.raw(k, 0); }

    /** Raw stored B_k, or null; valid like {@link #rawForward}. */
    public int[] rawFeedback(int k) { return spec.hasFeedback(k) ? kernel.raw(k, 1) : null; }

    /** hsp's raw V̄_k (n_k x N) for hidden neuron layer k = 1 .. L-1, or null; valid like {@link #rawForward}. */
    public int[] rawHetero(int k) { return kernel.hetero(k); }

    public void loadForward(int k, int[] raw) {
        int[] m = kernel.raw(k, 0);
        System.arraycopy(raw, 0, m, 0, m.length);
    }

    public void loadFeedback(int k, int[] raw) {
        int[] m = kernel.raw(k, 1);
        System.arraycopy(raw, 0, m, 0, m.length);
    }

    /** The outputs y_L (raw) of the last forward pass, infer or train. */
    public int[] lastOutputs() { return lastY.clone(); }

    /** Quantized input, outputs y_L in raw value units. */
    public int[] inferRaw(int[] x) {
        lastY = kernel.forward(x);
        return lastY.clone();
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
        int[] y = kernel.forward(x);
        lastY = y;
        double loss = 0;
        double lsb = Math.scalb(1.0, -num.valueFrac());
        for (int i = 0; i < outputError.length; i++) {
            long t = i == label ? num.valueOne() : 0;
            outputError[i] = (int) FixedPoint.saturateValue(y[i] - t, num);
            double d = (y[i] - t) * lsb;
            loss += 0.5 * d * d;
        }
        kernel.learn(outputError, sample);
        sample++;
        return loss;
    }

    @Override
    public double[] infer(double[] x) {
        int[] y = kernel.forward(quantize(x));
        lastY = y;
        double lsb = Math.scalb(1.0, -num.valueFrac());
        double[] out = new double[y.length];
        for (int i = 0; i < out.length; i++) out[i] = y[i] * lsb;
        return out;
    }

    @Override
    public double[] forwardWeights(int k) { return real(kernel.view(k, 0)); }

    @Override
    public double[] feedbackWeights(int k) {
        return switch (rule) {
            case BP -> Matrices.transpose(real(kernel.view(k, 0)), spec.fanOut(k), spec.fanIn(k));
            case SS -> {
                double[] t = Matrices.transpose(real(kernel.view(k, 0)), spec.fanOut(k), spec.fanIn(k));
                double mag = kernel.signUnit * Math.scalb(1.0, -num.weightFrac());
                for (int i = 0; i < t.length; i++) t[i] = Math.signum(t[i]) * mag;
                yield t;
            }
            case HSP -> Matrices.heteroFeedback(heteroWeights(k), feedbackNetwork(k), spec.fanIn(k),
                    spec.feedback().neurons(), spec.fanOut(k));
            default -> real(kernel.view(k, 1));
        };
    }

    @Override
    public double[] heteroWeights(int k) {
        int[] v = kernel.hetero(k);
        return v == null ? null : real(v);
    }

    @Override
    public double[] feedbackNetwork(int k) {
        int[] a = kernel.feedbackNetwork(k);
        return a == null ? null : real(a);
    }

    /**
     * Raw weights as signed 32-bit little-endian: W_0, then per layer k >= 1: W_k, then B_k if stored;
     * for hsp then V̄_1 .. V̄_{L-1} (A is fixed by the spec).
     */
    @Override
    public byte[] weightsDigest() {
        int[][] w = new int[layers][];
        int[][] b = new int[layers][];
        int[][] v = new int[layers][];
        for (int k = 0; k < layers; k++) {
            w[k] = kernel.view(k, 0);
            if (spec.hasFeedback(k)) b[k] = kernel.view(k, 1);
            v[k] = kernel.hetero(k);
        }
        return digest(w, b, v);
    }

    public static byte[] digest(int[][] forward, int[][] feedback) {
        return digest(forward, feedback, new int[forward.length][]);
    }

    /** {@code hetero[k]}: V̄_k or null, digested after all W and B. */
    public static byte[] digest(int[][] forward, int[][] feedback, int[][] hetero) {
        MessageDigest md = Matrices.sha256();
        for (int k = 0; k < forward.length; k++) {
            update(md, forward[k]);
            if (feedback[k] != null) update(md, feedback[k]);
        }
        for (int[] v : hetero) {
            if (v != null) update(md, v);
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
