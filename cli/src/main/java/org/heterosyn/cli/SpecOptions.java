package org.heterosyn.cli;

import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.Rule;
import org.heterosyn.spec.SpecJson;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** --spec and the overrides every command that works on a design accepts. */
final class SpecOptions {
    @Option(names = "--spec", paramLabel = "FILE",
            description = "Design spec (JSON, see docs/spec.md). Default: the shipped spec/specs/default.json.")
    Path spec;

    @Option(names = "--rule", paramLabel = "RULE", description = "Override the spec's rule: bp, fa, ss, kp, urf or hsp.")
    String rule;

    @Option(names = "--rounding", paramLabel = "MODE", description = "Override the spec's rounding: nearest or stochastic.")
    String rounding;

    @Option(names = "--seed", paramLabel = "N", description = "Override the spec's seed (0 .. 2^32-1).")
    Long seed;

    @Option(names = "--eta-shift", paramLabel = "N", description = "Override the learning rate: eta = 2^-N.")
    Integer etaShift;

    @Option(names = "--decay-shift", paramLabel = "N", description = "Override the decay: lambda = 2^-N.")
    Integer decayShift;

    /** True when the command line names a spec or changes one; otherwise a device may supply its own. */
    boolean given() {
        return spec != null || rule != null || rounding != null || seed != null || etaShift != null || decayShift != null;
    }

    DesignSpec load() {
        DesignSpec s = spec == null ? SpecJson.readDefault() : SpecJson.read(spec);
        // The seed first: --rule hsp on a spec without a feedback network seeds that network with it.
        if (seed != null) s = s.withSeed(seed);
        if (rule != null) s = s.withRule(Rule.parse(rule));
        if (rounding != null) s = s.withNumerics(s.numerics().withRounding(Rounding.parse(rounding)));
        if (etaShift != null || decayShift != null) {
            Numerics n = s.numerics();
            s = s.withNumerics(n.withShifts(etaShift != null ? etaShift : n.etaShift(),
                    decayShift != null ? decayShift : n.decayShift()));
        }
        return s;
    }
}
