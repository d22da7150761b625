package org.heterosyn.learning;

import org.heterosyn.data.Dataset;
import org.heterosyn.data.IdxReader;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.Rule;
import org.heterosyn.spec.SpecJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Files;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The fast model's hot loops on the default design (784-64-10, 16-bit), one kernel at a time:
 * {@code forward} is the forward pass of one Fashion-MNIST sample (section 6 of docs/numerics.md),
 * {@code learn} the rest of a train command (output error given: hidden errors and every update,
 * sections 8-10), {@code train} both through FastEngine, as `heterosyn bench` runs them. Run by
 * scripts/jmh (not part of the test run); docs/performance.md has the figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FastKernelBench {
    /** vector or scalar (FastKernel.create). */
    @Param({"vector", "scalar"})
    public String kernel;

    /** The default spec's rule, or another one (bp, fa, ss, kp, urf). */
    @Param({"kp"})
    public String rule;

    @Param({"stochastic"})
    public String rounding;

    private FastKernel k;
    private FastEngine engine;
    private int[][] inputs;
    private int[] labels;
    private int[] outputError;
    private int next;
    private int sample;

    @Setup
    public void setUp() {
        DesignSpec spec = SpecJson.readDefault().withRule(Rule.parse(rule));
        spec = spec.withNumerics(spec.numerics().withRounding(Rounding.parse(rounding)));
        k = FastKernel.create(spec, kernel);
        engine = new FastEngine(spec, kernel);
        inputs = new int[1000][];
        labels = new int[1000];
        if (Files.isDirectory(IdxReader.FASHION_MNIST)) {
            Dataset d = IdxReader.mnistDirectory(IdxReader.FASHION_MNIST, "fashion-mnist");
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = engine.quantize(d.trainX().get(i));
                labels[i] = d.trainY()[i];
            }
        } else {
            // Without the data set: pixels with Fashion-MNIST's share of zeros (about half).
            SplittableRandom rng = new SplittableRandom(1);
            for (int i = 0; i < inputs.length; i++) {
                double[] x = new double[spec.inputs()];
                for (int j = 0; j < x.length; j++) x[j] = rng.nextBoolean() ? 0 : rng.nextInt(256) / 255.0;
                inputs[i] = engine.quantize(x);
                labels[i] = rng.nextInt(spec.outputs());
            }
        }
        // A realistic output error: y - t after one forward pass.
        int[] y = k.forward(inputs[0]);
        outputError = new int[y.length];
        for (int i = 0; i < y.length; i++) outputError[i] = y[i] - (i == labels[0] ? 1 << spec.numerics().valueFrac() : 0);
        // Train a little so the weights, activations and errors look like a run's.
        for (int s = 0; s < 2000; s++) engine.trainRaw(inputs[s % inputs.length], labels[s % inputs.length]);
    }

    @Benchmark
    public int[] forward() {
        next = (next + 1) % inputs.length;
        return k.forward(inputs[next]);
    }

    /** After a forward pass on sample 0 (setUp): the same hidden errors and updates, sample after sample. */
    @Benchmark
    public void learn() {
        k.learn(outputError, sample++);
    }

    @Benchmark
    public double train() {
        next = (next + 1) % inputs.length;
        return engine.trainRaw(inputs[next], labels[next]);
    }
}
