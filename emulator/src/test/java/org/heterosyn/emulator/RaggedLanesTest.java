package org.heterosyn.emulator;

import org.heterosyn.manifest.Hierarchy;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.StateMap;
import org.heterosyn.protocol.Command;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Status;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.Rule;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lane counts that divide nothing (docs/architecture.md, "Ragged chunks"): a row's last chunk or a
 * layer's last row group has idle lanes. The cycle emulator must still equal the fast model at every
 * command boundary, for every rule, both roundings and both memory styles, and give the same bits on
 * every lane count. Seeds derive from {@code -Dheterosyn.raggedSeed} (printed).
 */
@Tag("unit")
class RaggedLanesTest {
    private static final long SEED = Long.getLong("heterosyn.raggedSeed", 20260508L);

    /**
     * Ragged last chunks of a row (10-5-4 on 2, 3 and 7 lanes, 7-5-3 on 2); 10-5-4 on 5 lanes tiles;
     * ragged last row groups (3-2-5 on 6 lanes in the output layer, 2-5-3 on 4 lanes in a hidden layer
     * whose idle rows land in padded slots that 2-5-3's second layer reads as padded columns).
     */
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(List.of(10, 5, 4), 2), Arguments.of(List.of(10, 5, 4), 3), Arguments.of(List.of(10, 5, 4), 5),
                Arguments.of(List.of(10, 5, 4), 7), Arguments.of(List.of(7, 5, 3), 2), Arguments.of(List.of(3, 2, 5), 6),
                Arguments.of(List.of(2, 5, 3), 4), Arguments.of(List.of(5, 7, 2, 3), 3));
    }

    @ParameterizedTest(name = "{0} lanes {1}")
    @MethodSource("shapes")
    void everyRuleRoundingAndMemoryEqualsTheFastModel(List<Integer> layers, int lanes) {
        long seed = SEED ^ layers.hashCode() * 31L ^ lanes;
        System.out.println("ragged " + layers + " lanes " + lanes + ": stream seed " + seed);
        SplittableRandom rng = new SplittableRandom(seed);
        for (Rule rule : Rule.hardware()) {
            for (Rounding r : Rounding.values()) {
                for (MemoryStyle m : MemoryStyle.values()) {
                    DesignSpec spec = new DesignSpec("ragged", layers, rule, Designs.numerics(rng.nextInt(4), r), lanes, m,
                            1 + rng.nextInt(1000));
                    CycleEmulatorPropertyTest.run(spec, rng.nextLong(), rng.nextBoolean() ? 100 : 40 + rng.nextInt(60), 20);
                }
            }
        }
    }

    /** 784-100-10 on 8 lanes: the second layer's rows of 100 end in a chunk of 4 live lanes. A short run per rule. */
    @Test
    void mnistSizedDesignOnEightLanes() {
        long seed = SEED + 784;
        System.out.println("ragged 784-100-10 lanes 8: stream seed " + seed);
        SplittableRandom rng = new SplittableRandom(seed);
        for (Rule rule : Rule.hardware()) {
            Rounding r = rule.ordinal() % 2 == 0 ? Rounding.STOCHASTIC : Rounding.NEAREST;
            // 78,400 + 1,000 (+ 1,000) weights do not fit the UP5K's SPRAM: generic memory only.
            DesignSpec spec = new DesignSpec("ragged-784", List.of(784, 100, 10), rule, Designs.numerics(0, r), 8,
                    MemoryStyle.GENERIC, 1 + rng.nextInt(1000));
            assertTrue(new Layout(spec).layer(1).ragged());
            CycleEmulatorPropertyTest.run(spec, rng.nextLong(), 100, 4);
        }
    }

    /** The same stream gives the same responses and weights on every lane count from 1 to fully parallel. */
    @Test
    void resultsDoNotDependOnLanes() {
        long seed = SEED + 1;
        System.out.println("ragged lanes invariance: stream seed " + seed);
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> layers = List.of(5, 4, 3);
        for (Rule rule : Rule.hardware()) {
            Rounding r = Rounding.values()[rng.nextInt(2)];
            MemoryStyle m = MemoryStyle.values()[rng.nextInt(2)];
            long stream = rng.nextLong();
            List<int[]> reference = null;
            for (int lanes = 1; lanes <= 5 * 4 + 4 * 3; lanes++) {
                DesignSpec spec = new DesignSpec("lanes", layers, rule, Designs.numerics(1, r), lanes, m, 3);
                List<int[]> got = CycleEmulatorPropertyTest.outcome(spec, stream);
                if (reference == null) {
                    reference = got;
                    continue;
                }
                assertEquals(reference.size(), got.size());
                for (int i = 0; i < got.size(); i++) {
                    assertArrayEquals(reference.get(i), got.get(i), Designs.describe(spec) + " differs from lanes 1 at item "
                            + i + ", stream seed " + stream);
                }
            }
        }
    }

    /**
     * Weight words that hold no synapse (idle lanes, lanes past a layer's used ones, SPRAM words past
     * the regions) power up arbitrary on an iCE40 SPRAM. Every weight word starts random here, the
     * host loads every synapse, and the results must still be the fast model's: idle lanes read
     * padded h_j = 0 or e_i = 0, and a ragged row group's idle rows never write h.
     */
    @ParameterizedTest(name = "{0} lanes {1}")
    @MethodSource("shapes")
    void weightWordsWithoutASynapseMayHoldAnything(List<Integer> layers, int lanes) {
        long seed = SEED + 2 + layers.hashCode() * 31L + lanes;
        System.out.println("ragged garbage " + layers + " lanes " + lanes + ": seed " + seed);
        SplittableRandom rng = new SplittableRandom(seed);
        for (Rule rule : Rule.hardware()) {
            for (MemoryStyle m : MemoryStyle.values()) {
                DesignSpec spec = new DesignSpec("garbage", layers, rule, Designs.numerics(rng.nextInt(4),
                        Rounding.values()[rng.nextInt(2)]), lanes, m, 1 + rng.nextInt(1000));
                CycleEmulator emu = new CycleEmulator(spec);
                int words = 0;
                for (StateMap.Mem mem : StateMap.memories(spec)) {
                    // Weight words only: value buffers are written before they are read, and the
                    // input table holds what the host loaded (0 at power-up, as the Oracle expects).
                    if (!mem.path().startsWith(Hierarchy.path(Hierarchy.WEIGHTS))) continue;
                    for (int i = 0; i < mem.depth(); i++) emu.depositMemory(mem.path(), i, rng.nextLong());
                    words += mem.depth();
                }
                assertTrue(words > 0);
                // Every synapse to 0, where the fast model starts; the other words keep their garbage.
                emu.reset(3);
                CommandRunner runner = new CommandRunner(emu);
                for (int k = 0; k < spec.weightLayers(); k++) {
                    for (int mat = 0; mat < (spec.hasFeedback(k) ? 2 : 1); mat++) {
                        int[] zeros = new int[spec.fanIn(k) * spec.fanOut(k)];
                        assertEquals(Status.OK.code(), (runner.run(new Command.LoadWeights(k, mat, 0, zeros).words())
                                .response()[0] >>> Header.ARG_SHIFT) & Header.FIELD8);
                    }
                }
                CycleEmulatorPropertyTest.run(emu, rng.nextLong(), 100, 20);
            }
        }
    }

    /** The shapes above really are ragged where they claim to be. */
    @Test
    void theShapesHaveIdleLanes() {
        List<String> ragged = new ArrayList<>();
        shapes().forEach(a -> {
            @SuppressWarnings("unchecked") // shapes() builds (List<Integer>, Integer) pairs
            List<Integer> layers = (List<Integer>) a.get()[0];
            Layout lay = new Layout(DesignSpec.tiny().withLayers(layers).withLanes((Integer) a.get()[1]));
            for (Layout.LayerLayout k : lay.layers()) {
                if (k.ragged()) ragged.add(layers + "/" + lay.lanes() + " W_" + k.k() + (k.rpc() == 1 ? " row" : " group"));
            }
        });
        assertEquals(List.of("[10, 5, 4]/2 W_1 row", "[10, 5, 4]/3 W_0 row", "[10, 5, 4]/3 W_1 row",
                "[10, 5, 4]/7 W_0 row", "[7, 5, 3]/2 W_0 row", "[7, 5, 3]/2 W_1 row", "[3, 2, 5]/6 W_1 group",
                "[2, 5, 3]/4 W_0 group", "[2, 5, 3]/4 W_1 row", "[5, 7, 2, 3]/3 W_0 row", "[5, 7, 2, 3]/3 W_1 row"), ragged);
    }
}
