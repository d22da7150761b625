package org.heterosyn.driver;

import org.heterosyn.data.Dataset;
import org.heterosyn.data.TeacherStudent;
import org.heterosyn.learning.FastEngine;
import org.heterosyn.learning.Trainer;
import org.heterosyn.protocol.Command;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.PackedInputs;
import org.heterosyn.protocol.Param;
import org.heterosyn.protocol.Response;
import org.heterosyn.protocol.Status;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Rule;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Tag("unit")
class FastDeviceTest {
    private static final DesignSpec SPEC = DesignSpec.tiny().withLayers(List.of(6, 5, 3));

    @ParameterizedTest(name = "rule={0}")
    // hsp has no hardware and so no command protocol for its V̄ (Rule.hardware()).
    @EnumSource(value = Rule.class, names = "HSP", mode = EnumSource.Mode.EXCLUDE)
    void trainingThroughTheProtocolEqualsTheEngineBitForBit(Rule rule) {
        DesignSpec spec = SPEC.withRule(rule);
        Dataset data = TeacherStudent.generate(6, 4, 3, 200, 50, 0.1, 11);
        FastEngine direct = new FastEngine(spec);
        try (FastDevice dev = new FastDevice("fast", spec)) {
            DeviceEngine viaProtocol = new DeviceEngine(dev);
            Trainer.Options o = new Trainer.Options(1, 25, 2);
            Trainer.TrainingRun a = Trainer.run(direct, data, o, (d, t) -> {});
            Trainer.TrainingRun b = Trainer.run(viaProtocol, data, o, (d, t) -> {});
            assertEquals(HexFormat.of().formatHex(direct.weightsDigest()), HexFormat.of().formatHex(viaProtocol.weightsDigest()));
            assertEquals(a.epochs().get(0).testAccuracy(), b.epochs().get(0).testAccuracy());
            assertEquals(a.epochs().get(0).trainLoss(), b.epochs().get(0).trainLoss(), 0.0);
        }
    }

    /** Pixels go as TRAIN_PACKED through the table DeviceEngine loads, and the weights are those of unpacked inputs. */
    @Test
    void byteCodedTrainingThroughTheProtocolEqualsTheEngineBitForBit() {
        DesignSpec spec = SPEC.withRule(Rule.KP);
        Dataset data = PixelData.random(6, 3, 200, 50, 11);
        assertInstanceOf(Command.TrainPacked.class, DeviceEngine.trainCommand(spec.numerics(), data.trainX().get(0), 0));
        FastEngine direct = new FastEngine(spec);
        try (FastDevice dev = new FastDevice("fast", spec)) {
            DeviceEngine viaProtocol = new DeviceEngine(dev);
            Trainer.Options o = new Trainer.Options(1, 25, 2);
            Trainer.TrainingRun a = Trainer.run(direct, data, o, (d, t) -> {});
            Trainer.TrainingRun b = Trainer.run(viaProtocol, data, o, (d, t) -> {});
            assertEquals(HexFormat.of().formatHex(direct.weightsDigest()), HexFormat.of().formatHex(viaProtocol.weightsDigest()));
            assertEquals(a.epochs().get(0).testAccuracy(), b.epochs().get(0).testAccuracy());
        }
    }

    /** The table is 0 at power-up, LOAD_INPUT_TABLE replaces it, rejected commands leave it. */
    @Test
    void packedInputsReadTheInputTable() {
        try (FastDevice dev = new FastDevice("fast", SPEC)) {
            for (Command c : DeviceEngine.initialCommands(SPEC)) {
                if (!(c instanceof Command.LoadInputTable)) dev.exchange(c);
            }
            int[] codes = {0, 255, 7, 7, 200, 1};
            assertArrayEquals(dev.exchange(new Command.Infer(new int[6])).payload(),
                    dev.exchange(new Command.InferPacked(codes)).payload(), "power-up table: every code is 0");
            int[] table = new int[PackedInputs.TABLE_ENTRIES];
            for (int c = 0; c < table.length; c++) table[c] = (c * 97 - 9000) & 0xFFFF;
            assertEquals(Status.OK, dev.exchange(new Command.LoadInputTable(table)).status());
            int[] looked = new int[codes.length];
            for (int i = 0; i < codes.length; i++) looked[i] = table[codes[i]];
            int[] want = dev.exchange(new Command.Infer(looked)).payload();
            assertArrayEquals(want, dev.exchange(new Command.InferPacked(codes)).payload());
            int[] badArg = new Command.LoadInputTable(new int[PackedInputs.TABLE_ENTRIES]).words();
            badArg[0] |= 1 << Header.ARG_SHIFT;
            int[] badLength = java.util.Arrays.copyOf(badArg, PackedInputs.TABLE_ENTRIES);
            badLength[0] = new Header(Opcode.LOAD_INPUT_TABLE.code(), 0, PackedInputs.TABLE_ENTRIES - 1).word();
            List<Response> r = Response.parseAll(dev.stream(concat(badArg, badLength)));
            assertEquals(List.of(Status.BAD_ARGUMENT, Status.BAD_LENGTH), r.stream().map(Response::status).toList());
            assertArrayEquals(want, dev.exchange(new Command.InferPacked(codes)).payload(), "a rejected load changed the table");
        }
    }

    @Test
    void malformedCommandsAreAnsweredAndChangeNothing() {
        try (FastDevice dev = new FastDevice("fast", SPEC)) {
            byte[] before = dev.engine().weightsDigest();
            int unknown = 0x7F00_0000;
            int[] bad = concat(
                    new int[] {unknown},                                                   // unknown opcode
                    new int[] {new Header(Opcode.SET_PARAM.code(), 0, 2).word(), 1, 2},      // bad length
                    new int[] {new Header(Opcode.SET_PARAM.code(), 9, 1).word(), 5},         // no such parameter
                    new int[] {new Header(Opcode.LOAD_WEIGHTS.code(), Header.matrixSelect(0, 1), 1).word(), 0, 7}, // no B_0
                    new Command.LoadWeights(1, 0, 14, new int[] {1, 2}).words(),             // 14 + 2 > 15 synapses
                    new Command.ReadWeights(5, 0, 0, 1).words(),                             // no layer 5
                    new Command.Train(3, new int[6]).words(),                                // label 3 of 3 outputs
                    new int[] {new Header(Opcode.INFER.code(), 0, 2).word(), 1, 2},          // inputs != n_0
                    new Command.TrainPacked(3, new int[6]).words(),                          // label 3 of 3 outputs
                    new int[] {new Header(Opcode.TRAIN_PACKED.code(), 0, 9).word(), 0, 1, 2, 3}, // 9 codes: 3 words
                    new int[] {new Header(Opcode.INFER_PACKED.code(), 2, 6).word(), 1, 2});  // arg 2
            List<Response> r = Response.parseAll(dev.stream(bad));
            List<Status> expected = List.of(Status.UNKNOWN_OPCODE, Status.BAD_LENGTH, Status.BAD_ARGUMENT,
                    Status.BAD_ARGUMENT, Status.OUT_OF_RANGE, Status.BAD_ARGUMENT, Status.OUT_OF_RANGE, Status.BAD_LENGTH,
                    Status.OUT_OF_RANGE, Status.BAD_LENGTH, Status.BAD_ARGUMENT);
            assertEquals(expected, r.stream().map(Response::status).toList());
            assertEquals(0x7F, r.get(0).opcode());
            assertArrayEquals(before, dev.engine().weightsDigest(), "a rejected command changed the weights");
            assertEquals(0, dev.engine().sampleCount());
            Response status = dev.exchange(new Command.StatusRequest());
            assertArrayEquals(new int[] {Header.MAGIC, (int) org.heterosyn.manifest.DesignId.of(SPEC), 0, 0, expected.size()},
                    status.payload());
        }
    }

    @Test
    void readBackWhatWasLoadedAndSetTheCounter() {
        try (FastDevice dev = new FastDevice("fast", SPEC.withRule(Rule.KP))) {
            int[] values = {-32768, 32767, -1, 0, 5};
            List<Response> r = dev.exchange(List.of(
                    new Command.LoadWeights(1, 1, 3, new int[] {0x8000, 0x7FFF, 0xFFFF, 0, 5}),
                    new Command.ReadWeights(1, 1, 3, 5),
                    new Command.SetParam(Param.SAMPLE_COUNTER, 77),
                    new Command.StatusRequest()));
            assertArrayEquals(values, r.get(1).payload(), "weights come back sign-extended");
            assertEquals(77, r.get(3).payload()[2]);
            assertEquals(3, r.get(3).payload()[3], "three commands completed before STATUS");
        }
    }

    @Test
    void aStreamEndingInsideACommandIsRefusedBeforeAnythingRuns() {
        try (FastDevice dev = new FastDevice("fast", SPEC)) {
            int[] cut = {new Command.SetParam(Param.SAMPLE_COUNTER, 9).words()[0]};
            DeviceException e = assertThrows(DeviceException.class, () -> dev.stream(cut));
            assertEquals(true, e.getMessage().contains("ends inside the command"), e.getMessage());
            assertEquals(0, dev.engine().sampleCount());
        }
    }

    private static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) n += p.length;
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
