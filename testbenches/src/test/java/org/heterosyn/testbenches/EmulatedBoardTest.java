package org.heterosyn.testbenches;

import org.heterosyn.board.Board;
import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.board.Boards;
import org.heterosyn.cosim.BoardBuild;
import org.heterosyn.data.Dataset;
import org.heterosyn.data.TeacherStudent;
import org.heterosyn.driver.Device;
import org.heterosyn.driver.DeviceEngine;
import org.heterosyn.driver.Devices;
import org.heterosyn.driver.FastDevice;
import org.heterosyn.driver.board.EmulatedBoard;
import org.heterosyn.driver.board.LineFaults;
import org.heterosyn.driver.board.Pty;
import org.heterosyn.driver.link.LinkDevice;
import org.heterosyn.driver.verilator.VerilatorModel;
import org.heterosyn.learning.LearningEngine;
import org.heterosyn.spec.DesignSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The emulated board (docs/fpga.md, "The emulated board"): a small design's board top under
 * Verilator, bridged bit by bit to a pseudo-terminal, trained through `serial:/dev/pts/N` by the
 * unchanged host code of a real board (jSerialComm, link v2). Its weights must equal the fast
 * model's on the same samples, on a clean line and with faults on 1 byte in 1,000 each way, where
 * the driver must have sent frames again.
 */
@Tag("cosim")
class EmulatedBoardTest {
    private static final int SAMPLES = 300;
    private static final double FAULT_RATE = 1e-3;
    private static final long FAULT_SEED = 9;
    private static final DesignSpec SPEC = DesignSpec.tiny();
    private static final BoardTopConfig CFG = BoardTopConfig.defaults();
    private static final Dataset DATA = TeacherStudent.generate(SPEC.inputs(), 8, SPEC.outputs(), SAMPLES, 1, 0.1, 3);
    private static Path library;
    private static String fastDigest;

    /** What training through the emulated board gave. */
    private record Run(String digest, long retransmissions, EmulatedBoard.Summary board) {}

    @BeforeAll
    static void build(@TempDir Path dir) {
        ExternalTool.require("verilator", "the emulated board runs the board top under Verilator");
        Board board = Boards.load("icebreaker");
        library = BoardBuild.library(SPEC, board, CFG, dir.resolve("design"), System.out);
        try (Device fast = new FastDevice("fast", SPEC)) {
            fastDigest = train(new DeviceEngine(fast));
        }
    }

    private static String train(LearningEngine eng) {
        for (int s = 0; s < SAMPLES; s++) eng.train(DATA.trainX().get(s), DATA.trainY()[s]);
        return HexFormat.of().formatHex(eng.weightsDigest());
    }

    private static Run run(double rate) throws Exception {
        try (VerilatorModel model = new VerilatorModel(library); Pty pty = Pty.open()) {
            EmulatedBoard board = new EmulatedBoard(model, CFG, pty, new LineFaults(rate, FAULT_SEED), new LineFaults(rate, FAULT_SEED + 1));
            CompletableFuture<EmulatedBoard.Summary> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return board.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String digest;
            long resent;
            String link;
            long t0 = System.nanoTime();
            try (Device dev = Devices.open("serial:" + pty.slavePath(), SPEC)) {
                digest = train(new DeviceEngine(dev));
                resent = ((LinkDevice) dev).retransmissions();
                link = ((LinkDevice) dev).link().summary();
            } catch (RuntimeException | Error e) {
                board.stop();
                throw e;
            }
            // Closing the port hangs up the pty: that alone ends the board's run.
            EmulatedBoard.Summary s = running.get(1, TimeUnit.MINUTES);
            System.out.printf(Locale.ROOT, "emulated board, faults %s: %s (%.1f s); host: %s%n", rate, s.describe(),
                    (System.nanoTime() - t0) / 1e9, link);
            return new Run(digest, resent, s);
        }
    }

    @Test
    void cleanLineTrainsAsTheFastModel() throws Exception {
        Run r = run(0);
        assertEquals(fastDigest, r.digest(), "weights after " + SAMPLES + " samples through the emulated board");
        assertEquals(0, r.board().framingErrors(), "the bridge's UART decoded every byte the board sent");
    }

    @Test
    void faultyLineTrainsAsTheFastModelAndSendsFramesAgain() throws Exception {
        Run r = run(FAULT_RATE);
        assertTrue(r.board().toBoard().faults() > 0 && r.board().toHost().faults() > 0, "faults injected both ways: " + r.board().describe());
        assertEquals(fastDigest, r.digest(), "weights after " + SAMPLES + " samples through a faulty line");
        assertTrue(r.retransmissions() > 0, "the driver sent frames again");
    }
}
