package org.heterosyn.cli;

import org.heterosyn.board.Board;
import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.board.Boards;
import org.heterosyn.cosim.BoardBuild;
import org.heterosyn.driver.board.EmulatedBoard;
import org.heterosyn.driver.board.LineFaults;
import org.heterosyn.driver.board.Pty;
import org.heterosyn.driver.verilator.VerilatorModel;
import org.heterosyn.files.OutputDir;
import org.heterosyn.spec.DesignSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "emulate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Run a design's board top under Verilator behind a pseudo-terminal, so that the host code of a real board "
                + "can train on it: heterosyn train --device serial:/dev/pts/N --spec FILE.",
            "",
            "Generates the board design (board top and core, as generate --board does) into a temporary directory, builds "
                + "it with Verilator (cached), opens a pseudo-terminal and prints its path, /dev/pts/N, as the first line of "
                + "standard output (progress goes to standard error). The board powers up at the host's first byte and runs "
                + "until the host closes the port or Ctrl-C: bytes the host writes become uart_rx_i levels bit by bit, 8N1 "
                + "at the board's baud divisor, and uart_tx_o is decoded back into bytes. The simulation runs as fast as it "
                + "can, slower than the real board; it sleeps while the board is idle. At exit it prints the cycles run and "
                + "the faults injected.",
            "",
            "--faults injects, on each byte in each direction with probability RATE, a flipped bit, a dropped byte or a "
                + "duplicated byte (a third each), from a generator seeded by --fault-seed."},
        footer = {"", "Example: bin/heterosyn board emulate --spec spec/specs/default.json --faults 0.001",
            "         bin/heterosyn train --device serial:/dev/pts/3 --spec spec/specs/default.json --limit 500"})
final class BoardEmulateCommand implements Callable<Integer> {
    /** How long Ctrl-C waits for the board to stop and report. */
    private static final long STOP_SECONDS = 5;

    @Mixin SpecOptions specOptions;

    @Option(names = "--board", paramLabel = "BOARD", defaultValue = "icebreaker",
            description = "A name in fpga/boards/ or a board folder (iCE40 boards). Default: ${DEFAULT-VALUE}.")
    String board;

    @Option(names = "--faults", paramLabel = "RATE", defaultValue = "0",
            description = "Probability of a fault on each byte, each direction, in [0, 1]. Default: ${DEFAULT-VALUE}.")
    double faults;

    // Not --seed: that option (of --spec's mixin) overrides the design's own seed.
    @Option(names = "--fault-seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the fault generator (each direction has its own stream). Default: ${DEFAULT-VALUE}.")
    long faultSeed;

    @Option(names = "--timeout-cycles", paramLabel = "N",
            description = "The board's go-back timeout in cycles, a power of two. Default: the real board's, ${DEFAULT-VALUE}. "
                    + "It is there to outwait the host's latency, a wall-clock time, and the simulated clock runs tens of times "
                    + "slower than the board's: 2^17 keeps its wall-clock length near the real board's where faults make it "
                    + "matter (every board frame the host loses waits for it).")
    int timeoutCycles = BoardTopConfig.defaults().timeoutCycles();

    @Override
    public Integer call() throws Exception {
        LineFaults toBoard = new LineFaults(faults, faultSeed);
        LineFaults toHost = new LineFaults(faults, ~faultSeed);
        DesignSpec spec = specOptions.load();
        Board b = Boards.load(board);
        BoardTopConfig cfg = BoardTopConfig.defaults().withTimeoutCycles(timeoutCycles);
        Path work = Files.createTempDirectory("heterosyn-board-");
        CountDownLatch done = new CountDownLatch(1);
        try (VerilatorModel model = new VerilatorModel(BoardBuild.library(spec, b, cfg, work.resolve("design"), System.err));
             Pty pty = Pty.open()) {
            EmulatedBoard emulated = new EmulatedBoard(model, cfg, pty, toBoard, toHost);
            System.out.println(pty.slavePath());
            System.out.flush();
            System.err.printf(Locale.ROOT, "board %s: %s on %s, UART %d baud (divisor %d) at %.0f MHz, go-back after %d cycles, "
                    + "faults %s per byte%n", b.name(), spec.name(), pty.slavePath(), cfg.baud(), cfg.baudDivisor(), cfg.clockMhz(),
                    cfg.timeoutCycles(), faults);
            stopOnCtrlC(emulated, done);
            System.out.println("board: " + emulated.run().describe());
            System.out.flush();
        } finally {
            OutputDir.deleteTree(work);
            done.countDown();
        }
        return 0;
    }

    /**
     * Ctrl-C stops the board, then waits (the JVM halts when its shutdown hooks return) until the
     * report is printed and the model freed.
     */
    private static void stopOnCtrlC(EmulatedBoard emulated, CountDownLatch done) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulated.stop();
            try {
                done.await(STOP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }
}
