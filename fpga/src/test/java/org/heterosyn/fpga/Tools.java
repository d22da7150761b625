package org.heterosyn.fpga;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tools a test needs. Missing, the test is skipped with the package to install, except under
 * -Dheterosyn.requireTools=true (scripts/test, CI), where setup installed them and absence fails.
 */
final class Tools {
    private Tools() {}

    static void require(Tool... tools) {
        for (Tool t : tools) {
            String reason = t.program + " is not installed (apt-get install " + t.aptPackage + ")";
            if (Boolean.getBoolean("heterosyn.requireTools")) Assertions.assertTrue(t.installed(), reason);
            else Assumptions.assumeTrue(t.installed(), reason);
        }
    }
}
