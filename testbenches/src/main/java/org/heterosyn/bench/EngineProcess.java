package org.heterosyn.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One engine's JVM, started with this JVM's class path and options (the vector module, the
 * collector, heap limits; no agents) and driven through {@link WorkerProtocol}. Its standard error
 * goes to a log file, quoted when it fails.
 */
final class EngineProcess implements AutoCloseable {
    /** The JDK's incubator module the fast model's vector kernel needs (docs/performance.md). */
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** Lines of the worker's log quoted in an error. */
    private static final int LOG_TAIL = 5;

    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;
    private final Path log;
    private final String engine;
    private final String name;

    /** Starts the worker and waits until it has built and warmed up its engine. */
    EngineProcess(EngineJob job, Path dir, List<String> extraJvmOptions) throws IOException {
        this.engine = job.engine();
        Files.createDirectories(job.workDir());
        Path jobFile = dir.resolve("job.bin");
        try (ObjectOutputStream o = new ObjectOutputStream(Files.newOutputStream(jobFile))) {
            o.writeObject(job);
        }
        log = dir.resolve("worker.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions());
        cmd.addAll(extraJvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), EngineWorker.class.getName(), jobFile.toString()));
        process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        name = reply(WorkerProtocol.READY)[1];
    }

    /** What runs, as the worker named it (fast/vector-256). */
    String name() { return name; }

    /** One round's samples: {nanoseconds, cycles} (cycles -1 without a clock). */
    long[] train(int count) throws IOException {
        in.println(WorkerProtocol.TRAIN + " " + count);
        String[] r = reply(WorkerProtocol.TRAINED);
        return new long[] {Long.parseLong(r[1]), Long.parseLong(r[2])};
    }

    /** Ends the run: {peak RSS in kB, digest or null}. */
    String[] finish() throws IOException {
        in.println(WorkerProtocol.FINISH);
        String[] r = reply(WorkerProtocol.FINISHED);
        return new String[] {r[1], r[2].equals(WorkerProtocol.NO_DIGEST) ? null : r[2]};
    }

    private String[] reply(String expected) throws IOException {
        String line = out.readLine();
        while (line != null && !line.startsWith(WorkerProtocol.PREFIX)) line = out.readLine();
        if (line != null) line = line.substring(WorkerProtocol.PREFIX.length());
        if (line != null && line.startsWith(expected + " ")) return line.split(" ");
        String why = line == null ? "exited without a reply" : line.startsWith(WorkerProtocol.ERROR + " ")
                ? line.substring(WorkerProtocol.ERROR.length() + 1) : "unexpected reply '" + line + "'";
        throw new IOException(engine + ": " + why + tail());
    }

    private String tail() {
        try {
            waitBriefly();
            List<String> lines = Files.readAllLines(log);
            if (lines.isEmpty()) return "";
            return " (its log ended: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - LOG_TAIL), lines.size())) + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private void waitBriefly() {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The options of this JVM a worker should share, so it runs the same kernel with the same collector. */
    static List<String> jvmOptions() {
        List<String> opts = new ArrayList<>();
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) opts.addAll(List.of("--add-modules", VECTOR_MODULE));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            boolean keep = a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-Xss") || a.matches("-XX:[+-]Use\\w*GC")
                    || a.startsWith("-Dheterosyn.") || a.startsWith("-Djna.") || a.startsWith("-Djava.library.path");
            if (keep) opts.add(a);
        }
        return opts;
    }

    @Override
    public void close() {
        in.close();
        waitBriefly();
        if (process.isAlive()) process.destroyForcibly();
    }
}
