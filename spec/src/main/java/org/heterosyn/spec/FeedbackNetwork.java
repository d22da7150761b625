package org.heterosyn.spec;

/**
 * The feedback network of rule hsp (docs/rules.md, "hsp"): for each hidden neuron layer k, a population
 * of {@code neurons} linear feedback neurons q_k = A_k e_{k+1}, where each connection of A_k exists
 * with probability {@code density}; {@code seed} draws the wiring, A's weights and the initial V̄.
 */
public record FeedbackNetwork(int neurons, double density, long seed) {
    /** Amorphous dense wiring: every feedback neuron hears every error node of its level. */
    public static final double DENSE = 1.0;

    public FeedbackNetwork {
        Numerics.range("feedback.neurons", neurons, 1, DesignSpec.MAX_NEURONS);
        // !(density > 0) and not density <= 0: NaN must fail too.
        if (!(density > 0) || density > DENSE) {
            throw new SpecException("feedback.density: " + density + " is out of range (0, 1]");
        }
        if (seed < 0 || seed > DesignSpec.MAX_SEED) {
            throw new SpecException("feedback.seed: " + seed + " is out of range [0, " + DesignSpec.MAX_SEED + "]");
        }
    }

    /** As many feedback neurons per population as outputs, dense, seeded like the design: what a bare "rule": "hsp" gets. */
    public static FeedbackNetwork defaults(int outputs, long seed) {
        return new FeedbackNetwork(outputs, DENSE, seed);
    }

    /**
     * Whether connection (neuron, output) of A exists: the init word of A's site read as unsigned and
     * compared with density * 2^32 (every connection exists at density 1).
     */
    public boolean connected(int initWord) {
        return density >= DENSE || (initWord & 0xFFFF_FFFFL) < (long) Math.floor(density * 0x1_0000_0000L);
    }
}
