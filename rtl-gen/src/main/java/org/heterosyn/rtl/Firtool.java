package org.heterosyn.rtl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs CIRCT firtool from the Maven artifact org.chipsalliance:llvm-firtool: the binary is a
 * classpath resource, unpacked once into a cache directory, so no network is needed at run time.
 */
public final class Firtool {
    private static final String BASE = "org.chipsalliance/llvm-firtool/";
    /**
     * Yosys 0.23 rejects the `automatic logic` locals and packed arrays firtool emits by default;
     * named values stay so waveforms show the _d/_q pairs; randomized initialisers and source
     * locators would only add noise that -Wall reports as unused.
     */
    public static final List<String> OPTIONS = List.of(
            "--lowering-options=disallowLocalVariables,disallowPackedArrays",
            "--preserve-values=named",
            "--disable-all-randomization",
            "--strip-debug-info",
            "--split-verilog");
    private static final long TIMEOUT_MINUTES = 10;
    /** The list of files --split-verilog writes (firtool's name; Generator rewrites it as DesignDir.FILELIST). */
    private static final String FIRTOOL_FILELIST = "filelist.f";

    private final Path binary;
    private final String version;

    private Firtool(Path binary, String version) {
        this.binary = binary;
        this.version = version;
    }

    /** The firtool of the llvm-firtool jar on the classpath, unpacked into the default cache. */
    public static Firtool fromClasspath() {
        return fromClasspath(defaultCache());
    }

    public static Firtool fromClasspath(Path cacheRoot) {
        String version = resourceText(BASE + "project.version").trim();
        String platform = platform();
        String resource = BASE + platform + "/bin/firtool";
        Path dir = cacheRoot.resolve("firtool-" + version);
        Path bin = dir.resolve("firtool");
        try {
            if (!Files.isExecutable(bin)) unpack(resource, dir, bin);
        } catch (IOException e) {
            throw new FirtoolException("cannot unpack firtool " + version + " into " + dir + ": " + e.getMessage());
        }
        Firtool f = new Firtool(bin, version);
        f.checkRuns();
        return f;
    }

    /** ~/.cache/heterosyn, or $XDG_CACHE_HOME/heterosyn, or the heterosyn.cache system property. */
    public static Path defaultCache() {
        String prop = System.getProperty("heterosyn.cache");
        if (prop != null) return Path.of(prop);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("heterosyn");
    }

    public String version() { return version; }

    public Path binary() { return binary; }

    /**
     * Lowers {@code fir} into one SystemVerilog file per module in {@code outDir}.
     * Returns the emitted .sv files in firtool's order (leaf modules first).
     */
    public List<Path> lower(Path fir, Path outDir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.add(fir.toString());
        cmd.addAll(OPTIONS);
        cmd.add("-o");
        cmd.add(outDir.toString());
        Result r = run(cmd);
        if (r.exit != 0) {
            throw new FirtoolException("firtool " + version + " failed (exit " + r.exit + ") on " + fir + ":\n" + r.output);
        }
        try {
            List<Path> files = new ArrayList<>();
            for (String line : Files.readAllLines(outDir.resolve(FIRTOOL_FILELIST))) {
                if (!line.isBlank()) files.add(outDir.resolve(line.trim()));
            }
            return files;
        } catch (IOException e) {
            throw new FirtoolException("firtool wrote no readable " + FIRTOOL_FILELIST + " in " + outDir + ": " + e.getMessage());
        }
    }

    private void checkRuns() {
        Result r = run(List.of(binary.toString(), "--version"));
        if (r.exit != 0 || !r.output.contains("firtool")) {
            throw new FirtoolException("firtool at " + binary + " does not run (exit " + r.exit + "): " + r.output.strip()
                    + "\nDelete " + binary.getParent() + " to unpack it again.");
        }
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new FirtoolException("firtool did not finish within " + TIMEOUT_MINUTES + " minutes: " + cmd);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new FirtoolException("cannot start " + cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FirtoolException("interrupted while running firtool");
        }
    }

    private static void unpack(String resource, Path dir, Path bin) throws IOException {
        Files.createDirectories(dir);
        // Unpack beside the target and rename, so concurrent first runs never see a half-written binary.
        Path tmp = Files.createTempFile(dir, "firtool", ".part");
        try (InputStream in = Firtool.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new FirtoolException("resource " + resource + " is not on the classpath; "
                        + "add the dependency org.chipsalliance:llvm-firtool");
            }
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            if (!tmp.toFile().setExecutable(true)) throw new IOException("cannot chmod +x " + tmp);
            try {
                Files.move(tmp, bin, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, bin, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        if (x64 && os.contains("linux")) return "linux-x64";
        if (x64 && os.contains("mac")) return "macos-x64";
        throw new FirtoolException("llvm-firtool ships no binary for " + os + "/" + arch + " (only linux-x64, macos-x64)");
    }

    private static String resourceText(String resource) {
        try (InputStream in = Firtool.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new FirtoolException("resource " + resource + " is not on the classpath; "
                        + "add the dependency org.chipsalliance:llvm-firtool");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FirtoolException("cannot read " + resource + ": " + e.getMessage());
        }
    }

    /** firtool is missing, cannot run, or rejected the circuit. */
    public static class FirtoolException extends RuntimeException {
        public FirtoolException(String message) { super(message); }
    }
}
