package org.heterosyn.cli;

import org.heterosyn.cosim.CommandLog;
import org.heterosyn.cosim.CommandSource;
import org.heterosyn.cosim.Cosim;
import org.heterosyn.cosim.CosimRunner;
import org.heterosyn.cosim.Stimulus;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.SpecJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "cosim", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Co-simulate the generated RTL (Verilator) against the cycle emulator in lockstep.",
            "",
            "Both get the same random command stream (valid commands of every kind mixed with malformed ones) "
                + "and the same back-pressure on the response stream. After every clock edge every register of "
                + "the manifest is compared (and every memory word on small designs; on large ones memories are "
                + "compared every 4096 cycles), and every response word. Each side digests its state natively after "
                + "every edge (the RTL's in the Verilator shim) and the two models run on two threads; a digest "
                + "difference is replayed from reset and compared word by word to name it (docs/cosim.md). "
                + "At the first difference it stops, prints "
                + "the cycle, the signal (for a weight: layer, matrix, row, column) and both values, and writes "
                + "waveforms of both sides around it, the command log and a rerun.sh that replays it (with "
                + "--commands) into --wave. Exit code 0 only when nothing differed."},
        footer = {"", "Example: bin/heterosyn cosim --spec spec/specs/tiny.json --cycles 1000000 --seed 3"})
final class CosimCommand implements Callable<Integer> {
    @Option(names = "--spec", paramLabel = "FILE", description = "Design spec (JSON). Default: the shipped spec/specs/default.json.")
    Path spec;

    @Option(names = "--cycles", paramLabel = "N", defaultValue = "1000000", description = "Cycles to compare. Default: ${DEFAULT-VALUE}.")
    long cycles;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "1", description = "Stimulus and back-pressure seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--ready", paramLabel = "PERCENT", defaultValue = "80",
            description = "Share of cycles the host takes a response word (back-pressure). Default: ${DEFAULT-VALUE}.")
    int ready;

    @Option(names = "--commands", paramLabel = "FILE",
            description = "Replay the command log of a mismatch directory (its commands.hex) instead of random commands.")
    Path commands;

    @Option(names = "--wave", paramLabel = "DIR", description = "Where a mismatch's waveforms and reproducer go. Default: out/cosim/<design>/mismatch.")
    Path wave;

    @Option(names = "--window", paramLabel = "N", defaultValue = "50",
            description = "Cycles of waveform before and after a mismatch. Default: ${DEFAULT-VALUE}.")
    int window;

    @Option(names = "--design", paramLabel = "DIR", description = "Where the RTL is generated. Default: out/cosim/<design>/rtl.")
    Path design;

    @Option(names = "--compare", paramLabel = "HOW", defaultValue = "digest",
            description = "digest (each side digests its state every cycle; the default) or full (every word of every "
                    + "sample compared in Java, one thread: the slower way, for measuring).")
    String compare;

    @Override
    public Integer call() throws Exception {
        DesignSpec spec = this.spec == null ? SpecJson.readDefault() : SpecJson.read(this.spec);
        Path base = Path.of("out", "cosim", spec.name());
        Path rtl = design != null ? design : base.resolve("rtl");
        Path waves = wave != null ? wave : base.resolve("mismatch");
        long t0 = System.nanoTime();
        Cosim.Options o = new Cosim.Options(cycles, seed, ready, waves, window);
        if (compare.equals("full")) o = o.with(Cosim.Compare.FULL, false);
        else if (!compare.equals("digest")) throw new IllegalArgumentException("--compare: digest or full, not " + compare);
        CommandSource source = commands == null ? new Stimulus(spec, seed) : CommandLog.read(commands).replay();
        Cosim.Report r = CosimRunner.run(spec, rtl, o, source);
        double s = (System.nanoTime() - t0) * 1e-9;
        if (r.passed()) {
            System.out.printf(Locale.ROOT, "cosim PASS: %s, %d cycles compared in lockstep (%d command words, %d response "
                    + "words), seed %d, %.1f s including generation and build (bench --cosim measures the speed)%n", spec.name(),
                    r.cyclesCompared(), r.commandWords(), r.responseWords(), seed, s);
            return 0;
        }
        System.out.printf(Locale.ROOT, "cosim FAIL: %s: %s%n", spec.name(), r.mismatch());
        System.out.println("waveforms and reproducer: " + r.reproducer().toAbsolutePath());
        for (Path p : r.files()) System.out.println("  " + p.getFileName());
        return 1;
    }
}
