package org.heterosyn.sweep;

import org.junit.jupiter.api.Assumptions;

/** Tests that need an outside tool are skipped, with the reason, where it is missing (CI installs it). */
final class Tools {
    private Tools() {}

    static void requireYosys() {
        Assumptions.assumeFalse(ToolVersions.YOSYS.get().equals("missing"), "the sweep's resource estimate needs Yosys");
    }
}
