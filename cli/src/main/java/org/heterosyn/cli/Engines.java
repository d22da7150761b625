package org.heterosyn.cli;

import org.heterosyn.learning.FastEngine;
import org.heterosyn.learning.LearningEngine;
import org.heterosyn.learning.ReferenceEngine;
import org.heterosyn.spec.DesignSpec;

/** The engines `--engine` names. */
final class Engines {
    static final String NAMES = "reference, fast";

    private Engines() {}

    static LearningEngine create(String name, DesignSpec spec) {
        return switch (name) {
            case "reference" -> new ReferenceEngine(spec);
            case "fast" -> new FastEngine(spec);
            default -> throw new IllegalArgumentException("--engine: unknown engine '" + name + "'; allowed: " + NAMES);
        };
    }
}
