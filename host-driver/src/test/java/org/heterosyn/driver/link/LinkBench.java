package org.heterosyn.driver.link;

import org.heterosyn.data.Dataset;
import org.heterosyn.data.TeacherStudent;
import org.heterosyn.driver.Device;
import org.heterosyn.driver.DeviceEngine;
import org.heterosyn.driver.Devices;
import org.heterosyn.driver.FastDevice;
import org.heterosyn.protocol.Command;
import org.heterosyn.spec.DesignSpec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of the link over TCP loopback (scripts/link-bench; docs/reliability-link.md): raw words/s
 * one way between two endpoints, and training samples/s through `serve` in front of the fast model,
 * one TRAIN per round trip and many TRAINs per stream call. A measurement, not a test.
 */
public final class LinkBench {
    private LinkBench() {}

    public static void main(String[] args) throws Exception {
        int words = args.length > 0 ? Integer.parseInt(args[0]) : 4_000_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        for (int round = 0; round < 2; round++) {
            String tag = round == 0 ? "warm-up" : "measured";
            System.out.printf(Locale.ROOT, "[%s] link words/s: %.0f%n", tag, wordsPerSecond(words));
            for (DesignSpec spec : List.of(DesignSpec.tiny(), DesignSpec.fashionMnist())) trainRates(tag, spec, samples);
        }
    }

    static double wordsPerSecond(int n) throws IOException, InterruptedException {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket a = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort());
             Socket b = ss.accept()) {
            a.setTcpNoDelay(true);
            b.setTcpNoDelay(true);
            try (LinkEndpoint tx = new LinkEndpoint("tx", a.getInputStream(), a.getOutputStream(), 1000, 8);
                 LinkEndpoint rx = new LinkEndpoint("rx", b.getInputStream(), b.getOutputStream(), 1000, 8)) {
                int[] chunk = new int[4096];
                long t0 = System.nanoTime();
                Thread sender = new Thread(() -> {
                    for (int sent = 0; sent < n; sent += chunk.length) tx.send(chunk);
                });
                sender.start();
                long got = 0;
                while (got < n) {
                    int[] w = rx.receive(10_000);
                    if (w == null) throw new IllegalStateException("link stalled at " + got + " words");
                    got += w.length;
                }
                sender.join();
                return got / ((System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /** The host end's link counters where the link has them (a stall on TCP would show as a probe or a retransmission). */
    private static String counters(Device dev) {
        try {
            Object link = dev.getClass().getMethod("link").invoke(dev);
            return "host link: " + link.getClass().getMethod("summary").invoke(link);
        } catch (ReflectiveOperationException e) {
            return "host link: no counters (link version 1)";
        }
    }

    static void trainRates(String tag, DesignSpec spec, int samples) throws Exception {
        int n0 = spec.layers().get(0);
        int classes = spec.layers().get(spec.layers().size() - 1);
        Dataset data = TeacherStudent.generate(n0, 8, classes, samples, 1, 0.1, 5);
        try (FastDevice board = new FastDevice("fast", spec); LinkServer server = new LinkServer(board, 0, 1000)) {
            Thread t = new Thread(server::serve);
            t.setDaemon(true);
            t.start();
            try (Device dev = Devices.open("tcp:127.0.0.1:" + server.port(), spec)) {
                DeviceEngine eng = new DeviceEngine(dev);
                long t0 = System.nanoTime();
                for (int s = 0; s < samples; s++) eng.train(data.trainX().get(s), data.trainY()[s]);
                double oneByOne = samples / ((System.nanoTime() - t0) / 1e9);
                List<Command> batch = new ArrayList<>();
                for (int s = 0; s < samples; s++) {
                    batch.add(new Command.Train(data.trainY()[s], DeviceEngine.inputWords(spec.numerics(), data.trainX().get(s))));
                }
                t0 = System.nanoTime();
                dev.exchange(batch);
                double streamed = samples / ((System.nanoTime() - t0) / 1e9);
                System.out.printf(Locale.ROOT, "[%s] %s %s: train samples/s one per round trip %.0f, streamed %.0f (%d words per TRAIN); %s%n",
                        tag, spec.name(), spec.layers(), oneByOne, streamed, batch.get(0).words().length, counters(dev));
            }
        }
    }
}
