package org.heterosyn.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.heterosyn.data.Dataset;
import org.heterosyn.driver.DeviceEngine;
import org.heterosyn.files.IoReason;
import org.heterosyn.files.OutputDir;
import org.heterosyn.files.OutputException;
import org.heterosyn.driver.link.LinkDevice;
import org.heterosyn.learning.LearningEngine;
import org.heterosyn.learning.Trainer;
import org.heterosyn.spec.DesignSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Train a design's learning rule on a data set, one sample at a time, and measure it.",
            "",
            "Writes DIR/results.json (accuracy, loss, angle between B and W^T, cosine between the update and "
                + "the true gradient, phi, samples/s, SHA-256 of the final weights) and the curves DIR/accuracy.png "
                + "and DIR/alignment.png against training samples seen. See docs/results-format.md.",
            "",
            "DIR is written whole or not at all, by one run at a time; an existing DIR may hold only an earlier "
                + "run's results. See docs/reliability.md."},
        footer = {"", "Example: bin/heterosyn train --engine fast --epochs 3 --out out/fast-kp"})
final class TrainCommand implements Callable<Integer> {
    @Mixin SpecOptions specOptions;
    @Mixin DataOptions dataOptions;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "fast",
            description = "reference (float), fast (the fixed-point model of the hardware) or emu (the cycle-accurate "
                    + "emulator, through the command protocol). Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--device", paramLabel = "URI",
            description = "Train through the command protocol on a device instead: fast, or verilator:DIR (a generated "
                    + "design, built with Verilator on first use). Overrides --engine.")
    String device;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3", description = "Passes over the training set. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory. Default: out/train-<rule>-<engine>.")
    Path out;

    @Option(names = "--probe-every", paramLabel = "N", defaultValue = "100",
            description = "Measure the update-versus-gradient cosine every N samples. Default: ${DEFAULT-VALUE}.")
    int probeEvery;

    @Option(names = "--checkpoints", paramLabel = "N", defaultValue = "4",
            description = "Test-accuracy points per epoch for the curves. Default: ${DEFAULT-VALUE}.")
    int checkpoints;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        // --out first: a run that cannot write its results fails before it builds or trains anything.
        if (out != null) {
            try (OutputDir dir = OutputDir.open(out, TrainingReport.FILES::contains)) {
                LearningEngine eng = Engines.select(engine, device, specOptions);
                try {
                    return trainInto(dir, eng);
                } finally {
                    close(eng);
                }
            }
        }
        // The default directory is named after the rule, which a design directory carries itself.
        LearningEngine eng = Engines.select(engine, device, specOptions);
        try (OutputDir dir = OutputDir.open(Path.of("out", "train-" + eng.spec().rule().id() + "-" + eng.kind()),
                TrainingReport.FILES::contains)) {
            return trainInto(dir, eng);
        } finally {
            close(eng);
        }
    }

    private static void close(LearningEngine eng) {
        if (eng instanceof DeviceEngine d) {
            if (d.device() instanceof LinkDevice link) System.out.println("link: " + link.link().summary());
            d.device().close();
        }
    }

    private int trainInto(OutputDir dir, LearningEngine eng) {
        DesignSpec spec = eng.spec();
        Dataset data = dataOptions.load(spec);
        Trainer.Options opts = new Trainer.Options(epochs, probeEvery, checkpoints);
        System.out.printf(Locale.ROOT, "training %s (%s, rule %s) with the %s engine on %s: %d train / %d test samples, %d epochs%n",
                spec.name(), spec.layers(), spec.rule().id(), eng.kind(), data.name(), data.trainSize(),
                data.testSize(), epochs);
        Trainer.TrainingRun run = train(eng, data, opts, quiet);
        TrainingReport.printTable(System.out, eng, run);
        try {
            TrainingReport.write(dir.stage(), TrainingReport.results(eng, data, run), run,
                    spec.name() + " " + spec.rule().id() + " (" + eng.kind() + ")");
        } catch (IOException e) {  // a full disk, say: the user's to fix, and nothing of this run is left
            throw new OutputException("cannot write " + dir.target() + ": " + IoReason.of(e), e);
        }
        dir.commit();
        System.out.println("wrote " + dir.target().resolve(TrainingReport.RESULTS) + ", " + TrainingReport.ACCURACY + ", "
                + TrainingReport.ALIGNMENT);
        return 0;
    }

    /** Runs the trainer, with a progress bar on stderr unless quiet. */
    static Trainer.TrainingRun train(LearningEngine eng, Dataset data, Trainer.Options opts, boolean quiet) {
        if (quiet) return Trainer.run(eng, data, opts, (d, t) -> {});
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("train " + eng.kind())
                .setStyle(ProgressBarStyle.ASCII).setUnit(" samples", 1).setUpdateIntervalMillis(250)
                .continuousUpdate().build()) {
            return Trainer.run(eng, data, opts, new Trainer.Listener() {
                @Override
                public void progress(long done, long total) {
                    bar.maxHint(total);
                    bar.stepTo(done);
                }

                @Override
                public void epochDone(Trainer.EpochResult r) {
                    bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d: %.2f%%", r.epoch(), 100 * r.testAccuracy()));
                }
            });
        }
    }
}
