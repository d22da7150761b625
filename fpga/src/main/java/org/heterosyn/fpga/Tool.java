package org.heterosyn.fpga;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The external programs of the open flow, each with the Debian package that installs it. */
public enum Tool {
    YOSYS("yosys", "yosys"),
    NEXTPNR_ICE40("nextpnr-ice40", "nextpnr-ice40"),
    ICEPACK("icepack", "fpga-icestorm"),
    ICEPROG("iceprog", "fpga-icestorm");

    public final String program;
    public final String aptPackage;

    Tool(String program, String aptPackage) {
        this.program = program;
        this.aptPackage = aptPackage;
    }

    /** The program on the PATH, if there is one. */
    public Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    public boolean installed() {
        return find().isPresent();
    }

    /** Fails, naming the package to install, when the program is missing. */
    public void require() {
        if (!installed())
            throw new FpgaException(program + " is not installed (not on the PATH); install it with: sudo apt-get install "
                    + aptPackage + " (or run scripts/setup)");
    }

    /**
     * Runs the program in {@code dir} with its output (stdout and stderr together) going to {@code log},
     * and returns that output. A non-zero exit fails with the log's last lines, where tools print why.
     */
    public String run(Path dir, List<String> args, Path log) {
        require();
        List<String> cmd = new ArrayList<>();
        cmd.add(program);
        cmd.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            int exit = p.waitFor();
            String out = Files.readString(log);
            if (exit != 0)
                throw new FpgaException(program + " failed (exit " + exit + "); log " + log + ", last lines:\n" + tail(out, 15));
            return out;
        } catch (IOException e) {
            throw new FpgaException("cannot run " + program + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FpgaException(program + " was interrupted", e);
        }
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
