package org.heterosyn.cli;

import org.heterosyn.driver.CommandFraming;
import org.heterosyn.driver.Device;
import org.heterosyn.driver.Devices;
import org.heterosyn.files.IoReason;
import org.heterosyn.files.OutputException;
import org.heterosyn.protocol.HexWords;
import org.heterosyn.protocol.Response;
import org.heterosyn.spec.DesignSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Run a raw command file on a device and write the response words.",
            "",
            "Both files hold one 32-bit word per line in hex (up to 8 digits, optional 0x; '#' starts a comment; "
                + "blank lines are skipped). Each command gets exactly one response, malformed ones an error "
                + "response; see docs/protocol.md. The output file is written only when the whole run succeeds."},
        footer = {"", "Example: bin/heterosyn run --spec spec/specs/tiny.json --engine fast --in cmds.hex --out resp.hex"})
final class RunCommand implements Callable<Integer> {
    @Mixin SpecOptions specOptions;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "fast",
            description = "Short form of --device for in-process targets: fast, emu. Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--device", paramLabel = "URI", description = "Device URI: " + Devices.SCHEMES + ". Overrides --engine.")
    String device;

    @Option(names = "--in", paramLabel = "FILE", required = true, description = "Command words (hex, one per line).")
    Path in;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Response words (hex, one per line).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path parent = outParent();
        int[] words = HexWords.read(in);
        int commands = CommandFraming.count(words);
        String uri = device != null ? device : engine;
        DesignSpec spec = specOptions.given() || !uri.startsWith("verilator") ? specOptions.load() : null;
        try (Device dev = Devices.open(uri, spec)) {
            long c0 = dev.cycles();
            long t0 = System.nanoTime();
            int[] resp = dev.stream(words);
            double seconds = (System.nanoTime() - t0) * 1e-9;
            List<Response> rs = Response.parseAll(resp);
            long errors = rs.stream().filter(r -> !r.ok()).count();
            write(parent, resp);
            System.out.printf(Locale.ROOT, "%s: %d commands (%d words) -> %d responses (%d words), %d rejected%s, %.3f s%n",
                    dev.uri(), commands, words.length, rs.size(), resp.length, errors,
                    dev.cycles() >= 0 ? ", " + (dev.cycles() - c0) + " cycles" : "", seconds);
            System.out.println("wrote " + out);
        }
        return 0;
    }

    /** --out's directory, created and checked before any work: a run that cannot write its output does not start. */
    private Path outParent() throws IOException {
        if (Files.isDirectory(out)) throw new OutputException("--out: " + out + " is a directory, not a file");
        Path parent = out.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new OutputException("--out: cannot create the directory of " + out + ": " + IoReason.of(e), e);
        }
        if (!Files.isWritable(parent)) throw new OutputException("--out: cannot write in " + parent + ": permission denied");
        return parent;
    }

    /** Through a temporary file renamed over --out, so a failed write leaves neither a partial file nor the temporary. */
    private void write(Path parent, int[] resp) throws IOException {
        Path tmp = Files.createTempFile(parent, ".run-", ".hex");
        try {
            HexWords.write(tmp, resp);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
