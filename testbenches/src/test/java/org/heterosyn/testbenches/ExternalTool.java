package org.heterosyn.testbenches;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;

/**
 * A program a test needs. Missing, the test is skipped with the reason, except under
 * -Dheterosyn.requireTools=true (scripts/test, CI), where setup installed it and absence fails.
 */
public final class ExternalTool {
    private ExternalTool() {}

    public static void require(String program, String why) {
        boolean found;
        try {
            found = new ProcessBuilder(program, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            found = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            found = false;
        }
        String reason = program + " is not installed; " + why;
        if (Boolean.getBoolean("heterosyn.requireTools")) Assertions.assertTrue(found, reason);
        else Assumptions.assumeTrue(found, reason);
    }
}
