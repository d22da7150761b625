package org.heterosyn.sweep;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster on loopback: a master and workers as child JVMs, started from the
 * Spark jars on this JVM's classpath (no download, no Spark distribution), with this JVM's options
 * (the surefire argLine: what Spark needs opened). The workers launch executors as Spark does.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration START = Duration.ofSeconds(90);

    private final Path dir;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final int webPort;
    final String url;

    private StandaloneCluster(Path dir, int workerCount) throws Exception {
        this.dir = dir;
        int port = freePort();
        webPort = freePort();
        url = "spark://" + LOOPBACK + ":" + port;
        master = start(dir, "master", List.of("org.apache.spark.deploy.master.Master", "--host", LOOPBACK,
                "--port", "" + port, "--webui-port", "" + webPort));
        // Executors are built from SPARK_HOME/jars plus spark.executor.extraClassPath: an empty jars
        // directory stands in for a distribution's, the driver sends the classpath itself.
        Files.createDirectories(dir.resolve("spark-home/jars"));
        for (int i = 0; i < workerCount; i++) {
            workers.add(start(dir, "worker-" + i, List.of("org.apache.spark.deploy.worker.Worker", "--host", LOOPBACK,
                    "--cores", "1", "--memory", "1g", "--webui-port", "" + freePort(),
                    "--work-dir", dir.resolve("work-" + i).toString(), url)));
        }
        awaitWorkers(workerCount);
    }

    static StandaloneCluster start(Path dir, int workers) throws Exception {
        return new StandaloneCluster(dir, workers);
    }

    /** The settings a driver in this JVM needs to reach the cluster over loopback. */
    static Map<String, String> driverConf() {
        return Map.of("spark.driver.host", LOOPBACK, "spark.driver.bindAddress", LOOPBACK,
                "spark.executor.memory", "512m");
    }

    /** Kills worker i and everything it started (its executor and that one's tools), as a machine dies. */
    void killWorker(int i) {
        Process w = workers.get(i);
        w.descendants().forEach(ProcessHandle::destroyForcibly);
        w.destroyForcibly();
    }

    private Process start(Path dir, String name, List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-D") && !a.startsWith("-Dbasedir")).toList());
        cmd.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path")));
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
        // Outside a distribution the launcher asks for the Scala version instead of finding it in the build.
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", LOOPBACK);
        return pb.start();
    }

    private void awaitWorkers(int n) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!master.isAlive()) throw new IllegalStateException("the Spark master exited");
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + webPort + "/json/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (SweepTable.JSON.readTree(last).path("aliveworkers").asInt() == n) return;
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("fewer than " + n + " workers registered within " + START + ": " + last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(LOOPBACK, 0));
            return s.getLocalPort();
        }
    }

    /** The last lines of every log the cluster wrote (master, workers, executors): why a job failed. */
    String diagnostics() {
        StringBuilder sb = new StringBuilder();
        try (java.util.stream.Stream<Path> logs = Files.walk(dir)) {
            for (Path p : logs.filter(f -> f.toString().endsWith(".log") || f.endsWith("stderr")).sorted().toList()) {
                List<String> lines = Files.readAllLines(p);
                sb.append("== ").append(dir.relativize(p)).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))).append('\n');
            }
        } catch (IOException e) {
            sb.append("(cannot read the logs: ").append(e.getMessage()).append(")");
        }
        return sb.toString();
    }

    @Override
    public void close() {
        for (int i = 0; i < workers.size(); i++) killWorker(i);
        master.destroyForcibly();
    }
}
