package org.heterosyn.bench;

import org.heterosyn.data.Dataset;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.SpecJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The process one engine runs in, so that its peak memory is its own (VmHWM of this process).
 * Speaks {@link WorkerProtocol} on standard input and output; everything else the engine prints
 * (generation, Verilator builds) goes to standard error. Started by {@link EngineProcess}.
 */
public final class EngineWorker {
    private EngineWorker() {}

    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);  // only protocol lines on the real stdout
        try {
            serve(readJob(Path.of(args[0])), protocol);
        } catch (Exception | Error e) {
            e.printStackTrace();
            protocol.println(WorkerProtocol.PREFIX + WorkerProtocol.ERROR + " " + oneLine(e));
            System.exit(1);
        }
        System.exit(0);
    }

    private static EngineJob readJob(Path file) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(file))) {
            return (EngineJob) in.readObject();
        }
    }

    private static void serve(EngineJob job, PrintStream out) throws IOException {
        DesignSpec spec = SpecJson.parse(job.specJson(), "bench job");
        Dataset data = job.data().load(spec);
        Supplier<BenchEngine> make = BenchEngines.open(job.engine(), spec, data, job.workDir(), System.err);
        if (job.warmup() > 0) {
            try (BenchEngine warm = make.get()) {
                warm.train(data, 0, job.warmup());
            }
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (BenchEngine eng = make.get()) {
            out.println(WorkerProtocol.PREFIX + WorkerProtocol.READY + " " + eng.name());
            int next = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] w = line.trim().split(" ");
                if (w[0].equals(WorkerProtocol.TRAIN)) {
                    int count = Integer.parseInt(w[1]);
                    long t0 = System.nanoTime();
                    long cycles = eng.train(data, next, count);
                    long nanos = System.nanoTime() - t0;
                    next += count;
                    out.println(WorkerProtocol.PREFIX + WorkerProtocol.TRAINED + " " + nanos + " " + cycles);
                } else if (w[0].equals(WorkerProtocol.FINISH)) {
                    byte[] d = eng.weightsDigest();
                    out.println(WorkerProtocol.PREFIX + WorkerProtocol.FINISHED + " " + WorkerProtocol.peakRssKb() + " "
                            + (d == null ? WorkerProtocol.NO_DIGEST : HexFormat.of().formatHex(d)));
                    return;
                } else {
                    throw new IllegalArgumentException("bench worker: unknown request '" + line + "'");
                }
            }
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.replace('\n', ' ');
    }
}
