package org.heterosyn.spec;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Writing a spec and reading it back is the identity, for the shipped specs and every rule/format. */
@Tag("unit")
class SpecJsonRoundTripTest {

    /** spec/specs/*.json, found from the module directory (surefire's working directory) or the repo root. */
    static List<String> shippedNames() throws IOException {
        Path dir = Files.isDirectory(Path.of("specs")) ? Path.of("specs") : Path.of("spec", "specs");
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    private static void assertRoundTrip(DesignSpec s) {
        String text = SpecJson.write(s);
        DesignSpec back = SpecJson.parse(text, "round-trip");
        assertEquals(s, back, text);
        assertEquals(text, SpecJson.write(back));
    }

    @Test
    void shippedSpecsRoundTrip() throws IOException {
        List<String> names = shippedNames();
        assertFalse(names.isEmpty(), "no shipped specs found");
        for (String name : names) assertRoundTrip(SpecJson.readShipped(name));
    }

    @Test
    void shippedSpecsAreTheNamedDefaults() {
        assertEquals(DesignSpec.fashionMnist(), SpecJson.readDefault());
        assertEquals(DesignSpec.tiny(), SpecJson.readShipped("tiny.json"));
    }

    @Test
    void everyRuleRoundingAndMemoryRoundTrips() {
        for (Rule rule : Rule.values()) {
            for (Rounding r : Rounding.values()) {
                for (MemoryStyle m : MemoryStyle.values()) {
                    assertRoundTrip(DesignSpec.tiny().withRule(rule).withMemory(m)
                            .withNumerics(Numerics.defaults().withRounding(r)).withSeed(4294967295L));
                }
            }
        }
        assertRoundTrip(new DesignSpec("odd.name-1", List.of(65535, 1, 7, 3), Rule.URF,
                new Numerics(24, 22, 16, 15, 2, 0, 3, Rounding.NEAREST), 65535, MemoryStyle.GENERIC, 0));
    }

    @Test
    void fileRoundTrip(@TempDir Path dir) throws IOException {
        DesignSpec s = DesignSpec.fashionMnist().withRule(Rule.FA).withSeed(99);
        Path f = dir.resolve("s.json");
        Files.writeString(f, SpecJson.write(s));
        assertEquals(s, SpecJson.read(f));
    }

    @Test
    void omittedKeysTakeTheDocumentedDefaults() {
        DesignSpec s = SpecJson.parse("{\"layers\": [3, 2], \"rule\": \"bp\"}", "min");
        assertEquals(new DesignSpec("design", List.of(3, 2), Rule.BP, Numerics.defaults(), 1, MemoryStyle.GENERIC, 1), s);
    }
}
