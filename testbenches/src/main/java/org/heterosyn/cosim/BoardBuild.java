package org.heterosyn.cosim;

import org.heterosyn.board.Board;
import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.driver.verilator.VerilatorBuild;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.rtl.Firtool;
import org.heterosyn.rtl.Generator;
import org.heterosyn.spec.DesignSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The board design of a spec (board top and core, Generator.runBoard) built with Verilator for
 * speed, as `heterosyn board emulate` and its tests run it. The design is generated afresh each
 * time (generation follows the code); the library comes from VerilatorBuild's cache when the
 * SystemVerilog is unchanged.
 */
public final class BoardBuild {
    private BoardBuild() {}

    /** Generates into {@code designDir} and builds; returns the library (a VerilatorModel each); progress lines go to {@code log}. */
    public static Path library(DesignSpec spec, Board board, BoardTopConfig cfg, Path designDir, PrintStream log) {
        Generator.Result g = new Generator(Firtool.fromClasspath()).runBoard(spec, board, cfg, designDir);
        Generator.print(g, log);
        VerilatorBuild.Result b = VerilatorBuild.build(g.outDir(), Manifest.BOARD_TOP, VerilatorBuild.defaultCache());
        log.printf(Locale.ROOT, "verilator: %s %s in %.1f s%n", b.cached() ? "cached" : "built", b.library(), b.millis() / 1000.0);
        return b.library();
    }
}
