package org.heterosyn.driver.verilator;

import org.heterosyn.manifest.DesignDir;
import org.heterosyn.manifest.DesignStamp;
import org.heterosyn.manifest.Manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds a generated design with Verilator into a shared library holding the model and the C shim
 * (hs_shim.cpp), cached by a hash of the SystemVerilog, the shim, the Verilator version and the
 * flags. A cached library is never rebuilt or overwritten: a new build lands in a fresh directory
 * that is renamed into place, so a library some JVM has loaded stays as it is.
 */
public final class VerilatorBuild {
    /** Flags that change the built model; part of the cache key. */
    static final List<String> FLAGS = List.of(
            "--cc", "--exe", "--build",
            "--no-timing",               // pure RTL: no C++20 coroutines needed
            "-Wno-fatal",                // lint is a separate gate (verilator --lint-only -Wall)
            "-O3", "--x-assign", "fast", "--noassert",
            "--x-initial", "0",          // power-up zeros, as the cycle emulator assumes
            "--trace",                   // VCD on demand (hs_trace_open); costs little while off
            "-CFLAGS", "-fPIC -O2",
            "-LDFLAGS", "-shared");
    static final String LIBRARY = "libhs.so";
    private static final String SHIM = "hs_shim.cpp";
    private static final String CONFIG = "hs_watch.vlt";
    private static final long TIMEOUT_MINUTES = 20;

    /**
     * What a build is for: training speed, or every variable visible (--public-flat-rw, which keeps
     * every wire too and runs ~3x slower; a co-simulation watches only its state, {@link #buildWatching}).
     */
    public enum Variant {
        FAST(List.of()),
        COSIM(List.of("--public-flat-rw"));

        final List<String> flags;

        Variant(List<String> flags) { this.flags = flags; }
    }

    /** A built (or cached) library. */
    public record Result(Path library, boolean cached, long millis) {}

    private VerilatorBuild() {}

    /** The default cache: $HETEROSYN_CACHE or ~/.cache/heterosyn, then verilator/. */
    public static Path defaultCache() {
        String env = System.getenv("HETEROSYN_CACHE");
        Path root = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "heterosyn");
        return root.resolve("verilator");
    }

    /**
     * @param designDir a directory written by `heterosyn generate`: SystemVerilog files and filelist.f
     * @param top the top module's name
     */
    public static Result build(Path designDir, String top, Path cache) {
        return build(designDir, top, cache, Variant.FAST);
    }

    public static Result build(Path designDir, String top, Path cache, Variant variant) {
        return build(designDir, top, cache, variant.flags, "");
    }

    /**
     * A FAST build in which the named variables (a register's or memory array's name in its module,
     * e.g. "state_q", "Memory") can be found by scope and name ({@link VerilatorModel#watch}): a
     * Verilator config file marks them public_flat_rd in every module, so the rest of the design is
     * optimised as in a FAST build. A name also used by a variable that is not watched only makes
     * that one visible too.
     */
    public static Result buildWatching(Path designDir, String top, Path cache, Collection<String> variables) {
        StringBuilder vlt = new StringBuilder("`verilator_config\n");
        for (String v : new TreeSet<>(variables)) {
            if (!v.matches("[A-Za-z_][A-Za-z0-9_$]*")) throw new IllegalArgumentException("not a variable name: " + v);
            vlt.append("public_flat_rd -module \"*\" -var \"").append(v).append("\"\n");
        }
        return build(designDir, top, cache, Variant.FAST.flags, vlt.toString());
    }

    /** @param config a Verilator config file's text (empty: none), read before the sources */
    private static Result build(Path designDir, String top, Path cache, List<String> variantFlags, String config) {
        long t0 = System.nanoTime();
        DesignStamp.mismatch(designDir).ifPresent(why -> { throw new VerilatorException(why); });
        List<String> flags = new ArrayList<>(FLAGS);
        flags.addAll(variantFlags);
        List<Path> sources = sources(designDir);
        String shim = resource(SHIM);
        String header = "#include \"V" + top + ".h\"\ntypedef V" + top + " HsModel;\n"
                // A board top is driven at its pins (hs_shim.cpp's HS_BOARD cycle).
                + (top.equals(Manifest.BOARD_TOP) ? "#define HS_BOARD 1\n" : "");
        String version = verilatorVersion();
        String key = key(version, flags, top, shim, header + config, sources);
        Path dir = cache.resolve(key);
        Path lib = dir.resolve(LIBRARY);
        if (Files.isRegularFile(lib)) return new Result(lib, true, (System.nanoTime() - t0) / 1_000_000);
        try {
            Files.createDirectories(cache);
            try (FileChannel ch = FileChannel.open(cache.resolve(key + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                if (Files.isRegularFile(lib)) return new Result(lib, true, (System.nanoTime() - t0) / 1_000_000);
                Path work = Files.createTempDirectory(cache, key + ".build-");
                for (Path s : sources) Files.copy(s, work.resolve(s.getFileName().toString()));
                Files.writeString(work.resolve(SHIM), shim);
                Files.writeString(work.resolve("hs_model.h"), header);
                List<String> cmd = new ArrayList<>(List.of("verilator"));
                cmd.addAll(flags);
                if (!config.isEmpty()) cmd.add(Files.writeString(work.resolve(CONFIG), config).getFileName().toString());
                cmd.addAll(List.of("--top-module", top, "--Mdir", "obj", "-o", LIBRARY, "-j",
                        Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors()))));
                for (Path s : sources) cmd.add(s.getFileName().toString());
                cmd.add(SHIM);
                Path log = work.resolve("build.log");
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                // Verilator's makefiles compile through $OBJCACHE: with ccache, the runtime library and
                // any model compiled before are not compiled again (the output is the same either way).
                if (onPath("ccache")) pb.environment().putIfAbsent("OBJCACHE", "ccache");
                Process p = pb.start();
                if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new VerilatorException("verilator build of " + top + " took over " + TIMEOUT_MINUTES + " minutes; log: " + log);
                }
                if (p.exitValue() != 0 || !Files.isRegularFile(work.resolve("obj").resolve(LIBRARY))) {
                    throw new VerilatorException("verilator build of " + top + " failed (exit " + p.exitValue() + "):\n"
                            + tail(log) + "\nfull log: " + log + "\ncommand: " + String.join(" ", cmd));
                }
                Files.move(work.resolve("obj").resolve(LIBRARY), work.resolve(LIBRARY));
                Files.writeString(work.resolve("key.txt"), "verilator: " + version + "\nflags: " + flags + "\ntop: " + top + "\n"
                        + (config.isEmpty() ? "" : "config: " + CONFIG + "\n"));
                try {
                    Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(work, dir);
                }
                return new Result(lib, false, (System.nanoTime() - t0) / 1_000_000);
            }
        } catch (IOException e) {
            throw new VerilatorException("verilator build of " + top + " in " + cache + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerilatorException("verilator build interrupted", e);
        }
    }

    /**
     * The files of filelist.f (firtool's --split-verilog list), else every .sv/.v in the directory;
     * then the simulation models in sim/ (behavioural models of FPGA primitives such as
     * SB_SPRAM256KA, which synthesis maps to the real block instead).
     */
    static List<Path> sources(Path designDir) {
        Path list = designDir.resolve(DesignDir.FILELIST);
        try {
            List<Path> out = new ArrayList<>();
            if (Files.isRegularFile(list)) {
                for (String line : Files.readAllLines(list)) {
                    String f = line.trim();
                    if (f.isEmpty() || f.startsWith("//") || f.startsWith("-")) continue;
                    Path p = designDir.resolve(f);
                    if (!Files.isRegularFile(p)) throw new VerilatorException(list + " names " + f + ", which does not exist");
                    out.add(p);
                }
            } else {
                try (Stream<Path> s = Files.list(designDir)) {
                    s.filter(p -> p.toString().endsWith(".sv") || p.toString().endsWith(".v")).sorted().forEach(out::add);
                }
            }
            if (out.isEmpty()) throw new VerilatorException(designDir + " holds no SystemVerilog (run `heterosyn generate` first)");
            Path sim = designDir.resolve(DesignDir.SIM_MODELS);
            if (Files.isDirectory(sim)) {
                try (Stream<Path> s = Files.list(sim)) {
                    s.filter(p -> p.toString().endsWith(".sv") || p.toString().endsWith(".v")).sorted().forEach(out::add);
                }
            }
            return out;
        } catch (IOException e) {
            throw new VerilatorException(designDir + ": " + e.getMessage(), e);
        }
    }

    /** `verilator --version`, or a clear error when Verilator is missing. */
    public static String verilatorVersion() {
        try {
            Process p = new ProcessBuilder("verilator", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) throw new VerilatorException("`verilator --version` failed: " + out);
            return out;
        } catch (IOException e) {
            throw new VerilatorException("Verilator is not installed or not on PATH (scripts/setup installs it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerilatorException("interrupted", e);
        }
    }

    private static String key(String version, List<String> flags, String top, String shim, String header, List<Path> sources) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String s : List.of(version, String.join(" ", flags), top, shim, header)) {
                md.update(s.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            for (Path s : sources) {
                md.update(s.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(s));
            }
            return top + "-" + HexFormat.of().formatHex(md.digest(), 0, 12);
        } catch (IOException e) {
            throw new VerilatorException("cannot read sources: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = VerilatorBuild.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
