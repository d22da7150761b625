package org.heterosyn.cli;

import org.heterosyn.data.Dataset;
import org.heterosyn.data.IdxReader;
import org.heterosyn.data.TeacherStudent;
import org.heterosyn.spec.DesignSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Which data a training run uses. */
final class DataOptions {
    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "fashion-mnist",
            description = "fashion-mnist (IDX files) or teacher (a random teacher network). Default: ${DEFAULT-VALUE}.")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory of MNIST-format IDX files (gzip or plain). Default: /usr/share/datasets/fashion-mnist.")
    Path dataDir;

    @Option(names = "--limit", paramLabel = "N", description = "Train on the first N training samples only.")
    Integer limit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Test on the first N test samples only.")
    Integer testLimit;

    @Option(names = "--teacher-hidden", paramLabel = "N", defaultValue = "32",
            description = "Teacher task: hidden units of the teacher network. Default: ${DEFAULT-VALUE}.")
    int teacherHidden;

    @Option(names = "--teacher-noise", paramLabel = "X", defaultValue = "0.1",
            description = "Teacher task: std of Gaussian noise on the teacher's outputs. Default: ${DEFAULT-VALUE}.")
    double teacherNoise;

    @Option(names = "--teacher-train", paramLabel = "N", defaultValue = "20000",
            description = "Teacher task: training samples. Default: ${DEFAULT-VALUE}.")
    int teacherTrain;

    @Option(names = "--teacher-test", paramLabel = "N", defaultValue = "2000",
            description = "Teacher task: test samples. Default: ${DEFAULT-VALUE}.")
    int teacherTest;

    Dataset load(DesignSpec spec) {
        if (limit != null && limit < 1) throw new IllegalArgumentException("--limit: must be at least 1, got " + limit);
        if (testLimit != null && testLimit < 1) throw new IllegalArgumentException("--test-limit: must be at least 1, got " + testLimit);
        Dataset d = switch (dataset) {
            case "fashion-mnist" -> IdxReader.mnistDirectory(dataDir == null ? IdxReader.FASHION_MNIST : dataDir, "fashion-mnist");
            case "teacher" -> TeacherStudent.generate(spec.inputs(), teacherHidden, spec.outputs(),
                    teacherTrain, teacherTest, teacherNoise, spec.seed());
            default -> throw new IllegalArgumentException("--dataset: unknown data set '" + dataset + "'; allowed: fashion-mnist, teacher");
        };
        if (d.inputs() != spec.inputs()) {
            throw new IllegalArgumentException("the data set has " + d.inputs() + " inputs but the spec's first layer has "
                    + spec.inputs());
        }
        if (d.classes() > spec.outputs()) {
            throw new IllegalArgumentException("the data set has " + d.classes() + " classes but the spec has only "
                    + spec.outputs() + " outputs");
        }
        return d.limit(limit == null ? Integer.MAX_VALUE : limit, testLimit == null ? Integer.MAX_VALUE : testLimit);
    }
}
