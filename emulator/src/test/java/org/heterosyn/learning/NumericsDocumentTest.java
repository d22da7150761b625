package org.heterosyn.learning;

import org.heterosyn.data.Dataset;
import org.heterosyn.data.IdxReader;
import org.heterosyn.data.Inputs;
import org.heterosyn.data.TeacherStudent;
import org.heterosyn.numerics.FixedPoint;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.Rule;
import org.heterosyn.spec.SpecJson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docs/numerics.md is complete: scripts/numerics_reference.py, written from that page alone, trains tiny
 * networks to exactly the bits of {@link FastEngine}, for every rule, both roundings, 2 and 3 weight
 * layers and several number formats (saturating, zero update shift, a full 32-bit dither); and, from section 18,
 * whole training runs of {@link Trainer} (order, sample counter, train_loss, accuracy), the teacher-student
 * data and the pixel conversion.
 */
@Tag("unit")
class NumericsDocumentTest {
    private static Path script;
    /** Null when python3 runs, else why not. */
    private static String noPython;

    @BeforeAll
    static void findPythonAndScript() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) noPython = "python3 does not run";
        } catch (IOException e) {
            noPython = "python3 is not installed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            noPython = "interrupted";
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path s = d.resolve("scripts/numerics_reference.py");
            if (Files.isRegularFile(s)) {
                script = s;
                return;
            }
        }
        fail("scripts/numerics_reference.py not found above " + Path.of("").toAbsolutePath());
    }

    /** Formats beyond the default: each name is part of the test's display name. */
    private static final Map<String, Numerics> FORMATS = new HashMap<>();

    static {
        // heavy saturation: 8-bit values with 5 fraction bits, large learning rate
        FORMATS.put("narrow8", new Numerics(8, 5, 8, 6, 2, 3, 2, Rounding.STOCHASTIC));
        // odd widths, A = 9
        FORMATS.put("odd12x10", new Numerics(12, 8, 10, 7, 5, 6, 3, Rounding.STOCHASTIC));
        // A = 0 and etaShift 0: update shift S = 0 for rules without decay (no rounding at all)
        FORMATS.put("shift0", new Numerics(8, 3, 8, 6, 0, 2, 6, Rounding.STOCHASTIC));
        // 24-bit formats, large products
        FORMATS.put("wide24", new Numerics(24, 20, 24, 22, 3, 4, 5, Rounding.STOCHASTIC));
        // S = 32 for kp: the whole dither word is the rounding offset
        FORMATS.put("shift32", new Numerics(24, 20, 24, 20, 6, 6, 4, Rounding.STOCHASTIC));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        List<List<Integer>> shapes = List.of(List.of(5, 4, 3), List.of(4, 6, 3, 2));
        for (Rule rule : Rule.hardware()) {
            for (Rounding r : Rounding.values()) {
                for (List<Integer> shape : shapes) {
                    out.add(Arguments.of("default", Numerics.defaults().withRounding(r), rule, shape, 1L, 0));
                }
                int i = 0;
                for (var f : FORMATS.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                    List<Integer> shape = shapes.get((i++ + rule.ordinal()) % 2);
                    out.add(Arguments.of(f.getKey(), f.getValue().withRounding(r), rule, shape, 0xDEADBEEFL, 0));
                }
            }
        }
        // the 32-bit sample counter wraps from 0xFFFFFFFF to 0 in the middle of the run
        out.add(Arguments.of("wrap", Numerics.defaults(), Rule.KP, List.of(4, 6, 3, 2), 7L, 0xFFFF_FFFD));
        out.add(Arguments.of("wrap", Numerics.defaults(), Rule.URF, List.of(5, 4, 3), 0xFFFF_FFFFL, 0xFFFF_FFFE));
        return out.stream();
    }

    private static void assumePython() {
        if (noPython != null) Assumptions.abort(noPython);
    }

    @ParameterizedTest(name = "{2} {0} {1} layers {3} seed {4}")
    @MethodSource("cases")
    void referenceScriptMatchesFastEngine(String format, Numerics numerics, Rule rule, List<Integer> layers,
                                          long seed, int startSample, @TempDir Path dir) throws Exception {
        assumePython();
        DesignSpec spec = new DesignSpec("doc-" + format, layers, rule, numerics, 1, MemoryStyle.GENERIC, seed);
        List<double[]> xs = inputs(spec, format.hashCode() * 31L + rule.ordinal() * 7L + layers.size());
        FastEngine fast = new FastEngine(spec);
        fast.setSampleCount(startSample);
        StringBuilder samples = new StringBuilder();
        for (int s = 0; s < xs.size(); s++) {
            int label = (s * 5 + 1) % spec.outputs();
            fast.train(xs.get(s), label);
            samples.append(label);
            for (double v : xs.get(s)) samples.append(' ').append(Double.toString(v));
            samples.append('\n');
        }
        Path specFile = dir.resolve("spec.json");
        Path sampleFile = dir.resolve("samples.txt");
        Files.writeString(specFile, SpecJson.write(spec));
        Files.writeString(sampleFile, samples.toString());

        Map<String, String> out = run(specFile.toString(), sampleFile.toString(), Integer.toUnsignedString(startSample));

        boolean moved = false;
        for (int k = 0; k < spec.weightLayers(); k++) {
            int[] w = fast.rawForward(k);
            assertArrayEquals(w, ints(out.get("W " + k)), "W_" + k + " differs from docs/numerics.md");
            moved |= !Arrays.equals(w, org.heterosyn.numerics.InitialWeights.forward(spec, k));
            int[] b = fast.rawFeedback(k);
            if (b == null) {
                assertNull(out.get("B " + k), "the script stores B_" + k + " but the fast model does not");
            } else {
                assertNotNull(out.get("B " + k), "the script lacks B_" + k);
                assertArrayEquals(b, ints(out.get("B " + k)), "B_" + k + " differs from docs/numerics.md");
            }
        }
        assertTrue(moved, "training changed no forward weight, so this case checks nothing");
        assertEquals(Integer.toUnsignedString(fast.sampleCount()), out.get("sample_counter"));
        assertEquals(HexFormat.of().formatHex(fast.weightsDigest()), out.get("weights_sha256"));
    }

    @Test
    void documentExamplesReproduce() throws Exception {
        assumePython();
        Process p = new ProcessBuilder("python3", script.toString(), "--selftest").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "selftest did not finish");
        assertEquals(0, p.exitValue(), text);
        assertFalse(text.contains("FAIL"), text);
    }

    @Test
    void documentTrainExampleIsTheFastEngine() {
        // docs/numerics.md section 16, computed by the real fast model
        DesignSpec tiny = SpecJson.readShipped("tiny.json");
        FastEngine fast = new FastEngine(tiny);
        assertEquals("51b1576588bdef32c72aefbec8da97885f178c04273457f9e9db460612edb742",
                HexFormat.of().formatHex(fast.weightsDigest()));
        fast.train(new double[] {0.5, -0.25, 1.0, 0.125}, 1);
        assertArrayEquals(new int[] {-1838, 831, -4133, 733, 4389, 911, 3493, -3410, -4078, -295, 1840, 757},
                fast.rawForward(0));
        assertArrayEquals(new int[] {5160, -3270, -3096, -2345, 1795, 1671}, fast.rawForward(1));
        assertArrayEquals(new int[] {1792, 2076, 3391, 1739, -4437, 1542}, fast.rawFeedback(1));
        assertEquals("75e062a5c629cb6f26f26a779372f17252066abf2be95678237459e814908d34",
                HexFormat.of().formatHex(fast.weightsDigest()));
        assertEquals(1, fast.sampleCount());
        // section 18.4: the loss of that train command
        assertEquals(0.5968357622623444, new FastEngine(tiny).train(new double[] {0.5, -0.25, 1.0, 0.125}, 1));
    }

    static Stream<Arguments> runCases() {
        return Stream.of(
                Arguments.of("default", Numerics.defaults(), Rule.KP, List.of(5, 4, 3)),
                Arguments.of("default", Numerics.defaults().withRounding(Rounding.NEAREST), Rule.SS, List.of(4, 6, 3, 2)),
                Arguments.of("narrow8", FORMATS.get("narrow8"), Rule.BP, List.of(4, 6, 3, 2)),
                Arguments.of("odd12x10", FORMATS.get("odd12x10"), Rule.URF, List.of(5, 4, 3)),
                Arguments.of("shift0", FORMATS.get("shift0"), Rule.FA, List.of(5, 4, 3)));
    }

    /**
     * docs/numerics.md section 18.3-18.4: Trainer.run (with probes and checkpoints) over several epochs equals the
     * script's plain loop: same order every epoch, one sample counter, the same train_loss and test accuracy bits.
     */
    @ParameterizedTest(name = "{2} {0} layers {3}")
    @MethodSource("runCases")
    void trainingRunMatchesTrainer(String format, Numerics numerics, Rule rule, List<Integer> layers,
                                   @TempDir Path dir) throws Exception {
        assumePython();
        DesignSpec spec = new DesignSpec("run-" + format, layers, rule, numerics, 1, MemoryStyle.GENERIC, 3L);
        List<double[]> train = inputs(spec, 11L + rule.ordinal());
        train.addAll(inputs(spec, 12L + rule.ordinal()).subList(0, 3));
        List<double[]> test = new ArrayList<>(inputs(spec, 13L).subList(0, 4));
        test.add(new double[spec.inputs()]);       // all outputs equal unless biased by saturation: a tie
        test.add(new double[spec.inputs()]);
        int classes = spec.outputs();
        int[] trainY = new int[train.size()];
        int[] testY = new int[test.size()];
        for (int s = 0; s < trainY.length; s++) trainY[s] = (s * 5 + 1) % classes;
        for (int s = 0; s < testY.length; s++) testY[s] = s % classes;
        Dataset data = new Dataset("run", train.toArray(new double[0][]), trainY, test.toArray(new double[0][]), testY, classes);
        int epochs = 3;
        FastEngine fast = new FastEngine(spec);
        Trainer.TrainingRun run = Trainer.run(fast, data, new Trainer.Options(epochs, 2, 2), (d, t) -> {});

        Path specFile = dir.resolve("spec.json");
        Files.writeString(specFile, SpecJson.write(spec));
        Path trainFile = dir.resolve("train.txt");
        Path testFile = dir.resolve("test.txt");
        Files.writeString(trainFile, sampleText(data.trainX(), data.trainY()));
        Files.writeString(testFile, sampleText(data.testX(), data.testY()));
        Map<String, String> out = run("--run", specFile.toString(), trainFile.toString(), testFile.toString(),
                Integer.toString(epochs));
        for (Trainer.EpochResult r : run.epochs()) {
            String want = "samples_seen " + r.samplesSeen() + " train_loss " + Double.toHexString(r.trainLoss())
                    + " test_accuracy " + Double.toHexString(r.testAccuracy());
            String got = out.get("epoch");
            assertNotNull(got, "the script printed no epoch line");
            String line = Arrays.stream(got.split("\n")).filter(l -> l.startsWith(r.epoch() + " ")).findFirst().orElse(null);
            assertNotNull(line, "no line for epoch " + r.epoch());
            String[] f = line.split(" ");
            assertEquals(r.samplesSeen(), Long.parseLong(f[2]), "samples_seen of epoch " + r.epoch());
            assertEquals(r.trainLoss(), Double.parseDouble(f[4]), "train_loss of epoch " + r.epoch() + ": " + want);
            assertEquals(r.testAccuracy(), Double.parseDouble(f[6]), "test accuracy of epoch " + r.epoch() + ": " + want);
        }
        assertEquals(Integer.toUnsignedString(fast.sampleCount()), out.get("sample_counter"));
        assertEquals(epochs * train.size(), fast.sampleCount());
        assertEquals(HexFormat.of().formatHex(fast.weightsDigest()), out.get("weights_sha256"));
    }

    /** docs/numerics.md section 18.2: the script's teacher, fed Java's normal draws, is TeacherStudent. */
    @ParameterizedTest(name = "n0 {0} H {1} C {2} noise {5} seed {6}")
    @CsvSource({"4, 3, 2, 30, 10, 0.1, 1", "7, 5, 3, 40, 15, 0.0, 3735928559", "3, 4, 4, 50, 20, 2.5, 7"})
    void teacherDataFollowTheDocument(int n0, int hidden, int classes, int train, int test, double noise, long seed,
                                      @TempDir Path dir) throws Exception {
        assumePython();
        int draws = hidden * n0 + classes * hidden + (train + test) * (n0 + classes);
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder g = new StringBuilder();
        for (int i = 0; i < draws; i++) g.append(Double.toHexString(rng.nextGaussian())).append('\n');
        Path gFile = dir.resolve("gaussians.txt");
        Files.writeString(gFile, g.toString());
        List<String> lines = runLines("--teacher", Integer.toString(n0), Integer.toString(hidden), Integer.toString(classes),
                Integer.toString(train), Integer.toString(test), Double.toString(noise), gFile.toString());
        Dataset d = TeacherStudent.generate(n0, hidden, classes, train, test, noise, seed);
        assertEquals(train + test + 1, lines.size(), String.join("\n", lines));
        for (int s = 0; s < train + test; s++) {
            boolean isTrain = s < train;
            String[] f = lines.get(s).split(" ");
            assertEquals(isTrain ? "train" : "test", f[0]);
            assertEquals(isTrain ? d.trainY()[s] : d.testY()[s - train], Integer.parseInt(f[1]), "label of sample " + s);
            double[] x = isTrain ? d.trainX().get(s) : d.testX().get(s - train);
            for (int j = 0; j < n0; j++) assertEquals(x[j], Double.parseDouble(f[2 + j]), "x[" + j + "] of sample " + s);
        }
        assertEquals("gaussians_used " + draws, lines.get(train + test));
    }

    @Test
    void documentTeacherExampleReproduces() {
        // docs/numerics.md section 18.2 (OpenJDK 17)
        SplittableRandom r = new SplittableRandom(1);
        assertEquals(0x910A2DEC89025CC1L, r.nextLong());
        assertEquals(0xBEEB8DA1658EEC67L, r.nextLong());
        assertEquals(0xF893A2EEFB32555EL, r.nextLong());
        r = new SplittableRandom(1);
        assertArrayEquals(new double[] {-0.9372846341434415, -0.8651916445722273, -0.10251988074775731, 2.501525948176652},
                new double[] {r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian()});
        DesignSpec tiny = SpecJson.readShipped("tiny.json");
        Dataset d = TeacherStudent.generate(tiny.inputs(), 32, tiny.outputs(), 20000, 2000, 0.1, tiny.seed());
        assertArrayEquals(new double[] {0.6415083113881964, -0.05241399874839866, 0.3790920299655545, 0.9037670708271687},
                d.trainX().get(0));
        assertArrayEquals(new int[] {2628, -215, 1553, 3702}, new FastEngine(tiny).quantize(d.trainX().get(0)));
        StringBuilder labels = new StringBuilder();
        for (int s = 0; s < 24; s++) labels.append(d.trainY()[s]);
        assertEquals("110110111111111111111111", labels.toString());
        assertEquals(0, d.testY()[0]);
        assertEquals(18991, Arrays.stream(d.trainY()).sum());
    }

    /** docs/numerics.md section 18.1: every IDX byte b becomes x = b / 255.0 and the value floor((b*2^(VF+1) + 255) / 510). */
    @Test
    void pixelsQuantizeAsDocumented(@TempDir Path dir) throws Exception {
        byte[] idx = new byte[16 + 256];
        int[] header = {0x00000803, 1, 16, 16};
        for (int i = 0; i < 4; i++) {
            for (int b = 0; b < 4; b++) idx[4 * i + b] = (byte) (header[i] >>> (24 - 8 * b));
        }
        for (int b = 0; b < 256; b++) idx[16 + b] = (byte) b;
        Path file = dir.resolve("images-idx3-ubyte");
        Files.write(file, idx);
        double[] x = IdxReader.images(file).get(0);
        List<Numerics> formats = new ArrayList<>(FORMATS.values());
        formats.add(Numerics.defaults());
        for (int b = 0; b < 256; b++) {
            assertEquals(b / 255.0, x[b], "pixel " + b);
            for (Numerics n : formats) {
                long want = ((long) b << (n.valueFrac() + 1)) + 255;
                assertEquals(want / 510, FixedPoint.quantizeValue(x[b], n), "pixel " + b + ", valueFrac " + n.valueFrac());
            }
        }
        assertEquals(4096, FixedPoint.quantizeValue(x[255], Numerics.defaults()));
        assertEquals(16, FixedPoint.quantizeValue(x[1], Numerics.defaults()));
    }

    private static String sampleText(Inputs xs, int[] ys) {
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < xs.size(); s++) {
            sb.append(ys[s]);
            for (double v : xs.get(s)) sb.append(' ').append(Double.toString(v));
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Six samples mixing full-precision doubles, exact quantization ties, zeros, values that saturate
     * and (in one sample) NaN and infinities, so every branch of section 5 is taken.
     */
    private static List<double[]> inputs(DesignSpec spec, long seed) {
        Random rnd = new Random(seed);
        int n = spec.inputs();
        double lsb = Math.scalb(1.0, -spec.numerics().valueFrac());
        double big = Math.scalb(1.0, spec.numerics().valueBits() - spec.numerics().valueFrac());
        List<double[]> xs = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            double[] x = new double[n];
            for (int j = 0; j < n; j++) {
                x[j] = switch ((s + 3 * j) % 6) {
                    case 0 -> rnd.nextDouble() * 2 - 0.5;
                    case 1 -> (rnd.nextInt(64) - 32 + 0.5) * lsb;
                    case 2 -> 0.0;
                    case 3 -> s == 4 ? (j % 2 == 0 ? big * 1.5 : -big * 3) : rnd.nextDouble();
                    case 4 -> rnd.nextGaussian();
                    default -> s == 5 ? new double[] {Double.NaN, Double.POSITIVE_INFINITY,
                            Double.NEGATIVE_INFINITY}[j % 3] : rnd.nextDouble() - 0.25;
                };
            }
            xs.add(x);
        }
        return xs;
    }

    private static List<String> runLines(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the reference script did not finish");
        assertEquals(0, p.exitValue(), "reference script failed:\n" + text);
        return Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
    }

    /** The script's output by first word ("W k"/"B k" for matrices); repeated keys (epoch) are joined by newlines. */
    private static Map<String, String> run(String... args) throws Exception {
        Map<String, String> out = new HashMap<>();
        for (String line : runLines(args)) {
            String[] parts = line.split(" ", 3);
            if (parts[0].equals("W") || parts[0].equals("B")) {
                out.put(parts[0] + " " + parts[1], parts.length > 2 ? parts[2] : "");
            } else {
                out.merge(parts[0], line.substring(parts[0].length() + 1).trim(), (a, b) -> a + "\n" + b);
            }
        }
        return out;
    }

    private static int[] ints(String line) {
        assertNotNull(line, "missing matrix in the script's output");
        return Arrays.stream(line.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
    }
}
