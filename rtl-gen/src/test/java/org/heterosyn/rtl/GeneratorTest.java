package org.heterosyn.rtl;

import org.heterosyn.manifest.DesignDir;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.manifest.ManifestJson;
import org.heterosyn.manifest.StateMap;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.Rule;
import org.heterosyn.spec.SpecJson;
import org.heterosyn.spec.Spram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generation end to end through firtool: files, manifest, and the manifest's state against the RTL. */
@Tag("unit")
class GeneratorTest {
    private static Generator gen;

    @BeforeAll
    static void firtool() {
        gen = new Generator(Firtool.fromClasspath());
    }

    static DesignSpec tiny(Rule rule, Rounding r, int lanes, List<Integer> layers, MemoryStyle mem) {
        DesignSpec s = DesignSpec.tiny().withLayers(layers).withRule(rule).withMemory(mem).withLanes(lanes);
        return s.withNumerics(s.numerics().withRounding(r));
    }

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of(tiny(Rule.KP, Rounding.STOCHASTIC, 1, List.of(4, 3, 2), MemoryStyle.GENERIC)),
                Arguments.of(tiny(Rule.BP, Rounding.NEAREST, 12, List.of(4, 3, 2), MemoryStyle.GENERIC)),
                Arguments.of(tiny(Rule.FA, Rounding.STOCHASTIC, 2, List.of(4, 4, 2), MemoryStyle.SPRAM)),
                Arguments.of(tiny(Rule.URF, Rounding.NEAREST, 4, List.of(8, 4, 4, 2), MemoryStyle.SPRAM)),
                Arguments.of(tiny(Rule.SS, Rounding.STOCHASTIC, 8, List.of(4, 4, 2), MemoryStyle.GENERIC)),
                Arguments.of(DesignSpec.fashionMnist().withLanes(1)),
                // ragged: rows of 10 and 5 end in chunks of 1 and 2 live lanes; 5 rows in groups of 2
                Arguments.of(tiny(Rule.KP, Rounding.STOCHASTIC, 3, List.of(10, 5, 4), MemoryStyle.SPRAM)),
                Arguments.of(tiny(Rule.URF, Rounding.NEAREST, 4, List.of(2, 5, 3), MemoryStyle.GENERIC)),
                Arguments.of(tiny(Rule.FA, Rounding.STOCHASTIC, 8, List.of(784, 100, 10), MemoryStyle.GENERIC)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void manifestStateIsTheRtlState(DesignSpec spec, @TempDir Path dir) throws IOException {
        Generator.Result r = gen.run(spec, dir);
        Map<String, SvScan.Mod> mods = SvScan.read(r.sources());
        Map<String, SvScan.Reg> rtl = SvScan.flatten(mods, Manifest.TOP);
        Map<String, Integer> expected = new TreeMap<>();
        for (StateMap.Reg reg : StateMap.registers(spec)) expected.put(reg.path(), reg.width());
        Map<String, Integer> actual = new TreeMap<>();
        // firtool's own registers (memory read ports, combinational temporaries) are not named state.
        rtl.forEach((path, reg) -> {
            String leaf = path.substring(path.lastIndexOf('.') + 1);
            if (reg.depth() == 0 && !leaf.startsWith("_") && !leaf.startsWith("casez_tmp")) actual.put(path, reg.width());
        });
        assertEquals(expected, actual);
        for (StateMap.Mem m : StateMap.memories(spec)) {
            switch (m.kind()) {
                case "ram" -> {
                    SvScan.Reg arr = rtl.get(m.path());
                    assertTrue(arr != null && arr.depth() == m.depth() && arr.width() == m.width(), m + " vs " + arr);
                }
                case "reg" -> assertEquals(m.width(), rtl.get(m.path()).width(), m.path());
                case "spram" -> assertTrue(SvScan.instancesOf(mods, Manifest.TOP, Spram.PRIMITIVE).contains(m.path()), m.path());
                default -> throw new AssertionError(m.kind());
            }
        }
    }

    @Test
    void writesEveryFileTheManifestNames(@TempDir Path dir) throws IOException {
        DesignSpec spec = DesignSpec.fashionMnist();
        Generator.Result r = gen.run(spec, dir);
        Manifest m = ManifestJson.read(dir.resolve(DesignDir.MANIFEST));
        assertEquals(Manifest.of(spec), m);
        assertEquals(SpecJson.write(spec).strip(), m.spec());
        for (String f : List.of(m.files().fir(), m.files().filelist(), m.files().lintWaivers())) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        for (String f : m.files().simulationModels()) assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        List<String> listed = Files.readAllLines(dir.resolve(m.files().filelist()));
        assertEquals(r.sources().stream().map(p -> p.getFileName().toString()).toList(), listed);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(listed.stream().sorted().toList(),
                    s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sv")).sorted().toList());
        }
        // One module per file, named after it; the top is the manifest's.
        Map<String, SvScan.Mod> mods = SvScan.read(r.sources());
        for (Path p : r.sources()) {
            Map<String, SvScan.Mod> one = SvScan.read(List.of(p));
            assertEquals(List.of(p.getFileName().toString().replace(".sv", "")), List.copyOf(one.keySet()));
        }
        assertTrue(mods.containsKey(m.top()));
        assertTrue(Files.readString(dir.resolve(m.files().fir())).startsWith("FIRRTL version 3.3.0\ncircuit heterosyn_top :"));
    }

    /** The default design generates in seconds; every generation prints its time. */
    @Test
    void defaultDesignGeneratesInSeconds(@TempDir Path dir) {
        Generator.Result r = Generator.generate(SpecJson.readDefault(), dir);
        assertTrue(r.millis() < 30_000, "took " + r.millis() + " ms");
    }

    /** Random valid specs (shapes, rules, roundings, lanes, memories) all build, and firtool takes them. */
    @Test
    void randomSpecsBuildAndLower(@TempDir Path dir) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(2024);
        int valid = 0;
        int lowered = 0;
        for (int i = 0; i < 5000 && valid < 200; i++) {
            List<Integer> layers = new java.util.ArrayList<>();
            int n = 2 + rng.nextInt(3);
            for (int j = 0; j < n; j++) layers.add(1 + rng.nextInt(12));
            int lanes = 1 + rng.nextInt(24);
            DesignSpec spec;
            try {
                spec = tiny(Rule.hardware().get(rng.nextInt(Rule.hardware().size())), Rounding.values()[rng.nextInt(2)], lanes,
                        layers, MemoryStyle.values()[rng.nextInt(2)]);
            } catch (org.heterosyn.spec.SpecException e) {
                continue;
            }
            String fir = Generator.circuit(spec).emit();
            assertTrue(fir.contains("module heterosyn_top :"), spec.toString());
            if (valid++ % 20 == 0) {
                Generator.Result r = gen.run(spec, dir.resolve("d" + i));
                assertTrue(r.sources().size() > 5, spec.toString());
                lowered++;
            }
        }
        assertEquals(200, valid);
        assertEquals(10, lowered);
    }

    @Test
    void regeneratingIsDeterministic(@TempDir Path a, @TempDir Path b) throws IOException {
        DesignSpec spec = tiny(Rule.KP, Rounding.STOCHASTIC, 2, List.of(4, 4, 2), MemoryStyle.SPRAM)
                .withNumerics(new Numerics(12, 8, 10, 8, 5, 6, 3, Rounding.STOCHASTIC));
        Generator.Result ra = gen.run(spec, a);
        Generator.Result rb = gen.run(spec, b);
        assertEquals(ra.sources().size(), rb.sources().size());
        for (int i = 0; i < ra.sources().size(); i++) {
            assertEquals(Files.readString(ra.sources().get(i)), Files.readString(rb.sources().get(i)));
        }
    }

    /** hsp has no hardware yet: generate says so in one line and writes nothing. */
    @Test
    void hspIsRefusedInOneLineAndNothingIsWritten(@TempDir Path tmp) {
        DesignSpec hsp = DesignSpec.tiny().withRule(Rule.HSP);
        org.heterosyn.spec.SpecException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.heterosyn.spec.SpecException.class, () -> Generator.circuit(hsp));
        assertTrue(e.getMessage().startsWith("rule hsp: not in hardware yet (generate refused"), e.getMessage());
        Path out = tmp.resolve("hsp");
        org.junit.jupiter.api.Assertions.assertThrows(org.heterosyn.spec.SpecException.class,
                () -> new Generator(null).run(hsp, out));
        assertTrue(Files.notExists(out));
    }
}
