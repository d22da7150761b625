package org.heterosyn.learning;

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
 * layers and several number formats (saturating, zero update shift, a full 32-bit dither).
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
        for (Rule rule : Rule.values()) {
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
        out.add(Arguments.of("wrap", Numerics.defaults(), Rule.HSP, List.of(5, 4, 3), 0xFFFF_FFFFL, 0xFFFF_FFFE));
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

    private static Map<String, String> run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the reference script did not finish");
        assertEquals(0, p.exitValue(), "reference script failed:\n" + text);
        Map<String, String> out = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            String[] parts = line.split(" ", 3);
            if (parts[0].equals("W") || parts[0].equals("B")) {
                out.put(parts[0] + " " + parts[1], parts.length > 2 ? parts[2] : "");
            } else {
                out.put(parts[0], line.substring(parts[0].length() + 1).trim());
            }
        }
        return out;
    }

    private static int[] ints(String line) {
        assertNotNull(line, "missing matrix in the script's output");
        return Arrays.stream(line.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
    }
}
