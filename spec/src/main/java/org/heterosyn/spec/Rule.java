package org.heterosyn.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Learning rule modes: what the feedback weights are and how they learn (docs/rules.md). */
public enum Rule {
    /** Backprop reference: the feedback path reads W transposed (weight transport). */
    BP(false, false, false, true),
    /** Feedback alignment: B fixed random. */
    FA(true, false, false, true),
    /** Sign symmetry: B = sign(W^T) scaled by 2^-feedbackShift, derived from W on the fly. */
    SS(false, false, false, true),
    /** Kolen-Pollack / four-synapse motif: B plastic with the mirror update, W and B decay. */
    KP(true, true, true, true),
    /** Updated random feedback (Amit 2019): B plastic with W's increment mirrored, no decay (kp without decay). */
    URF(true, true, false, true),
    /**
     * Heterosynaptic gradient machine: a feedback network q = A e_L reaches every hidden dendrite through
     * plastic heterosynaptic weights V̄_k (Hebbian with decay); no B. Float reference and fast model only.
     */
    HSP(false, false, false, false);

    private final boolean storesFeedback;
    private final boolean plasticFeedback;
    private final boolean decays;
    private final boolean inHardware;

    Rule(boolean storesFeedback, boolean plasticFeedback, boolean decays, boolean inHardware) {
        this.storesFeedback = storesFeedback;
        this.plasticFeedback = plasticFeedback;
        this.decays = decays;
        this.inHardware = inHardware;
    }

    /** True when the RTL generator and the cycle emulator build this rule. */
    public boolean inHardware() { return inHardware; }

    /** The rules the hardware builds, in declaration order (cosim and lint draw from these). */
    public static List<Rule> hardware() {
        return Arrays.stream(values()).filter(Rule::inHardware).toList();
    }

    /** Throws the one-line refusal of a rule the hardware does not build; {@code what}: "generate", "emulate". */
    public void requireHardware(String what) {
        if (!inHardware) {
            throw new SpecException("rule " + id() + ": not in hardware yet (" + what + " refused; the float reference "
                    + "and the fast model run it: heterosyn train --engine reference|fast)");
        }
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
