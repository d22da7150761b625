package org.heterosyn.driver;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.heterosyn.data.Dataset;
import org.heterosyn.data.TeacherStudent;
import org.heterosyn.learning.FastEngine;
import org.heterosyn.learning.Trainer;
import org.heterosyn.manifest.Layout;
import org.heterosyn.protocol.Command;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.PackedInputs;
import org.heterosyn.protocol.Param;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.Rule;
import org.heterosyn.spec.SpecException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The cycle emulator behind the protocol against the fast device: same words out for the same words in. */
@Tag("unit")
@net.jqwik.api.Tag("unit")
class EmuDeviceTest {
    private static final DesignSpec SPEC = DesignSpec.tiny().withLayers(List.of(6, 4, 3)).withLanes(2);

    @ParameterizedTest(name = "rule={0}")
    // hsp has no hardware and so no command protocol for its V̄ (Rule.hardware()).
    @EnumSource(value = Rule.class, names = "HSP", mode = EnumSource.Mode.EXCLUDE)
    void trainingThroughTheEmulatorEqualsTheFastModel(Rule rule) {
        DesignSpec spec = SPEC.withRule(rule).withMemory(rule.ordinal() % 2 == 0 ? MemoryStyle.SPRAM : MemoryStyle.GENERIC);
        Dataset data = TeacherStudent.generate(6, 4, 3, 150, 40, 0.1, 5);
        FastEngine direct = new FastEngine(spec);
        try (EmuDevice dev = new EmuDevice("emu", spec)) {
            DeviceEngine viaEmulator = new DeviceEngine(dev);
            Trainer.Options o = new Trainer.Options(1, 25, 2);
            Trainer.TrainingRun a = Trainer.run(direct, data, o, (d, t) -> {});
            Trainer.TrainingRun b = Trainer.run(viaEmulator, data, o, (d, t) -> {});
            assertEquals(HexFormat.of().formatHex(direct.weightsDigest()), HexFormat.of().formatHex(viaEmulator.weightsDigest()));
            assertEquals(a.epochs().get(0).testAccuracy(), b.epochs().get(0).testAccuracy());
            assertEquals(a.epochs().get(0).trainLoss(), b.epochs().get(0).trainLoss(), 0.0);
            assertEquals("emu", viaEmulator.kind());
        }
    }

    /** Pixels go packed through the emulator's input table; its weights are the fast model's on unpacked inputs. */
    @Test
    void byteCodedTrainingThroughTheEmulatorEqualsTheFastModel() {
        DesignSpec spec = SPEC.withRule(Rule.KP).withMemory(MemoryStyle.SPRAM);
        Dataset data = PixelData.random(6, 3, 60, 20, 5);
        FastEngine direct = new FastEngine(spec);
        try (EmuDevice dev = new EmuDevice("emu", spec)) {
            DeviceEngine viaEmulator = new DeviceEngine(dev);
            Trainer.Options o = new Trainer.Options(1, 25, 2);
            Trainer.TrainingRun a = Trainer.run(direct, data, o, (d, t) -> {});
            Trainer.TrainingRun b = Trainer.run(viaEmulator, data, o, (d, t) -> {});
            assertEquals(HexFormat.of().formatHex(direct.weightsDigest()), HexFormat.of().formatHex(viaEmulator.weightsDigest()));
            assertEquals(a.epochs().get(0).trainLoss(), b.epochs().get(0).trainLoss(), 0.0);
        }
    }

    /**
     * Whole batches of random words, well framed but with any opcode, arg and length, valid commands
     * mixed in, under random back-pressure: the emulator answers exactly as the fast device and ends
     * with the same weights, sample counter and command counters.
     */
    @Property(tries = 60)
    void randomWordStreamsGetTheFastDevicesResponses(@ForAll long seed, @ForAll @IntRange(min = 10, max = 100) int readyPercent) {
        SplittableRandom rng = new SplittableRandom(seed);
        DesignSpec spec = randomDesign(rng);
        try (EmuDevice emu = new EmuDevice("emu", spec); FastDevice fast = new FastDevice("fast", spec)) {
            emu.emulator().backpressure((int) seed | 1, readyPercent);
            // The hardware's memories start at zero, the fast model at the initial weights: load those into both.
            List<Command> init = DeviceEngine.initialCommands(spec);
            assertEquals(fast.exchange(init), emu.exchange(init));
            for (int batch = 0; batch < 3; batch++) {
                int[] words = stream(spec, rng, 12);
                String where = spec.layers() + " " + spec.rule().id() + " " + spec.numerics().rounding().id() + " lanes "
                        + spec.lanes() + " " + spec.memory().id() + " ready " + readyPercent + "%, batch " + batch;
                assertArrayEquals(fast.stream(words), emu.stream(words), where);
                int[] status = new Command.StatusRequest().words();
                assertArrayEquals(fast.stream(status), emu.stream(status), where + ": status");
                for (int k = 0; k < spec.weightLayers(); k++) {
                    assertArrayEquals(fast.engine().rawForward(k), emu.emulator().weights(k, 0), where + ": W_" + k);
                    if (spec.hasFeedback(k)) {
                        assertArrayEquals(fast.engine().rawFeedback(k), emu.emulator().weights(k, 1), where + ": B_" + k);
                    }
                }
            }
            assertEquals(-1, fast.cycles());
            assertEquals(true, emu.cycles() > 0);
        }
    }

    @Test
    void openedByUri() {
        try (Device d = Devices.open("emu", SPEC)) {
            assertEquals("emu", d.uri());
            assertEquals(SPEC, d.spec());
            assertEquals(true, d instanceof EmuDevice);
        }
        assertThrows(DeviceException.class, () -> Devices.open("emu", null));
    }

    private static DesignSpec randomDesign(SplittableRandom rng) {
        while (true) {
            List<Integer> layers = new ArrayList<>();
            int n = 2 + rng.nextInt(3);
            for (int i = 0; i < n; i++) layers.add(1 + rng.nextInt(5));
            Rounding r = Rounding.values()[rng.nextInt(2)];
            try {
                DesignSpec s = new DesignSpec("random", layers, Rule.hardware().get(rng.nextInt(Rule.hardware().size())),
                        DesignSpec.tiny().numerics().withRounding(r), 1 + rng.nextInt(8),
                        MemoryStyle.values()[rng.nextInt(2)], rng.nextLong(DesignSpec.MAX_SEED + 1));
                new Layout(s);
                return s;
            } catch (SpecException e) {
                // more lanes than these layers have synapses: draw again
            }
        }
    }

    /** A valid packed command or table load (pick 10, 11, 12), junk in padding and above the value bits. */
    private static int[] packed(DesignSpec spec, SplittableRandom rng, int pick) {
        if (pick == 12) {
            int[] t = new int[PackedInputs.TABLE_ENTRIES];
            for (int i = 0; i < t.length; i++) t[i] = rng.nextInt();
            return new Command.LoadInputTable(t).words();
        }
        int[] codes = new int[spec.inputs()];
        for (int i = 0; i < codes.length; i++) codes[i] = rng.nextInt(PackedInputs.TABLE_ENTRIES);
        int[] w = pick == 10 ? new Command.TrainPacked(rng.nextInt(spec.outputs() + 1), codes).words()
                : new Command.InferPacked(codes).words();
        int used = codes.length % PackedInputs.CODES_PER_WORD;
        if (used != 0) w[w.length - 1] |= rng.nextInt() << PackedInputs.CODE_BITS * used;
        return w;
    }

    /** Commands with random header fields (short lengths), followed by random words, and valid ones. */
    private static int[] stream(DesignSpec spec, SplittableRandom rng, int commands) {
        List<int[]> parts = new ArrayList<>();
        for (int c = 0; c < commands; c++) {
            int pick = rng.nextInt(13);
            if (pick >= 10) {
                parts.add(packed(spec, rng, pick));
            } else if (pick < 3) {
                int[] x = new int[spec.inputs()];
                for (int i = 0; i < x.length; i++) x[i] = rng.nextInt();
                parts.add(new Command.Train(rng.nextInt(spec.outputs() + 1), x).words());
            } else if (pick < 5) {
                int k = rng.nextInt(spec.weightLayers());
                int m = spec.hasFeedback(k) ? rng.nextInt(2) : 0;
                int size = spec.fanIn(k) * spec.fanOut(k);
                int start = rng.nextInt(size);
                int count = 1 + rng.nextInt(size - start + 1);
                if (rng.nextBoolean()) {
                    int[] v = new int[count];
                    for (int i = 0; i < count; i++) v[i] = rng.nextInt();
                    parts.add(new Command.LoadWeights(k, m, start, v).words());
                } else {
                    parts.add(new Command.ReadWeights(k, m, start, count).words());
                }
            } else if (pick < 6) {
                parts.add(new Command.SetParam(Param.SAMPLE_COUNTER, rng.nextInt()).words());
            } else {
                int op = rng.nextInt(4) == 0 ? rng.nextInt(256) : 1 + rng.nextInt(Opcode.values().length);
                int arg = rng.nextInt(3) == 0 ? rng.nextInt(256) : rng.nextInt(4);
                int len = switch (rng.nextInt(6)) {
                    case 0, 1 -> spec.inputs();
                    case 2 -> PackedInputs.TABLE_ENTRIES;
                    default -> rng.nextInt(4);
                };
                Opcode o = Opcode.of(op);
                int[] w = new int[1 + (o == null ? 0 : o.followingWords(len))];
                w[0] = op << Header.OPCODE_SHIFT | arg << Header.ARG_SHIFT | len;
                for (int i = 1; i < w.length; i++) w[i] = rng.nextInt(3) == 0 ? rng.nextInt(8) : rng.nextInt();
                parts.add(w);
            }
        }
        return parts.stream().flatMapToInt(Arrays::stream).toArray();
    }
}
