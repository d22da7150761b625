package org.heterosyn.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Asks an outside tool for its version line. */
final class ExternalTools {
    static final String MISSING = "missing";

    private record Run(int exit, String output) {}

    private ExternalTools() {}

    private static Run run(Path dir, List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir == null ? null : dir.toFile()).redirectErrorStream(true).start();
        // Read before waiting: a tool that fills the pipe would otherwise block forever.
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish within " + timeoutSeconds + " s");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** The first line of `tool args`, or {@link #MISSING} when the tool cannot be run. */
    static String firstLine(String... command) {
        try {
            Run r = run(null, List.of(command), 30);
            String line = r.output().strip().lines().findFirst().orElse("");
            return r.exit() == 0 && !line.isEmpty() ? line : MISSING;
        } catch (IOException e) {
            return MISSING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MISSING;
        }
    }
}
