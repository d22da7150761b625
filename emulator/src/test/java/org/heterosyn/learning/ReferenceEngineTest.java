package org.heterosyn.learning;

import org.heterosyn.data.Dataset;
import org.heterosyn.data.TeacherStudent;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Rule;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gradient equivalence of the float reference (issue 2, "tests that prove gradient equivalence"). */
@Tag("unit")
class ReferenceEngineTest {
    private static final DesignSpec SMALL = DesignSpec.tiny().withLayers(List.of(6, 5, 4, 3));
    private static final Dataset TEACHER = TeacherStudent.generate(6, 8, 3, 400, 50, 0.1, 7);

    @Test
    void bpUpdateIsMinusEtaTimesFiniteDifferenceGradient() {
        DesignSpec spec = SMALL.withRule(Rule.BP);
        ReferenceEngine engine = new ReferenceEngine(spec);
        for (int s = 0; s < 20; s++) engine.train(TEACHER.trainX().get(s), TEACHER.trainY()[s]);
        double[] x = TEACHER.trainX().get(20);
        int label = TEACHER.trainY()[20];
        double eta = spec.numerics().eta();
        double[][] before = new double[spec.weightLayers()][];
        for (int k = 0; k < spec.weightLayers(); k++) before[k] = engine.forwardWeights(k);
        double[][] numeric = new double[spec.weightLayers()][];
        double h = 1e-6;
        for (int k = 0; k < spec.weightLayers(); k++) {
            numeric[k] = new double[before[k].length];
            for (int i = 0; i < before[k].length; i++) {
                double[] w = before[k].clone();
                w[i] += h;
                engine.setWeights(k, w, null);
                double up = loss(engine, x, label);
                w[i] -= 2 * h;
                engine.setWeights(k, w, null);
                double down = loss(engine, x, label);
                numeric[k][i] = (up - down) / (2 * h);
            }
            engine.setWeights(k, before[k], null);
        }
        engine.train(x, label);
        for (int k = 0; k < spec.weightLayers(); k++) {
            double[] after = engine.forwardWeights(k);
            for (int i = 0; i < after.length; i++) {
                double update = after[i] - before[k][i];
                assertEquals(-eta * numeric[k][i], update, 1e-8,
                        "layer " + k + " synapse " + i + ": update vs -eta * finite-difference gradient");
            }
        }
    }

    @Test
    void kpStartedFromTransposeGivesExactlyBackpropWithTheSameDecay() {
        ReferenceEngine kp = new ReferenceEngine(SMALL.withRule(Rule.KP));
        ReferenceEngine bp = new ReferenceEngine(SMALL.withRule(Rule.BP), true);
        for (int k = 0; k < SMALL.weightLayers(); k++) {
            double[] w = bp.forwardWeights(k);
            kp.setWeights(k, w, k >= 1 ? Matrices.transpose(w, SMALL.fanOut(k), SMALL.fanIn(k)) : null);
        }
        for (int s = 0; s < TEACHER.trainSize(); s++) {
            assertEquals(bp.train(TEACHER.trainX().get(s), TEACHER.trainY()[s]), kp.train(TEACHER.trainX().get(s), TEACHER.trainY()[s]));
        }
        for (int k = 0; k < SMALL.weightLayers(); k++) {
            assertArrayEquals(bp.forwardWeights(k), kp.forwardWeights(k), "W_" + k + " differs from bp's");
            if (k >= 1) {
                assertArrayEquals(Matrices.transpose(kp.forwardWeights(k), SMALL.fanOut(k), SMALL.fanIn(k)),
                        kp.feedbackWeights(k), "B_" + k + " left W^T");
            }
        }
    }

    @Test
    void kpMismatchDecaysByOneMinusEtaLambdaPerStep() {
        DesignSpec spec = SMALL.withRule(Rule.KP);
        ReferenceEngine kp = new ReferenceEngine(spec);
        double factor = 1 - spec.numerics().eta() * spec.numerics().lambda();
        double[][] mismatch = mismatch(kp);
        for (int s = 0; s < TEACHER.trainSize(); s++) {
            kp.train(TEACHER.trainX().get(s), TEACHER.trainY()[s]);
            double[][] next = mismatch(kp);
            for (int k = 1; k < spec.weightLayers(); k++) {
                for (int i = 0; i < next[k].length; i++) {
                    assertEquals(factor * mismatch[k][i], next[k][i], 1e-12, "layer " + k + " entry " + i + " step " + s);
                }
            }
            mismatch = next;
        }
        double[][] initial = mismatch(new ReferenceEngine(spec));
        double ratio = norm(mismatch[1]) / norm(initial[1]);
        assertEquals(Math.pow(factor, TEACHER.trainSize()), ratio, 1e-9);
    }

    @ParameterizedTest(name = "rule={0}")
    @EnumSource(Rule.class)
    void everyRuleLearnsTheTeacherTask(Rule rule) {
        Dataset data = TeacherStudent.generate(20, 16, 4, 6000, 1000, 0.05, 3);
        DesignSpec spec = DesignSpec.tiny().withLayers(List.of(20, 32, 4)).withRule(rule);
        for (LearningEngine e : new LearningEngine[] {new ReferenceEngine(spec), new FastEngine(spec)}) {
            double before = Trainer.accuracy(e, data);
            Trainer.TrainingRun run = Trainer.run(e, data, new Trainer.Options(2, 50, 1), (d, t) -> {});
            double after = run.epochs().get(1).testAccuracy();
            assertTrue(after > 0.6 && after > before + 0.2,
                    rule + " " + e.kind() + ": accuracy " + before + " -> " + after + " (chance 0.25)");
        }
    }

    private static double loss(LearningEngine e, double[] x, int label) {
        double[] y = e.infer(x);
        double l = 0;
        for (int i = 0; i < y.length; i++) {
            double d = y[i] - (i == label ? 1 : 0);
            l += 0.5 * d * d;
        }
        return l;
    }

    private static double[][] mismatch(ReferenceEngine e) {
        DesignSpec s = e.spec();
        double[][] m = new double[s.weightLayers()][];
        for (int k = 1; k < s.weightLayers(); k++) {
            double[] wt = Matrices.transpose(e.forwardWeights(k), s.fanOut(k), s.fanIn(k));
            double[] b = e.feedbackWeights(k);
            m[k] = new double[wt.length];
            for (int i = 0; i < wt.length; i++) m[k][i] = wt[i] - b[i];
        }
        return m;
    }

    private static double norm(double[] v) {
        return Math.sqrt(Matrices.dot(v, v));
    }
}
