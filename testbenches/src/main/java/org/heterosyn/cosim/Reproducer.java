package org.heterosyn.cosim;

import org.heterosyn.emulator.ClockedModel;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What a co-simulation mismatch leaves in its directory, whoever ran the co-simulation (the CLI, the
 * pipeline, a test): both sides replayed from reset with waveforms around the mismatch
 * ({@code rtl.vcd}, {@code emulator.vcd}), the command log ({@code commands.hex}), the design
 * ({@code spec.json}), {@code mismatch.txt}, and {@code rerun.sh}, which runs the same
 * co-simulation again with `heterosyn cosim` on that log.
 */
public final class Reproducer {
    static final String COMMANDS = "commands.hex";
    static final String SPEC = "spec.json";
    static final String RERUN = "rerun.sh";

    private Reproducer() {}

    /** Writes the mismatch directory of {@code o}; returns the files written. */
    static List<Path> write(DesignSpec spec, Cosim.Options o, CommandLog log, Cosim.Mismatch m,
                            Supplier<LockstepModel> rtl, Supplier<LockstepModel> emu) throws IOException {
        Path dir = o.mismatchDir();
        Files.createDirectories(dir);
        long from = Math.max(0, m.cycle() - o.window());
        long to = m.cycle() + o.window();
        List<Path> out = new ArrayList<>();
        for (Supplier<LockstepModel> side : List.of(rtl, emu)) out.add(waveform(side, o, log, from, to));
        Path commands = dir.resolve(COMMANDS);
        log.write(commands);
        out.add(commands);
        out.add(Files.writeString(dir.resolve("mismatch.txt"), m + "\nwaveforms: cycles " + from + " .. " + to
                + " (VCD time = 2 * cycle + 1 after the edge, cycles counted from the end of reset)\n"));
        out.add(Files.writeString(dir.resolve(SPEC), SpecJson.write(spec)));
        Path rerun = Files.writeString(dir.resolve(RERUN), rerunScript(o, m));
        if (!rerun.toFile().setExecutable(true)) throw new IOException("cannot make " + rerun + " executable");
        out.add(rerun);
        return out;
    }

    /**
     * The arguments of `heterosyn cosim` that replay the mismatch from inside its directory: the
     * logged commands at the logged cycles, the same back-pressure, up to the window after it.
     */
    public static List<String> rerunArguments(Cosim.Options o, Cosim.Mismatch m) {
        return List.of("cosim", "--spec", SPEC, "--commands", COMMANDS, "--cycles", Long.toString(m.cycle() + o.window()),
                "--seed", Long.toString(o.seed()), "--ready", Integer.toString(o.readyPercent()),
                "--window", Integer.toString(o.window()), "--wave", ".", "--design", "rtl");
    }

    private static String rerunScript(Cosim.Options o, Cosim.Mismatch m) {
        return String.format(Locale.ROOT, "#!/usr/bin/env bash%n# Replays this co-simulation mismatch (%s).%n"
                + "# Runs bin/heterosyn of a checkout: set HETEROSYN to its path if `heterosyn` is not on PATH.%n"
                + "cd \"$(dirname \"$0\")\" && exec \"${HETEROSYN:-heterosyn}\" %s%n", m, String.join(" ", rerunArguments(o, m)));
    }

    /** Replays one side from reset on the logged pushes, tracing cycles {@code from} to {@code to}. */
    private static Path waveform(Supplier<LockstepModel> open, Cosim.Options o, CommandLog log, long from, long to) {
        try (LockstepModel side = open.get()) {
            Cosim.start(side, o);
            side.record(false);
            ClockedModel x = side.model();
            Path vcd = o.mismatchDir().resolve(side.side() + ".vcd");
            long done = 0;
            int next = 0;
            boolean tracing = false;
            while (done < to) {
                while (next < log.batches() && log.cycle(next) <= done) x.push(log.batch(next++));
                long stop = Math.min(to, next < log.batches() ? log.cycle(next) : to);
                if (!tracing && from < stop) {
                    x.step(from - done);
                    done = from;
                    x.traceOpen(vcd);
                    tracing = true;
                }
                x.step(stop - done);
                done = stop;
            }
            x.traceClose();
            return vcd;
        }
    }
}
