package org.heterosyn.spec;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spec gaps of issue 10: JSON Jackson would accept, unsafe names, sizes past the design's ints. */
@Tag("unit")
class SpecGapsTest {
    private static String rejected(String json) {
        return assertThrows(SpecException.class, () -> SpecJson.parse(json, "t.json")).getMessage();
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        String m = rejected("{\"layers\": [4, 3], \"rule\": \"kp\", \"rule\": \"bp\"}");
        assertTrue(m.startsWith("t.json: not valid JSON: Duplicate field 'rule'"), m);
        m = rejected("{\"layers\": [4, 3], \"rule\": \"kp\", \"numerics\": {\"etaShift\": 3, \"etaShift\": 4}}");
        assertTrue(m.contains("Duplicate field 'etaShift'"), m);
    }

    @Test
    void textAfterTheObjectIsAnError() {
        String m = rejected("{\"layers\": [4, 3], \"rule\": \"kp\"} garbage");
        assertTrue(m.startsWith("t.json: not valid JSON"), m);
        assertTrue(rejected("{\"layers\": [4, 3], \"rule\": \"kp\"} {}").startsWith("t.json: not valid JSON"));
    }

    /** Jackson's nesting limit reports no location; the message must still be one clear line. */
    @Test
    void deeplyNestedJsonIsAClearError() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String m = rejected(deep);
        assertTrue(m.startsWith("t.json: not valid JSON") && m.contains("nesting depth"), m);
    }

    @ParameterizedTest(name = "name \"{0}\"")
    @ValueSource(strings = {".", "..", ".hidden", "-rf", "a/b", "a b", ""})
    void unsafeNamesAreRejected(String name) {
        String m = rejected("{\"name\": \"" + name + "\", \"layers\": [4, 3], \"rule\": \"kp\"}");
        assertTrue(m.startsWith("name: '" + name + "' must be 1 to " + DesignSpec.MAX_NAME), m);
    }

    @Test
    void namesKeepTheirDotsInside() {
        assertEquals("v1.2-kp_a", SpecJson.parse("{\"name\": \"v1.2-kp_a\", \"layers\": [4, 3], \"rule\": \"kp\"}", "t").name());
        String tooLong = "a".repeat(DesignSpec.MAX_NAME + 1);
        assertTrue(rejected("{\"name\": \"" + tooLong + "\", \"layers\": [4, 3], \"rule\": \"kp\"}").startsWith("name:"));
    }

    /** 65535 x 65535 weights overflowed an int inside the generator; the spec now says why it is too big. */
    @Test
    void weightsPastTwoToTheThirtyOneAreRejected() {
        String m = assertThrows(SpecException.class, () -> DesignSpec.tiny().withLayers(List.of(65_535, 65_535))).getMessage();
        assertEquals("layers: [65535, 65535] store 4294836225 weights; at most 2147483647 (2^31 - 1) fit the design's addresses", m);
        // kp stores B beside W from the second layer on: 2 x 40000 x 30000 > 2^31 - 1 though W alone fits.
        m = assertThrows(SpecException.class, () -> DesignSpec.tiny().withLayers(List.of(2, 40_000, 30_000))).getMessage();
        assertTrue(m.contains("store 2400080000 weights"), m);
        DesignSpec.tiny().withRule(Rule.BP).withLayers(List.of(2, 40_000, 30_000));  // bp stores no B: 1.2e9 fits
    }
}
