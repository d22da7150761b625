package org.heterosyn.cli;

import org.heterosyn.data.DataChoice;
import org.heterosyn.data.Dataset;
import org.heterosyn.spec.DesignSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Which data a training run uses (the options of {@link DataChoice}). */
final class DataOptions {
    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = DataChoice.FASHION_MNIST,
            description = "fashion-mnist (IDX files) or teacher (a random teacher network). Default: ${DEFAULT-VALUE}.")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory of MNIST-format IDX files (gzip or plain). Default: /usr/share/datasets/fashion-mnist.")
    Path dataDir;

    @Option(names = "--limit", paramLabel = "N", description = "Train on the first N training samples only.")
    Integer limit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Test on the first N test samples only.")
    Integer testLimit;

    @Option(names = "--teacher-hidden", paramLabel = "N", defaultValue = "" + DataChoice.TEACHER_HIDDEN,
            description = "Teacher task: hidden units of the teacher network. Default: ${DEFAULT-VALUE}.")
    int teacherHidden;

    @Option(names = "--teacher-noise", paramLabel = "X", defaultValue = "" + DataChoice.TEACHER_NOISE,
            description = "Teacher task: std of Gaussian noise on the teacher's outputs. Default: ${DEFAULT-VALUE}.")
    double teacherNoise;

    @Option(names = "--teacher-train", paramLabel = "N", defaultValue = "" + DataChoice.TEACHER_TRAIN,
            description = "Teacher task: training samples. Default: ${DEFAULT-VALUE}.")
    int teacherTrain;

    @Option(names = "--teacher-test", paramLabel = "N", defaultValue = "" + DataChoice.TEACHER_TEST,
            description = "Teacher task: test samples. Default: ${DEFAULT-VALUE}.")
    int teacherTest;

    Dataset load(DesignSpec spec) {
        try {
            return choice().load(spec);
        } catch (IllegalArgumentException e) {
            // The same checks as a grid file's, worded for the command line (--dataset, --limit, ...).
            throw new IllegalArgumentException(e.getMessage().matches("^(dataset|limit|test limit):.*")
                    ? "--" + e.getMessage().replace("test limit", "test-limit") : e.getMessage(), e);
        }
    }

    DataChoice choice() {
        return new DataChoice(dataset, dataDir == null ? null : dataDir.toString(), limit, testLimit,
                teacherHidden, teacherNoise, teacherTrain, teacherTest);
    }
}
