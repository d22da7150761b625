package org.heterosyn.spec;

import java.util.Arrays;
import java.util.Locale;

/** Learning rule modes: what the feedback weights are and how they learn (docs/rules.md). */
public enum Rule {
    /** Backprop reference: the feedback path reads W transposed (weight transport). */
    BP(false, false, false),
    /** Feedback alignment: B fixed random. */
    FA(true, false, false),
    /** Sign symmetry: B = sign(W^T) scaled by 2^-feedbackShift, derived from W on the fly. */
    SS(false, false, false),
    /** Kolen-Pollack / four-synapse motif: B plastic with the mirror update, W and B decay. */
    KP(true, true, true),
    /** Heterosynaptic: amorphous random feedback V with its own heterosynaptic rule, no decay. */
    HSP(true, true, false);

    private final boolean storesFeedback;
    private final boolean plasticFeedback;
    private final boolean decays;

    Rule(boolean storesFeedback, boolean plasticFeedback, boolean decays) {
        this.storesFeedback = storesFeedback;
        this.plasticFeedback = plasticFeedback;
        this.decays = decays;
    }

    /** True when the feedback matrices B are held in their own memories. */
    public boolean storesFeedback() { return storesFeedback; }

    /** True when B is updated by the train command. */
    public boolean plasticFeedback() { return plasticFeedback; }

    /** True when the weight increments carry the decay term -eta*lambda*w. */
    public boolean decays() { return decays; }

    /** The lower-case name used in spec files and on the command line. */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Rule parse(String s) {
        for (Rule r : values()) {
            if (r.id().equals(s)) return r;
        }
        throw new SpecException("rule: unknown rule '" + s + "'; allowed: "
                + Arrays.stream(values()).map(Rule::id).toList());
    }
}
