package org.heterosyn.data;

import org.heterosyn.spec.DesignSpec;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Which data a training run uses, as the `train` command's options and a sweep's grid file name it:
 * Fashion-MNIST IDX files or the synthetic teacher task, cut to the first {@code limit} training and
 * {@code testLimit} test samples (null: all). Serializable so that a sweep can ship it to its workers.
 *
 * @param dataDir directory of the IDX files as a string (Path is not Serializable); null: {@link IdxReader#FASHION_MNIST}
 */
public record DataChoice(String dataset, String dataDir, Integer limit, Integer testLimit,
                         int teacherHidden, double teacherNoise, int teacherTrain, int teacherTest) implements Serializable {
    public static final String FASHION_MNIST = "fashion-mnist";
    public static final String TEACHER = "teacher";
    public static final int TEACHER_HIDDEN = 32;
    public static final double TEACHER_NOISE = 0.1;
    public static final int TEACHER_TRAIN = 20000;
    public static final int TEACHER_TEST = 2000;

    public DataChoice {
        if (!dataset.equals(FASHION_MNIST) && !dataset.equals(TEACHER)) {
            throw new IllegalArgumentException("dataset: unknown data set '" + dataset + "'; allowed: "
                    + FASHION_MNIST + ", " + TEACHER);
        }
        if (limit != null && limit < 1) throw new IllegalArgumentException("limit: must be at least 1, got " + limit);
        if (testLimit != null && testLimit < 1) throw new IllegalArgumentException("test limit: must be at least 1, got " + testLimit);
    }

    /** The data set for a design: the teacher task is drawn for its layer sizes from its seed. */
    public Dataset load(DesignSpec spec) {
        Dataset d = dataset.equals(TEACHER)
                ? TeacherStudent.generate(spec.inputs(), teacherHidden, spec.outputs(), teacherTrain, teacherTest,
                        teacherNoise, spec.seed())
                : IdxReader.mnistDirectory(dataDir == null ? IdxReader.FASHION_MNIST : Path.of(dataDir), FASHION_MNIST);
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
