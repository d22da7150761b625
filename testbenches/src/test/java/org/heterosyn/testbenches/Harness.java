package org.heterosyn.testbenches;

import org.heterosyn.protocol.HexWords;
import org.heterosyn.rtl.Generator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A generated design built with Verilator --exe around harness.cpp: a program that plays a raw
 * command-word file into heterosyn_top's valid/ready stream and writes the response words, each
 * with the cycle the host took it. Builds are cached in target/harness/<hash of sources, harness,
 * flags and Verilator version>, so equal designs build once per checkout.
 */
final class Harness {
    /** Deterministic model state: registers without reset start at 0, as the emulator assumes. */
    private static final List<String> FLAGS = List.of("--cc", "--exe", "--build", "-j", "2", "--no-timing",
            "--x-assign", "0", "--x-initial", "0", "-Wno-fatal", "-O3");
    private static final Path CACHE = Path.of("target", "harness").toAbsolutePath();
    private static final Pattern WORD = Pattern.compile("^([0-9a-f]{8})\\s+# cycle (\\d+)$");
    private static final long BUILD_SECONDS = 600;

    /** A response word and the cycle (after reset) in which the host took it. */
    record Word(int word, long cycle) {}

    private final Path exe;

    private Harness(Path exe) { this.exe = exe; }

    /** Builds (or reuses) the harness for the design generated into {@code design}. */
    static Harness build(Generator.Result design) throws IOException, InterruptedException {
        List<Path> sources = new ArrayList<>(design.sources());
        sources.addAll(design.simSources());
        byte[] harness = resource("harness.cpp");
        String key = hash(sources, harness);
        Path dir = CACHE.resolve(design.manifest().top() + "-" + key);
        Path exe = dir.resolve("obj").resolve("harness");
        if (Files.isExecutable(exe)) return new Harness(exe);
        Path tmp = Files.createTempDirectory(Files.createDirectories(CACHE), "build");
        Path cpp = tmp.resolve("harness.cpp");
        Files.write(cpp, harness);
        List<String> cmd = new ArrayList<>(List.of("verilator"));
        cmd.addAll(FLAGS);
        cmd.addAll(List.of("--top-module", design.manifest().top(), "-Mdir", tmp.resolve("obj").toString(), "-o", "harness",
                cpp.toString()));
        for (Path p : sources) cmd.add(p.toAbsolutePath().toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("build.log").toFile()).start();
        if (!p.waitFor(BUILD_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("verilator build did not finish in " + BUILD_SECONDS + " s: " + tmp);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("verilator build failed (" + tmp.resolve("build.log") + "):\n" + tail(tmp.resolve("build.log")));
        }
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Another run built the same key first; its build is as good as ours.
            if (!Files.isExecutable(exe)) throw e;
        }
        return new Harness(exe);
    }

    /** Plays {@code commands}; stallSeed >= 0 drops valid and ready at random. */
    List<Word> run(int[] commands, long stallSeed, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path in = work.resolve("cmd.hex");
        Path out = work.resolve("rsp.hex");
        HexWords.write(in, commands);
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), in.toString(), out.toString(), "--max-cycles", "50000000"));
        if (stallSeed >= 0) cmd.addAll(List.of("--stall", Long.toString(stallSeed)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(BUILD_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("harness did not finish: " + cmd);
        }
        if (p.exitValue() != 0) throw new AssertionError("harness failed (exit " + p.exitValue() + "): " + log);
        List<Word> words = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            Matcher m = WORD.matcher(line.strip());
            if (!m.matches()) throw new AssertionError("harness wrote '" + line + "'");
            words.add(new Word((int) Long.parseLong(m.group(1), 16), Long.parseLong(m.group(2))));
        }
        return words;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Harness.class.getResourceAsStream(name)) {
            if (in == null) throw new IOException("test resource " + name + " missing");
            return in.readAllBytes();
        }
    }

    private static String hash(List<Path> sources, byte[] harness) throws IOException, InterruptedException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path p : sources) {
                md.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(p));
            }
            md.update(harness);
            md.update(String.join(" ", FLAGS).getBytes(StandardCharsets.UTF_8));
            Process v = new ProcessBuilder("verilator", "--version").redirectErrorStream(true).start();
            md.update(v.getInputStream().readAllBytes());
            v.waitFor();
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
