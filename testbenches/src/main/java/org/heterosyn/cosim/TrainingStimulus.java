package org.heterosyn.cosim;

import org.heterosyn.data.Dataset;
import org.heterosyn.driver.DeviceEngine;
import org.heterosyn.protocol.Command;
import org.heterosyn.spec.DesignSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The command stream of a real training run, as DeviceEngine sends it: the counter reset, the
 * initial weights, then one TRAIN command per training sample in file order.
 */
public final class TrainingStimulus implements CommandSource {
    private final DesignSpec spec;
    private final Dataset data;
    private int nextSample;
    private boolean started;

    public TrainingStimulus(DesignSpec spec, Dataset data) {
        this.spec = spec;
        this.data = data;
    }

    @Override
    public int[] next(int minWords) {
        List<int[]> parts = new ArrayList<>();
        int n = 0;
        if (!started) {
            started = true;
            for (Command c : DeviceEngine.initialCommands(spec)) parts.add(c.words());
            for (int[] p : parts) n += p.length;
        }
        while (n < minWords) {
            int s = nextSample++ % data.trainSize();
            int[] w = DeviceEngine.trainCommand(spec.numerics(), data.trainX().get(s), data.trainY()[s]).words();
            parts.add(w);
            n += w.length;
        }
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Training samples handed out so far. */
    public int samples() { return nextSample; }
}
