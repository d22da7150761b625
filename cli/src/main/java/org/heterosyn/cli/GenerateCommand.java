package org.heterosyn.cli;

import org.heterosyn.board.Board;
import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.board.Boards;
import org.heterosyn.board.Ice40Pll;
import org.heterosyn.manifest.DesignDir;
import org.heterosyn.rtl.Firtool;
import org.heterosyn.rtl.Generator;
import org.heterosyn.spec.DesignSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Generate the hardware of a design: FIRRTL, SystemVerilog and the manifest.",
            "",
            "Writes DIR/" + DesignDir.FIR + " (Chisel-compatible FIRRTL), one SystemVerilog file per module (DIR/*.sv, "
                + "lowered by CIRCT firtool from Maven Central), DIR/" + DesignDir.FILELIST + ", DIR/" + DesignDir.LINT_WAIVERS
                + ", simulation models of FPGA primitives in DIR/" + DesignDir.SIM_MODELS + "/, and DIR/" + DesignDir.MANIFEST
                + " (ports, memories, named state, parameters, cycle counts; docs/architecture.md, docs/protocol.md), and last "
                + "DIR/" + DesignDir.STAMP + ", the SHA-256 of every other file: devices refuse a directory that no longer "
                + "matches it.",
            "",
            "DIR is written whole or not at all (built beside it, then swapped in), by one generate at a time; an "
                + "existing DIR may hold only an earlier design. See docs/reliability.md."},
        footer = {"", "Example: bin/heterosyn generate --spec spec/specs/default.json --out out/design",
            "         bin/heterosyn generate --spec spec/specs/default.json --board icebreaker --out out/board"})
final class GenerateCommand implements Callable<Integer> {
    @Mixin SpecOptions specOptions;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory (created if missing, replaced whole).")
    Path out;

    @Option(names = "--board", paramLabel = "BOARD",
            description = "Generate the board top (docs/board-top.md) around the core for this board (a name in fpga/boards/ "
                    + "or a board folder): PLL, UART, the framed link of docs/link.md, FIFOs. iCE40 boards only.")
    String board;

    @Option(names = "--clock-mhz", paramLabel = "MHZ", description = "Board top: design clock made by the PLL (default ${DEFAULT-VALUE}).")
    double clockMhz = BoardTopConfig.defaults().clockMhz();

    @Option(names = "--baud-divisor", paramLabel = "N",
            description = "Board top: clock cycles per UART bit, at least " + BoardTopConfig.MIN_DIVISOR + " (default ${DEFAULT-VALUE}).")
    int baudDivisor = BoardTopConfig.defaults().baudDivisor();

    @Override
    public Integer call() {
        DesignSpec spec = specOptions.load();
        if (board == null) {
            Generator.generate(spec, out);
            return 0;
        }
        Board b = Boards.load(board);
        BoardTopConfig cfg = BoardTopConfig.defaults().withClockMhz(clockMhz).withBaudDivisor(baudDivisor);
        Generator.Result r = new Generator(Firtool.fromClasspath()).runBoard(spec, b, cfg, out);
        Generator.print(r, System.out);
        Ice40Pll pll = Ice40Pll.of(b.oscillatorMhz(), cfg.clockMhz());
        if (pll.bypass()) {
            System.out.printf(Locale.ROOT, "board %s: no PLL, the %.3f MHz oscillator is the clock; UART %d baud (divisor %d)%n",
                    b.name(), b.oscillatorMhz(), Math.round(pll.outMhz() * 1e6 / cfg.baudDivisor()), cfg.baudDivisor());
            return 0;
        }
        System.out.printf(Locale.ROOT, "board %s: PLL %.3f MHz from the %.3f MHz oscillator (DIVR %d, DIVF %d, DIVQ %d, "
                        + "FILTER_RANGE %d), UART %d baud (divisor %d)%n", b.name(), pll.outMhz(), b.oscillatorMhz(), pll.divr(),
                pll.divf(), pll.divq(), pll.filterRange(), Math.round(pll.outMhz() * 1e6 / cfg.baudDivisor()), cfg.baudDivisor());
        if (Math.abs(pll.outMhz() - cfg.clockMhz()) > 1e-9) {
            System.out.printf(Locale.ROOT, "warning: the PLL makes %.3f MHz, not the %.3f MHz asked for%n", pll.outMhz(), cfg.clockMhz());
        }
        return 0;
    }
}
