package org.heterosyn.driver;

import org.heterosyn.learning.FastEngine;
import org.heterosyn.learning.LearningEngine;
import org.heterosyn.learning.Matrices;
import org.heterosyn.numerics.FixedPoint;
import org.heterosyn.numerics.InitialWeights;
import org.heterosyn.protocol.Command;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Param;
import org.heterosyn.protocol.Response;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Numerics;

import java.util.ArrayList;
import java.util.List;

/**
 * Trains through the command protocol: every step is a TRAIN command to a {@link Device} (TRAIN_PACKED
 * when the inputs are byte codes, {@link ByteInputs}), every weight the metrics look at is read back
 * with READ_WEIGHTS. What the device computes is exactly
 * what the hardware computes; this class only encodes, decodes and checks.
 */
public final class DeviceEngine implements LearningEngine {
    private final Device device;
    private final DesignSpec spec;
    private final Numerics num;

    /** Opens on a device and loads the spec's initial weights (docs/numerics.md, "Initial weights"). */
    public DeviceEngine(Device device) {
        this.device = device;
        this.spec = device.spec();
        this.num = spec.numerics();
        for (Response r : device.exchange(initialCommands(spec))) check(r, "initial load");
    }

    /**
     * What a training run sends first: the sample counter reset, the input table of byte-coded
     * inputs and the spec's initial weights.
     */
    public static List<Command> initialCommands(DesignSpec spec) {
        List<Command> init = new ArrayList<>();
        init.add(new Command.SetParam(Param.SAMPLE_COUNTER, 0));
        init.add(new Command.LoadInputTable(ByteInputs.table(spec.numerics())));
        int bits = spec.numerics().weightBits();
        for (int k = 0; k < spec.weightLayers(); k++) {
            load(init, k, Command.MATRIX_W, InitialWeights.forward(spec, k), bits);
            if (spec.hasFeedback(k)) load(init, k, Command.MATRIX_B, InitialWeights.feedback(spec, k), bits);
        }
        return init;
    }

    /** LOAD_WEIGHTS commands for a matrix: raw weights in the low weightBits bits of each word. */
    private static void load(List<Command> into, int k, int matrix, int[] raw, int bits) {
        int mask = (int) ((1L << bits) - 1);
        for (int start = 0; start < raw.length; start += Header.MAX_LENGTH) {
            int n = Math.min(Header.MAX_LENGTH, raw.length - start);
            int[] part = new int[n];
            for (int i = 0; i < n; i++) part[i] = raw[start + i] & mask;
            into.add(new Command.LoadWeights(k, matrix, start, part));
        }
    }

    public Device device() { return device; }

    @Override public DesignSpec spec() { return spec; }

    @Override public String kind() { return device.uri().split(":", 2)[0]; }

    @Override
    public double train(double[] x, int label) {
        Response r = device.exchange(trainCommand(num, x, label));
        check(r, "train");
        double lsb = Math.scalb(1.0, -num.valueFrac());
        double loss = 0;
        int[] y = r.payload();
        for (int i = 0; i < y.length; i++) {
            double d = signExtend(y[i], num.valueBits()) * lsb - (i == label ? 1 : 0);
            loss += 0.5 * d * d;
        }
        return loss;
    }

    @Override
    public double[] infer(double[] x) {
        Response r = device.exchange(inferCommand(num, x));
        check(r, "infer");
        double lsb = Math.scalb(1.0, -num.valueFrac());
        double[] y = new double[r.payload().length];
        for (int i = 0; i < y.length; i++) y[i] = signExtend(r.payload()[i], num.valueBits()) * lsb;
        return y;
    }

    /** Raw weights of one matrix, read back in READ_WEIGHTS chunks. */
    public int[] readRaw(int k, int matrix) {
        int n = spec.fanIn(k) * spec.fanOut(k);
        List<Command> reads = new ArrayList<>();
        for (int start = 0; start < n; start += Header.MAX_LENGTH) {
            reads.add(new Command.ReadWeights(k, matrix, start, Math.min(Header.MAX_LENGTH, n - start)));
        }
        int[] raw = new int[n];
        int at = 0;
        for (Response r : device.exchange(reads)) {
            check(r, "read weights");
            for (int v : r.payload()) raw[at++] = signExtend(v, num.weightBits());
        }
        return raw;
    }

    @Override
    public double[] forwardWeights(int k) { return real(readRaw(k, Command.MATRIX_W)); }

    @Override
    public double[] feedbackWeights(int k) {
        return switch (spec.rule()) {
            case BP -> Matrices.transpose(forwardWeights(k), spec.fanOut(k), spec.fanIn(k));
            case SS -> {
                double[] t = Matrices.transpose(forwardWeights(k), spec.fanOut(k), spec.fanIn(k));
                double mag = Math.scalb(1.0, -num.feedbackShift());
                for (int i = 0; i < t.length; i++) t[i] = Math.signum(t[i]) * mag;
                yield t;
            }
            default -> real(readRaw(k, Command.MATRIX_B));
        };
    }

    @Override
    public byte[] weightsDigest() {
        int[][] w = new int[spec.weightLayers()][];
        int[][] b = new int[spec.weightLayers()][];
        for (int k = 0; k < spec.weightLayers(); k++) {
            w[k] = readRaw(k, Command.MATRIX_W);
            if (spec.hasFeedback(k)) b[k] = readRaw(k, Command.MATRIX_B);
        }
        return FastEngine.digest(w, b);
    }

    /** The train command of a sample: packed when its inputs are byte codes, so a pixel costs a byte, not a word. */
    public static Command trainCommand(Numerics num, double[] x, int label) {
        int[] codes = ByteInputs.codes(x);
        return codes != null ? new Command.TrainPacked(label, codes) : new Command.Train(label, inputWords(num, x));
    }

    /** The infer command of a sample, packed like {@link #trainCommand}. */
    public static Command inferCommand(Numerics num, double[] x) {
        int[] codes = ByteInputs.codes(x);
        return codes != null ? new Command.InferPacked(codes) : new Command.Infer(inputWords(num, x));
    }

    /** Inputs as command words: quantized (docs/numerics.md) into the low valueBits bits. */
    public static int[] inputWords(Numerics num, double[] x) {
        int mask = (int) ((1L << num.valueBits()) - 1);
        int[] q = new int[x.length];
        for (int i = 0; i < x.length; i++) q[i] = (int) FixedPoint.quantizeValue(x[i], num) & mask;
        return q;
    }

    private double[] real(int[] raw) {
        double lsb = Math.scalb(1.0, -num.weightFrac());
        double[] d = new double[raw.length];
        for (int i = 0; i < raw.length; i++) d[i] = raw[i] * lsb;
        return d;
    }

    static int signExtend(int word, int bits) {
        return (word << (32 - bits)) >> (32 - bits);
    }

    private void check(Response r, String what) {
        if (!r.ok()) throw new DeviceException(device.uri() + ": " + what + " answered " + r.status());
    }
}
