package org.heterosyn.testbenches;

import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.board.Boards;
import org.heterosyn.cosim.BoardBuild;
import org.heterosyn.data.Dataset;
import org.heterosyn.data.IdxReader;
import org.heterosyn.driver.Device;
import org.heterosyn.driver.DeviceEngine;
import org.heterosyn.driver.Devices;
import org.heterosyn.driver.board.EmulatedBoard;
import org.heterosyn.driver.board.LineFaults;
import org.heterosyn.driver.board.Pty;
import org.heterosyn.driver.verilator.VerilatorModel;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.SpecJson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Training samples/s of the link on the emulated board (scripts/board-emulated; docs/fpga.md): cycles
 * the board advanced per Fashion-MNIST sample trained through serial:/dev/pts/N, scaled to the board
 * clock. Two ways: one TRAIN per round trip (what `heterosyn train` does: it needs each loss before
 * the next sample), and all TRAINs in one stream (the host keeps the window full while the core
 * trains). A measurement, not a test. Arguments: [samples] [spec file], default 200 and the default spec.
 */
public final class EmulatedBoardRate {
    private EmulatedBoardRate() {}

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        DesignSpec spec = args.length > 1 ? SpecJson.read(Path.of(args[1])) : SpecJson.readDefault();
        BoardTopConfig cfg = BoardTopConfig.defaults();
        Dataset data = IdxReader.mnistDirectory(IdxReader.FASHION_MNIST, "fashion-mnist").limit(2 * samples, 1);
        Path work = Files.createTempDirectory("heterosyn-board-rate-");
        Path lib = BoardBuild.library(spec, Boards.load("icebreaker"), cfg, work.resolve("design"), System.err);
        try (VerilatorModel model = new VerilatorModel(lib); Pty pty = Pty.open()) {
            EmulatedBoard board = new EmulatedBoard(model, cfg, pty, new LineFaults(0, 1), new LineFaults(0, 2));
            CompletableFuture<EmulatedBoard.Summary> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return board.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Device dev = Devices.open("serial:" + pty.slavePath(), spec)) {
                DeviceEngine eng = new DeviceEngine(dev);
                long c0 = board.cycles();
                long t0 = System.nanoTime();
                for (int s = 0; s < samples; s++) eng.train(data.trainX().get(s), data.trainY()[s]);
                report("one TRAIN per round trip", samples, board.cycles() - c0, System.nanoTime() - t0, cfg);
                int[] words = IntStream.range(samples, 2 * samples)
                        .mapToObj(s -> DeviceEngine.trainCommand(spec.numerics(), data.trainX().get(s), data.trainY()[s]).words())
                        .flatMapToInt(Arrays::stream).toArray();
                long c1 = board.cycles();
                long t1 = System.nanoTime();
                dev.stream(words);
                report("TRAINs streamed", samples, board.cycles() - c1, System.nanoTime() - t1, cfg);
                System.out.printf(Locale.ROOT, "TRAIN_PACKED: %d words per sample%n", words.length / samples);
            }
            System.out.println("board: " + running.get(1, TimeUnit.MINUTES).describe());
        }
    }

    private static void report(String how, int samples, long cycles, long nanos, BoardTopConfig cfg) {
        double perSample = (double) cycles / samples;
        System.out.printf(Locale.ROOT, "%s: %d samples, %,d cycles, %,.0f cycles/sample -> %.0f samples/s at %.0f MHz "
                        + "(simulation: %.2f M cycles/s)%n", how, samples, cycles, perSample, cfg.clockMhz() * 1e6 / perSample,
                cfg.clockMhz(), cycles / (nanos / 1e3));
    }
}
