package org.heterosyn.bench;

import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.data.Dataset;
import org.heterosyn.driver.Device;
import org.heterosyn.driver.DeviceEngine;
import org.heterosyn.driver.Devices;
import org.heterosyn.driver.board.EmulatedBoard;
import org.heterosyn.driver.board.LineFaults;
import org.heterosyn.driver.board.Pty;
import org.heterosyn.driver.verilator.VerilatorModel;
import org.heterosyn.spec.DesignSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The emulated board as `heterosyn board emulate` runs it: the board top under Verilator behind a
 * pseudo-terminal on a thread of its own, trained by the real board's host code through
 * serial:/dev/pts/N. Its cycles are the board's clock cycles (the simulation of them).
 */
final class BoardBenchEngine implements BenchEngine {
    /** How long the board gets to stop once the host hung up. */
    private static final long STOP_SECONDS = 60;

    private final VerilatorModel model;
    private final Pty pty;
    private final EmulatedBoard board;
    private final Thread runner;
    private final Device device;
    private final DeviceEngine engine;
    private volatile Exception failure;

    /** @param library the board design's Verilator library (BoardBuild) */
    BoardBenchEngine(DesignSpec spec, Path library, BoardTopConfig cfg) throws IOException {
        model = new VerilatorModel(library);
        pty = Pty.open();
        board = new EmulatedBoard(model, cfg, pty, new LineFaults(0, 1), new LineFaults(0, 2));
        runner = new Thread(() -> {
            try {
                board.run();
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }, "emulated-board");
        runner.setDaemon(true);
        runner.start();
        device = Devices.open("serial:" + pty.slavePath(), spec);
        engine = new DeviceEngine(device);
    }

    @Override public String name() { return "board"; }

    @Override
    public long train(Dataset data, int from, int count) {
        long c0 = board.cycles();
        for (int s = from; s < from + count; s++) {
            int at = s % data.trainSize();
            engine.train(data.trainX().get(at), data.trainY()[at]);
        }
        if (failure != null) throw new IllegalStateException("emulated board: " + failure.getMessage(), failure);
        return board.cycles() - c0;
    }

    @Override public byte[] weightsDigest() { return engine.weightsDigest(); }

    /** Closing the port hangs up the pty, which ends the board's run; then the model is freed. */
    @Override
    public void close() {
        device.close();
        try {
            runner.join(TimeUnit.SECONDS.toMillis(STOP_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (runner.isAlive()) {
            board.stop();
            throw new IllegalStateException("emulated board: did not stop within " + STOP_SECONDS + " s of the host hanging up");
        }
        pty.close();
        model.close();
    }
}
