package org.heterosyn.rtl;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An external program a test needs. Missing, the test is skipped with the reason, except under
 * -Dheterosyn.requireTools=true (scripts/test, CI), where setup installed it and absence fails.
 */
final class ExternalTool {
    record Run(int exit, String output) {}

    private ExternalTool() {}

    static void require(String program, String why) {
        boolean found;
        try {
            found = new ProcessBuilder(program, "-V").redirectErrorStream(true).start().waitFor() == 0
                    || new ProcessBuilder(program, "--version").redirectErrorStream(true).start().waitFor() == 0;
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

    static Run run(Path dir, List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd.get(0) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
