package org.heterosyn.spec;

import org.heterosyn.numerics.DitherHash;

import java.util.List;

/**
 * One design: everything else (FIRRTL, SystemVerilog, emulator, driver, FPGA build) derives from it.
 *
 * <p>{@code layers} are the neuron counts n_0 (inputs) .. n_L (outputs). Weight layer k (0-based)
 * holds W_k of shape n_{k+1} x n_k; layers k >= 1 also have a feedback matrix B_k of shape
 * n_k x n_{k+1} (the error never travels back to the inputs, so B_0 does not exist).
 *
 * <p>{@code feedback} is rule hsp's feedback network and null for every other rule: hsp keeps no B but
 * a fixed A_k (N x n_{k+1}) and a plastic V̄_k (n_k x N) for each hidden neuron layer k = 1 .. L-1.
 */
public record DesignSpec(String name, List<Integer> layers, Rule rule, Numerics numerics,
                         int lanes, MemoryStyle memory, long seed, FeedbackNetwork feedback) {

    /** Row and column indices enter the dither hash as INDEX_BITS-wide fields. */
    public static final int MAX_NEURONS = (1 << DitherHash.INDEX_BITS) - 1;
    public static final long MAX_SEED = 0xFFFF_FFFFL;
    /** The name becomes a directory and file name: it may not start with '.' or '-' (".", "..", hidden, option-like). */
    public static final String NAME_PATTERN = "[A-Za-z0-9_][A-Za-z0-9_.-]*";
    public static final int MAX_NAME = 64;
    /**
     * Weights stored (W, and B where the rule keeps one) across all layers: memory depths, addresses
     * and the twins' weight arrays are Java ints.
     */
    public static final long MAX_WEIGHTS = Integer.MAX_VALUE;

    public DesignSpec {
        if (name == null || name.length() > MAX_NAME || !name.matches(NAME_PATTERN)) {
            throw new SpecException("name: '" + name + "' must be 1 to " + MAX_NAME + " letters, digits, '_', '.', '-', "
                    + "and start with a letter, digit or '_'");
        }
        if (layers == null || layers.size() < 2) {
            throw new SpecException("layers: need at least 2 sizes (inputs and outputs), got " + layers);
        }
        layers = List.copyOf(layers);
        for (int i = 0; i < layers.size(); i++) {
            Numerics.range("layers[" + i + "]", layers.get(i), 1, MAX_NEURONS);
        }
        if (rule == null) throw new SpecException("rule: missing");
        if (numerics == null) throw new SpecException("numerics: missing");
        if (memory == null) throw new SpecException("memory: missing");
        if (seed < 0 || seed > MAX_SEED) {
            throw new SpecException("seed: " + seed + " is out of range [0, " + MAX_SEED + "]");
        }
        if (rule == Rule.HSP && feedback == null) {
            throw new SpecException("feedback: required for rule hsp (e.g. \"feedback\": {\"neurons\": 5, \"density\": 1.0, \"seed\": 1})");
        }
        if (rule != Rule.HSP && feedback != null) {
            throw new SpecException("feedback: only rule hsp has a feedback network (rule is " + rule.id() + ")");
        }
        if (lanes < 1) throw new SpecException("lanes: " + lanes + " must be at least 1");
        long total = 0;
        for (int k = 0; k + 1 < layers.size(); k++) total += (long) layers.get(k) * layers.get(k + 1);
        if (lanes > total) {
            throw new SpecException("lanes: " + lanes + " exceeds the design's " + total
                    + " synapses; lanes = " + total + " is the fully parallel array");
        }
        long words = storedWeights(layers, rule) + heteroWeights(layers, feedback);
        if (words > MAX_WEIGHTS) {
            throw new SpecException("layers: " + layers + " store " + words + " weights; at most " + MAX_WEIGHTS
                    + " (2^31 - 1) fit the design's addresses");
        }
        // A spec describes hardware, not a part: the spram style is refused only where no SB_SPRAM256KA
        // word can hold a weight. How many blocks a design takes (lanes x blocks per lane) against how
        // many a board has is the FPGA flow's fit check (org.heterosyn.fpga.Fit, docs/spec.md): the same
        // design simulates with any number of blocks, and boards are data added after the spec is written.
        if (memory == MemoryStyle.SPRAM && numerics.weightBits() > Spram.WIDTH) {
            throw new SpecException("numerics.weightBits: " + numerics.weightBits()
                    + " exceeds the SPRAM word width " + Spram.WIDTH + " (memory: spram)");
        }
    }

    /** W of every layer, and B of those that keep one. */
    private static long storedWeights(List<Integer> layers, Rule rule) {
        long words = 0;
        for (int k = 0; k + 1 < layers.size(); k++) {
            words += (long) layers.get(k) * layers.get(k + 1) * (hasFeedback(rule, k) ? 2 : 1);
        }
        return words;
    }

    /** hsp's A_k (N x n_{k+1}) and V̄_k (n_k x N) for the hidden neuron layers; 0 without a feedback network. */
    private static long heteroWeights(List<Integer> layers, FeedbackNetwork f) {
        if (f == null) return 0;
        long words = 0;
        for (int k = 1; k + 1 < layers.size(); k++) words += (long) (layers.get(k) + layers.get(k + 1)) * f.neurons();
        return words;
    }

    private static boolean hasFeedback(Rule rule, int k) {
        return rule.storesFeedback() && k >= 1;
    }

    /** A design with the rule's default feedback network: none, or for hsp {@link FeedbackNetwork#defaults}. */
    public DesignSpec(String name, List<Integer> layers, Rule rule, Numerics numerics, int lanes, MemoryStyle memory,
                      long seed) {
        this(name, layers, rule, numerics, lanes, memory, seed, defaultFeedback(layers, rule, seed));
    }

    /** Null where the layers are too few to name the outputs: the canonical constructor then says so. */
    private static FeedbackNetwork defaultFeedback(List<Integer> layers, Rule rule, long seed) {
        if (rule != Rule.HSP || layers == null || layers.size() < 2 || layers.get(layers.size() - 1) == null) return null;
        int outputs = layers.get(layers.size() - 1);
        return outputs < 1 || seed < 0 || seed > MAX_SEED ? null : FeedbackNetwork.defaults(Math.min(outputs, MAX_NEURONS), seed);
    }

    /**
     * The shipped default (spec/specs/default.json): Fashion-MNIST 784-64-10 with the kp rule, weights
     * in SPRAM (one SB_SPRAM256KA per lane, the iCEBreaker's four).
     */
    public static DesignSpec fashionMnist() {
        return new DesignSpec("fmnist-kp", List.of(784, 64, 10), Rule.KP, Numerics.defaults(), 4, MemoryStyle.SPRAM, 1);
    }

    /** A 4-3-2 network small enough for the fully parallel array and exhaustive tests. */
    public static DesignSpec tiny() {
        return new DesignSpec("tiny-kp", List.of(4, 3, 2), Rule.KP, Numerics.defaults(), 1, MemoryStyle.GENERIC, 1);
    }

    public int weightLayers() { return layers.size() - 1; }

    public int fanIn(int k) { return layers.get(k); }

    public int fanOut(int k) { return layers.get(k + 1); }

    public int inputs() { return layers.get(0); }

    public int outputs() { return layers.get(layers.size() - 1); }

    /** True when weight layer k keeps its own feedback matrix B_k in memory. */
    public boolean hasFeedback(int k) { return hasFeedback(rule, k); }

    public long synapses() {
        long s = 0;
        for (int k = 0; k < weightLayers(); k++) s += (long) fanIn(k) * fanOut(k);
        return s;
    }

    /** hsp keeps this spec's feedback network or gets {@link FeedbackNetwork#defaults}; other rules drop it. */
    public DesignSpec withRule(Rule r) {
        FeedbackNetwork f = r != Rule.HSP ? null : feedback != null ? feedback : FeedbackNetwork.defaults(outputs(), seed);
        return new DesignSpec(name, layers, r, numerics, lanes, memory, seed, f);
    }

    public DesignSpec withFeedback(FeedbackNetwork f) {
        return new DesignSpec(name, layers, rule, numerics, lanes, memory, seed, f);
    }

    /** Hidden neuron layers k = 1 .. L-1 that receive hsp's teaching potential; 0 without a feedback network. */
    public int heteroLayers() { return feedback == null ? 0 : weightLayers() - 1; }

    public DesignSpec withLanes(int l) {
        return new DesignSpec(name, layers, rule, numerics, l, memory, seed, feedback);
    }

    public DesignSpec withNumerics(Numerics n) {
        return new DesignSpec(name, layers, rule, n, lanes, memory, seed, feedback);
    }

    public DesignSpec withSeed(long s) {
        return new DesignSpec(name, layers, rule, numerics, lanes, memory, s, feedback);
    }

    public DesignSpec withMemory(MemoryStyle m) {
        return new DesignSpec(name, layers, rule, numerics, lanes, m, seed, feedback);
    }

    public DesignSpec withName(String n) {
        return new DesignSpec(n, layers, rule, numerics, lanes, memory, seed, feedback);
    }

    public DesignSpec withLayers(List<Integer> sizes) {
        return new DesignSpec(name, sizes, rule, numerics, lanes, memory, seed, feedback);
    }
}
