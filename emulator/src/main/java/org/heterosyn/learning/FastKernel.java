package org.heterosyn.learning;

import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rule;

import java.util.Locale;

/**
 * The arithmetic of the fast model behind {@link FastEngine}: the forward pass, the hidden errors and
 * the weight updates of docs/numerics.md, sections 6-10. Two implementations compute the same bits:
 * {@link ScalarKernel} (plain Java, any format) and {@link VectorKernel} (JDK 17's incubator Vector
 * API, 16-bit storage). {@link #create} picks one when the engine is built and keeps it.
 *
 * <p>Matrices leave a kernel only row-major in int (W_k as n_{k+1} x n_k, B_k as n_k x n_{k+1}), the
 * order of docs/numerics.md; inside, a kernel may store them in any layout and width.
 */
abstract class FastKernel {
    /** System property that forces a kernel: {@code auto} (the default), {@code vector} or {@code scalar}. */
    static final String PROPERTY = "heterosyn.kernel";
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    final DesignSpec spec;
    final Numerics num;
    final Rule rule;
    final int layers;
    /** sign(W) * 2^(weightFrac - feedbackShift): the ss feedback in raw weight units. */
    final long signUnit;

    FastKernel(DesignSpec spec) {
        this.spec = spec;
        this.num = spec.numerics();
        this.rule = spec.rule();
        this.layers = spec.weightLayers();
        this.signUnit = 1L << (num.weightFrac() - num.feedbackShift());
    }

    /** "scalar", or "vector-" and the vector width in bits (e.g. "vector-256" on AVX2). */
    abstract String name();

    /**
     * Matrix m (0 = W_k, 1 = B_k) of weight layer k, row-major. The caller may read it and write raw
     * weights into it (LOAD_WEIGHTS does) until the next {@link #forward} or {@link #learn}; after that,
     * call again.
     */
    abstract int[] raw(int k, int m);

    /** Like {@link #raw} but read-only: a caller that only reads saves the kernel a reload. */
    abstract int[] view(int k, int m);

    /** hsp's V̄_k (n_k x N, row-major; writable like {@link #raw}), or null for other rules and kernels. */
    int[] hetero(int k) { return null; }

    /** hsp's fixed feedback network A_k (N x n_{k+1}, row-major) of hidden layer k, or null. */
    int[] feedbackNetwork(int k) { return null; }

    /** Section 6 on quantized inputs; returns y = h_L (the kernel's own array: read, do not keep). */
    abstract int[] forward(int[] x);

    /**
     * Step 3 of a train command (section 10) after {@link #forward}: hidden errors and every update,
     * layer L-1 down to 0, with the output error eOut and this command's sample number.
     */
    abstract void learn(int[] eOut, int sample);

    /** The kernel for a spec: {@code request} is auto, vector or scalar (vector fails when it cannot run). */
    static FastKernel create(DesignSpec spec, String request) {
        String r = request == null ? "auto" : request.trim().toLowerCase(Locale.ROOT);
        switch (r) {
            case "scalar":
                return new ScalarKernel(spec);
            case "vector": {
                String why = vectorUnavailable(spec);
                if (why != null) throw new IllegalArgumentException("kernel vector: " + why);
                return new VectorKernel(spec);
            }
            case "auto":
                return vectorUnavailable(spec) == null ? new VectorKernel(spec) : new ScalarKernel(spec);
            default:
                throw new IllegalArgumentException(PROPERTY + ": unknown kernel '" + request
                        + "'; allowed: auto, vector, scalar");
        }
    }

    /** The request of the {@value #PROPERTY} system property, "auto" when unset. */
    static String requested() {
        return System.getProperty(PROPERTY, "auto");
    }

    /** Null when {@link VectorKernel} can run this spec in this JVM, else the reason it cannot. */
    static String vectorUnavailable(DesignSpec spec) {
        // Checked before any class of the module is touched: without the module, loading VectorKernel
        // would fail with NoClassDefFoundError.
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return "the JVM was started without --add-modules " + VECTOR_MODULE;
        }
        if (spec.feedback() != null) return "rule " + spec.rule().id() + " runs on the scalar kernel only";
        String format = VectorKernel.formatUnsupported(spec.numerics(), spec.rule().decays());
        if (format != null) return format;
        try {
            return VectorKernel.machineUnsupported();
        } catch (LinkageError e) {
            return "the Vector API does not load: " + e;
        }
    }
}
