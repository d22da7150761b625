package org.heterosyn.cosim;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;

/**
 * A test that needs an external tool is skipped, with the reason, when the tool is missing, except
 * when -Dheterosyn.requireTools=true (scripts/test, CI): there setup installed it, so absence fails.
 */
final class ExternalTool {
    private ExternalTool() {}

    static void require(String command) {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, command).canExecute()) found = true;
        }
        String reason = command + " is not on PATH (scripts/setup installs it)";
        if (Boolean.getBoolean("heterosyn.requireTools")) Assertions.assertTrue(found, reason);
        else Assumptions.assumeTrue(found, reason);
    }
}
