package org.heterosyn.emulator;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import org.heterosyn.learning.FastEngine;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.Rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The cycle emulator against the fast model at every command boundary: responses, every weight, the
 * sample counter and (with the host always ready) each command's cycle count against CycleModel.
 */
@Tag("unit")
class CycleEmulatorPropertyTest {
    /** Random designs, random command streams with malformed commands, random back-pressure. */
    @Property(tries = 150)
    void emulatorEqualsFastModelAtEveryCommandBoundary(@ForAll long designSeed, @ForAll long streamSeed,
                                                       @ForAll @IntRange(min = 20, max = 100) int readyPercent) {
        DesignSpec spec = Designs.random(designSeed);
        run(spec, streamSeed, readyPercent, 25);
    }

    /**
     * Every rule, both roundings, every lanes value (one lane to fully parallel and past it), both
     * memory styles, on one shape: the sweep the random designs might miss.
     */
    @Property(tries = 1)
    void everyRuleRoundingLanesAndMemory(@ForAll long streamSeed) {
        List<Integer> layers = List.of(4, 2, 2);
        List<Integer> lanes = Designs.lanes(layers);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), lanes,
                "the sweep should cover 1 lane to fully parallel and beyond, ragged 3 included");
        for (Rule rule : Rule.hardware()) {
            for (Rounding r : Rounding.values()) {
                for (int l : lanes) {
                    for (MemoryStyle m : MemoryStyle.values()) {
                        DesignSpec spec = new DesignSpec("sweep", layers, rule, Designs.numerics(0, r), l, m, 7);
                        run(spec, streamSeed, 100, 12);
                    }
                }
            }
        }
    }

    /** The same stream on every lanes value and memory style gives the same responses and weights. */
    @Property(tries = 20)
    void resultsDoNotDependOnLanesOrMemory(@ForAll long streamSeed, @ForAll("hardwareRules") Rule rule,
                                           @ForAll boolean stochastic, @ForAll @IntRange(min = 0, max = 3) int format) {
        List<Integer> layers = List.of(6, 4, 2);
        Rounding r = stochastic ? Rounding.STOCHASTIC : Rounding.NEAREST;
        List<int[]> reference = null;
        String first = null;
        for (int l : Designs.lanes(layers)) {
            for (MemoryStyle m : MemoryStyle.values()) {
                DesignSpec spec = new DesignSpec("lanes", layers, rule, Designs.numerics(format, r), l, m, 3);
                List<int[]> got = outcome(spec, streamSeed);
                String label = "lanes " + l + " " + m.id();
                if (reference == null) {
                    reference = got;
                    first = label;
                    continue;
                }
                assertEquals(reference.size(), got.size());
                for (int i = 0; i < got.size(); i++) {
                    assertArrayEquals(reference.get(i), got.get(i), label + " differs from " + first + " at item " + i);
                }
            }
        }
    }

    @Provide
    Arbitrary<Rule> hardwareRules() {
        return Arbitraries.of(Rule.hardware());
    }

    /** Responses of a STATUS-free stream, then every matrix as the emulator holds it. */
    static List<int[]> outcome(DesignSpec spec, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Oracle oracle = new Oracle(spec);
        CycleEmulator emu = new CycleEmulator(spec);
        emu.reset(2);
        CommandRunner runner = new CommandRunner(emu);
        List<int[]> out = new ArrayList<>();
        oracle.randomWeights(rng, s -> runner.run(s.words()));
        for (int i = 0; i < 20; i++) out.add(runner.run(oracle.next(rng, false).words()).response());
        for (int k = 0; k < spec.weightLayers(); k++) {
            out.add(emu.weights(k, 0));
            if (spec.hasFeedback(k)) out.add(emu.weights(k, 1));
        }
        return out;
    }

    static void run(DesignSpec spec, long seed, int readyPercent, int commands) {
        run(new CycleEmulator(spec), seed, readyPercent, commands);
    }

    /**
     * Random weights loaded piecewise, then {@code commands} random commands, each checked against
     * the fast model at its boundary; {@code emu} may hold deposited state (no reset of memories).
     */
    static void run(CycleEmulator emu, long seed, int readyPercent, int commands) {
        DesignSpec spec = emu.spec();
        SplittableRandom rng = new SplittableRandom(seed);
        Oracle oracle = new Oracle(spec);
        emu.reset(3);
        emu.backpressure((int) seed | 1, readyPercent);
        CommandRunner runner = new CommandRunner(emu);
        String design = Designs.describe(spec) + ", ready " + readyPercent + "%, stream seed " + seed;
        int[] n = {0};
        java.util.function.Consumer<Oracle.Step> check = s -> {
            CommandRunner.Result r = runner.run(s.words());
            String where = design + ": command " + n[0]++ + " " + s.what();
            assertArrayEquals(s.expected(), r.response(), () -> where + ": response " + hex(r.response()) + ", expected "
                    + hex(s.expected()));
            assertState(emu, oracle.fast(), spec, where);
            if (readyPercent == 100) assertEquals(s.cycles(), r.cycles(), () -> where + ": cycles");
        };
        oracle.randomWeights(rng, check);
        for (int i = 0; i < commands; i++) check.accept(oracle.next(rng, true));
    }

    /** Every weight and the sample counter equal the fast model's. */
    static void assertState(CycleEmulator emu, FastEngine fast, DesignSpec spec, String where) {
        for (int k = 0; k < spec.weightLayers(); k++) {
            int layer = k;
            assertArrayEquals(fast.rawForward(k), emu.weights(k, 0), () -> where + ": W_" + layer);
            if (spec.hasFeedback(k)) assertArrayEquals(fast.rawFeedback(k), emu.weights(k, 1), () -> where + ": B_" + layer);
        }
        assertEquals(fast.sampleCount() & 0xFFFF_FFFFL, emu.state("u_ctrl.sample_q"), () -> where + ": sample counter");
    }

    private static String hex(int[] w) {
        return Arrays.stream(w).mapToObj(Integer::toHexString).toList().toString();
    }
}
