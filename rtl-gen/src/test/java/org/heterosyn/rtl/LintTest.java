package org.heterosyn.rtl;

import org.heterosyn.manifest.DesignDir;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.Rule;
import org.heterosyn.spec.SpecException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * verilator --lint-only -Wall, with only the generated lint.vlt (firtool's partly read temporaries),
 * over every rule and rounding and a sweep of shapes: tiny ones up to fully parallel, 784-64-10 at
 * 1 to 16 lanes, and ragged lane counts (fixed and random, seed printed).
 */
@Tag("cosim")
class LintTest {
    private static Generator gen;

    @BeforeAll
    static void tools() {
        ExternalTool.require("verilator", "lint needs Verilator 5.006 or later");
        gen = new Generator(Firtool.fromClasspath());
    }

    private static DesignSpec spec(List<Integer> layers, Rule rule, Rounding r, int lanes, MemoryStyle mem) {
        DesignSpec s = DesignSpec.tiny().withLayers(layers).withRule(rule).withMemory(mem).withLanes(lanes);
        return s.withNumerics(s.numerics().withRounding(r)).withName("lint");
    }

    static Stream<Arguments> designs() {
        List<Arguments> out = new ArrayList<>();
        for (Rule rule : Rule.hardware()) {
            for (Rounding r : Rounding.values()) {
                out.add(Arguments.of(spec(List.of(4, 3, 2), rule, r, 1, MemoryStyle.GENERIC)));
            }
            out.add(Arguments.of(spec(List.of(4, 3, 2), rule, Rounding.STOCHASTIC, 12, MemoryStyle.GENERIC)));
            out.add(Arguments.of(spec(List.of(4, 4, 2), rule, Rounding.STOCHASTIC, 2, MemoryStyle.SPRAM)));
        }
        for (int lanes : new int[] {1, 2, 4, 8, 16}) {
            out.add(Arguments.of(spec(List.of(4, 4, 2), Rule.KP, Rounding.STOCHASTIC, lanes, MemoryStyle.GENERIC)));
        }
        out.add(Arguments.of(spec(List.of(8, 4, 4, 2), Rule.URF, Rounding.NEAREST, 4, MemoryStyle.SPRAM)));
        out.add(Arguments.of(spec(List.of(2, 6, 3), Rule.FA, Rounding.STOCHASTIC, 2, MemoryStyle.GENERIC)));
        out.add(Arguments.of(spec(List.of(5, 3), Rule.BP, Rounding.NEAREST, 1, MemoryStyle.GENERIC)));
        out.add(Arguments.of(spec(List.of(3, 6, 2), Rule.KP, Rounding.STOCHASTIC, 3, MemoryStyle.GENERIC)));
        out.add(Arguments.of(spec(List.of(2, 6, 4), Rule.URF, Rounding.STOCHASTIC, 6, MemoryStyle.SPRAM)));
        out.add(Arguments.of(spec(List.of(6, 5, 3), Rule.FA, Rounding.NEAREST, 30, MemoryStyle.GENERIC)));
        out.add(Arguments.of(spec(List.of(1, 4, 1), Rule.KP, Rounding.STOCHASTIC, 4, MemoryStyle.SPRAM)));
        for (int lanes : new int[] {1, 2, 4, 8, 16}) {
            out.add(Arguments.of(DesignSpec.fashionMnist().withLanes(lanes).withMemory(lanes > 4 ? MemoryStyle.GENERIC : MemoryStyle.SPRAM)));
        }
        for (Rule rule : List.of(Rule.BP, Rule.FA, Rule.SS, Rule.URF)) {
            out.add(Arguments.of(DesignSpec.fashionMnist().withRule(rule)));
        }
        // Lanes past every layer's used lanes (no unit), and SPRAM designs without any B (no W latch).
        out.add(Arguments.of(spec(List.of(4, 3, 2), Rule.KP, Rounding.NEAREST, 18, MemoryStyle.GENERIC)));
        out.add(Arguments.of(spec(List.of(4, 3, 2), Rule.URF, Rounding.STOCHASTIC, 18, MemoryStyle.SPRAM)));
        out.add(Arguments.of(spec(List.of(12, 12), Rule.FA, Rounding.NEAREST, 4, MemoryStyle.SPRAM)));
        out.add(Arguments.of(spec(List.of(12, 12), Rule.KP, Rounding.STOCHASTIC, 6, MemoryStyle.SPRAM)));
        // Ragged lane counts (docs/architecture.md, "Ragged chunks"): idle lanes in a row's last
        // chunk, idle rows in a layer's last row group; then random ragged designs.
        out.add(Arguments.of(spec(List.of(10, 5, 4), Rule.KP, Rounding.STOCHASTIC, 3, MemoryStyle.SPRAM)));
        out.add(Arguments.of(spec(List.of(10, 5, 4), Rule.BP, Rounding.NEAREST, 7, MemoryStyle.GENERIC)));
        out.add(Arguments.of(spec(List.of(7, 5, 3), Rule.URF, Rounding.STOCHASTIC, 2, MemoryStyle.SPRAM)));
        out.add(Arguments.of(spec(List.of(2, 5, 3), Rule.FA, Rounding.STOCHASTIC, 4, MemoryStyle.GENERIC)));
        out.add(Arguments.of(spec(List.of(3, 2, 5), Rule.SS, Rounding.NEAREST, 6, MemoryStyle.SPRAM)));
        out.add(Arguments.of(spec(List.of(784, 100, 10), Rule.KP, Rounding.STOCHASTIC, 8, MemoryStyle.GENERIC)));
        out.add(Arguments.of(DesignSpec.fashionMnist().withLanes(3)));
        out.addAll(randomRagged(Long.getLong("heterosyn.lintSeed", 20260508L), 8));
        return out.stream();
    }

    /** Random designs with at least one ragged layer: shapes, lanes, rules, roundings, memories. */
    static List<Arguments> randomRagged(long seed, int n) {
        System.out.println("lint: random ragged designs, seed " + seed);
        SplittableRandom rng = new SplittableRandom(seed);
        List<Arguments> out = new ArrayList<>();
        while (out.size() < n) {
            List<Integer> layers = new ArrayList<>();
            int depth = 2 + rng.nextInt(3);
            for (int i = 0; i < depth; i++) layers.add(1 + rng.nextInt(16));
            int total = 0;
            for (int k = 0; k + 1 < depth; k++) total += layers.get(k) * layers.get(k + 1);
            DesignSpec s;
            try {
                s = spec(layers, Rule.hardware().get(rng.nextInt(Rule.hardware().size())), Rounding.values()[rng.nextInt(2)],
                        1 + rng.nextInt(Math.min(total, 40)), MemoryStyle.values()[rng.nextInt(2)]);
            } catch (SpecException tooBigForSpram) {
                continue;
            }
            if (new Layout(s).layers().stream().anyMatch(Layout.LayerLayout::ragged)) out.add(Arguments.of(s));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void lintIsClean(DesignSpec spec, @TempDir Path dir) throws Exception {
        Generator.Result r = gen.run(spec, dir);
        List<String> cmd = new ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "--no-timing",
                "--top-module", r.manifest().top(), DesignDir.LINT_WAIVERS));
        for (Path p : r.sources()) cmd.add(dir.relativize(p).toString());
        for (Path p : r.simSources()) cmd.add(dir.relativize(p).toString());
        ExternalTool.Run run = ExternalTool.run(dir, cmd, 300);
        assertEquals("", run.output().strip(), "verilator -Wall on " + spec);
        assertEquals(0, run.exit());
    }
}
