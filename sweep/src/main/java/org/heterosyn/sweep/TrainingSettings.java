package org.heterosyn.sweep;

import org.heterosyn.data.DataChoice;
import org.heterosyn.learning.Trainer;

import java.io.Serializable;

/** How every point of a sweep is trained: the data and the trainer's options (the `train` command's). */
public record TrainingSettings(DataChoice data, int epochs, int probeEvery) implements Serializable {
    public TrainingSettings {
        options(epochs, probeEvery);
    }

    /** One checkpoint per epoch: a sweep reports the end of training, not curves. */
    public Trainer.Options options() {
        return options(epochs, probeEvery);
    }

    private static Trainer.Options options(int epochs, int probeEvery) {
        return new Trainer.Options(epochs, probeEvery, 1);
    }

    /** Every field, in a fixed order: part of a point's key. */
    public String canonical() {
        return "data=" + data + ";epochs=" + epochs + ";probeEvery=" + probeEvery;
    }
}
