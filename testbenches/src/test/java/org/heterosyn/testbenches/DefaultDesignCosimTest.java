package org.heterosyn.testbenches;

import org.heterosyn.driver.ByteInputs;
import org.heterosyn.numerics.InitialWeights;
import org.heterosyn.protocol.Header;
import org.heterosyn.rtl.Firtool;
import org.heterosyn.rtl.Generator;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.SpecJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The shipped default design (784-64-10, kp, stochastic rounding, 4 lanes, SPRAM weights) under
 * Verilator: its initial weights loaded, two train commands and an infer, then the same packed
 * through the Fashion-MNIST input table, every weight read back and compared with FastEngine, every
 * command's cycles with CycleModel.
 */
@Tag("cosim")
class DefaultDesignCosimTest {
    private static final int TRAINS = 2;

    @Test
    void defaultDesignTrainsBitExactly() throws Exception {
        ExternalTool.require("verilator", "co-simulation needs Verilator 5.006 or later");
        DesignSpec spec = SpecJson.readDefault();
        Path dir = Path.of("target", "cosim", "default");
        Playback rtl = Playback.of(new Generator(Firtool.fromClasspath()).run(spec, dir.resolve("rtl")));
        Script s = new Script(spec);
        for (int k = 0; k < spec.weightLayers(); k++) {
            for (int m = 0; m < (spec.hasFeedback(k) ? 2 : 1); m++) {
                int[] w = m == 0 ? InitialWeights.forward(spec, k) : InitialWeights.feedback(spec, k);
                for (int start = 0; start < w.length; start += Header.MAX_LENGTH) {
                    s.load(k, m, start, Arrays.copyOfRange(w, start, Math.min(w.length, start + Header.MAX_LENGTH)));
                }
            }
        }
        SplittableRandom rng = new SplittableRandom(3);
        s.setSample(0);
        for (int t = 0; t < TRAINS; t++) s.train(rng.nextInt(spec.outputs()), Script.inputs(spec, rng));
        s.infer(Script.inputs(spec, rng));
        s.loadTable(ByteInputs.table(spec.numerics()));
        for (int t = 0; t < TRAINS; t++) s.trainPacked(rng.nextInt(spec.outputs()), Script.codes(spec, rng));
        s.inferPacked(Script.codes(spec, rng));
        s.readAll();
        // A read from deep inside W_0 exercises the seek over rows and columns.
        s.read(0, 0, 40_000, 5);
        CosimTest.check(s, rtl.run(s.words()), true);
    }
}
