package org.heterosyn.testbenches;

import org.heterosyn.board.Board;
import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.board.Boards;
import org.heterosyn.cosim.BoardCosim;
import org.heterosyn.cosim.BoardEmulatorSide;
import org.heterosyn.cosim.BoardHost;
import org.heterosyn.cosim.VerilatorSide;
import org.heterosyn.cosim.WatchList;
import org.heterosyn.driver.DeviceEngine;
import org.heterosyn.driver.FastDevice;
import org.heterosyn.emulator.BoardEmulator;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.protocol.Command;
import org.heterosyn.rtl.Firtool;
import org.heterosyn.rtl.Generator;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Numerics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The board top of a tiny design in lockstep with its twin (docs/board-top.md), driven at its
 * pins by a bit-level UART host through link frames of real commands: the initial weights
 * (LOAD_WEIGHTS), TRAIN commands, and READ_WEIGHTS of every matrix. Every register and memory of
 * the board manifest and the output pins are compared every cycle; the responses, and so the
 * weights read back, must equal the fast model's. With bytes corrupted in both directions (a
 * length byte, payload bytes, the board's frames) the link recovers within one retransmission per
 * corruption.
 */
@Tag("cosim")
class BoardCosimTest {
    private static final int TRAINS = 4;
    /** Shortened from 2^21 so a go-back fits in a test; a generator parameter. */
    private static final BoardTopConfig CFG = BoardTopConfig.defaults().withTimeoutCycles(1 << 15).withErrLedCycles(1 << 12);
    private static final long HOST_TIMEOUT = 40_000;
    private static final long MAX_CYCLES = 2_000_000;
    private static Generator gen;

    @BeforeAll
    static void tools() {
        ExternalTool.require("verilator", "co-simulation needs Verilator 5.006 or later");
        gen = new Generator(Firtool.fromClasspath());
    }

    private static int[] commands(DesignSpec spec, long seed) {
        Random rnd = new Random(seed);
        List<Command> cmds = new ArrayList<>(DeviceEngine.initialCommands(spec));
        Numerics num = spec.numerics();
        int mask = (int) ((1L << num.valueBits()) - 1);
        for (int t = 0; t < TRAINS; t++) {
            int[] x = new int[spec.inputs()];
            for (int i = 0; i < x.length; i++) x[i] = (rnd.nextInt(1 << (num.valueFrac() + 1)) - (1 << num.valueFrac())) & mask;
            cmds.add(new Command.Train(rnd.nextInt(spec.outputs()), x));
        }
        for (int k = 0; k < spec.weightLayers(); k++) {
            int n = spec.fanIn(k) * spec.fanOut(k);
            cmds.add(new Command.ReadWeights(k, Command.MATRIX_W, 0, n));
            if (spec.hasFeedback(k)) cmds.add(new Command.ReadWeights(k, Command.MATRIX_B, 0, n));
        }
        return cmds.stream().flatMapToInt(c -> Arrays.stream(c.words())).toArray();
    }

    private static BoardCosim.Report run(Path dir, Set<Long> out, Set<Long> in) throws Exception {
        DesignSpec spec = DesignSpec.tiny();
        Board board = Boards.load("icebreaker");
        Generator.Result g = gen.runBoard(spec, board, CFG, dir.resolve("design"));
        Manifest m = g.manifest();
        Layout lay = new Layout(spec);
        WatchList watch = new WatchList(m, lay);
        int[] words = commands(spec, 11);
        int[] expected = new FastDevice("fast", spec).stream(words);
        BoardHost host = new BoardHost(words, CFG.baudDivisor(), HOST_TIMEOUT, out, in);
        BoardCosim.Report r = BoardCosim.run(m, lay, () -> new VerilatorSide(g.outDir(), m.top(), watch),
                () -> new BoardEmulatorSide(new BoardEmulator(spec, board, CFG), watch), host, expected.length, MAX_CYCLES, CFG);
        assertEquals(null, r.mismatch(), "RTL and twin differ");
        assertTrue(r.finished(), "the link did not deliver everything in " + r.cycles() + " cycles: " + host.responses().length
                + " of " + expected.length + " response words");
        assertArrayEquals(expected, host.responses(), "responses (and weights read back) equal the fast model's");
        return r;
    }

    @Test
    void cleanLinkRunsInLockstepAndMatchesTheFastModel(@TempDir Path dir) throws Exception {
        BoardCosim.Report r = run(dir, Set.of(), Set.of());
        assertEquals(0, r.host().goBacks(), "no retransmission on a clean line:\n" + r.host().events(40));
        assertEquals(0, r.host().badFramesFromBoard());
    }

    @Test
    void corruptedBytesCostOneRetransmissionEach(@TempDir Path dir) throws Exception {
        // Host to board: frame 0's length byte (caught by the header CRC) and a payload byte of the
        // go-back that follows; board to host: a byte of its first ACK and one of a DATA frame.
        Set<Long> out = Set.of(3L, 320L);
        Set<Long> in = Set.of(2L, 40L);
        BoardCosim.Report clean = run(dir.resolve("clean"), Set.of(), Set.of());
        BoardCosim.Report r = run(dir.resolve("faults"), out, in);
        // A lost ACK from the board also costs the host a go-back: at most one round per corruption.
        assertTrue(r.host().goBacks() >= 1 && r.host().goBacks() <= out.size() + in.size(),
                "host go-backs: " + r.host().goBacks() + "\n" + r.host().events(60));
        assertTrue(r.host().badFramesFromBoard() >= 1, "the corrupted board frames were seen and dropped");
        long budget = clean.cycles() + out.size() * (HOST_TIMEOUT + clean.cycles()) + in.size() * ((long) CFG.timeoutCycles() + clean.cycles());
        assertTrue(r.cycles() <= budget, "recovery took " + r.cycles() + " cycles, budget " + budget + "\n" + r.host().events(60));
        System.out.println("board cosim with faults: " + r.cycles() + " cycles (clean " + clean.cycles() + "), host go-backs "
                + r.host().goBacks() + ", board frames dropped by the host " + r.host().badFramesFromBoard()
                + ", board frames seen twice " + r.host().duplicatesFromBoard() + "\n" + r.host().events(60));
    }
}
