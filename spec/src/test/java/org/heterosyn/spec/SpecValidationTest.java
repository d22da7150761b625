package org.heterosyn.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rejected spec names the offending field and, where there is one, the allowed range. */
@Tag("unit")
class SpecValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A valid 4-3-2 kp spec with every key present, edited by {@code edit}. */
    private static String spec(Consumer<ObjectNode> edit) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", "t");
        root.putArray("layers").add(4).add(3).add(2);
        root.put("rule", "kp");
        ObjectNode n = root.putObject("numerics");
        n.put("valueBits", 16).put("valueFrac", 12).put("weightBits", 16).put("weightFrac", 12)
                .put("etaShift", 7).put("decayShift", 9).put("feedbackShift", 4).put("rounding", "stochastic");
        root.put("lanes", 1);
        root.put("memory", "generic");
        root.put("seed", 1);
        edit.accept(root);
        return root.toString();
    }

    private static String rejected(String json) {
        return assertThrows(SpecException.class, () -> SpecJson.parse(json, "t.json")).getMessage();
    }

    private static ObjectNode num(ObjectNode root) {
        return (ObjectNode) root.get("numerics");
    }

    @Test
    void baseSpecIsValid() {
        DesignSpec s = SpecJson.parse(spec(r -> {}), "t.json");
        assertEquals(DesignSpec.tiny().withName("t"), s);
    }

    @Test
    void badJsonNamesTheSourceAndPosition() {
        String m = rejected("{\"layers\": [4, 3,\n  \"rule\" }");
        assertTrue(m.startsWith("t.json: not valid JSON"), m);
        assertTrue(m.contains("line 2"), m);
        assertEquals("t.json: the spec must be a JSON object", rejected("[4, 3, 2]"));
    }

    @Test
    void unknownKeysAreNamedWithTheAllowedOnes() {
        String m = rejected(spec(r -> r.put("colour", "red")));
        assertEquals("colour: unknown key; allowed: [feedback, lanes, layers, memory, name, numerics, rule, seed]", m);
        m = rejected(spec(r -> num(r).put("valueBitz", 8)));
        assertTrue(m.startsWith("numerics.valueBitz: unknown key; allowed: [decayShift, etaShift, feedbackShift,"), m);
        assertEquals("numerics: must be an object", rejected(spec(r -> r.put("numerics", 16))));
    }

    @Test
    void unknownRuleRoundingAndMemoryListTheChoices() {
        assertEquals("rule: unknown rule 'xp'; allowed: [bp, fa, ss, kp, urf, hsp]", rejected(spec(r -> r.put("rule", "xp"))));
        assertEquals("rule: unknown rule 'KP'; allowed: [bp, fa, ss, kp, urf, hsp]", rejected(spec(r -> r.put("rule", "KP"))));
        assertTrue(rejected(spec(r -> r.remove("rule"))).startsWith("rule: missing; allowed: [bp, fa, ss, kp, urf, hsp]"));
        assertEquals("rule: must be a string, got 5", rejected(spec(r -> r.put("rule", 5))));
        assertEquals("numerics.rounding: unknown rounding 'up'; allowed: [nearest, stochastic]",
                rejected(spec(r -> num(r).put("rounding", "up"))));
        assertEquals("memory: unknown memory style 'bram'; allowed: [generic, spram]",
                rejected(spec(r -> r.put("memory", "bram"))));
    }

    @Test
    void layersAreChecked() {
        assertTrue(rejected(spec(r -> r.remove("layers"))).startsWith("layers: missing"));
        assertEquals("layers: must be an array of neuron counts", rejected(spec(r -> r.put("layers", 4))));
        assertTrue(rejected(spec(r -> r.putArray("layers").add(4))).startsWith("layers: need at least 2 sizes"));
        assertEquals("layers[1]: 0 is out of range [1, 65535]",
                rejected(spec(r -> r.putArray("layers").add(4).add(0).add(2))));
        assertEquals("layers[0]: 65536 is out of range [1, 65535]",
                rejected(spec(r -> r.putArray("layers").add(65536).add(2))));
        assertEquals("layers[2]: must be an integer, got 2.5",
                rejected(spec(r -> r.putArray("layers").add(4).add(3).add(2.5))));
        assertEquals("lanes: must be an integer, got \"4\"", rejected(spec(r -> r.put("lanes", "4"))));
    }

    /** Widths that cannot hold the data: each message names the field and the allowed range. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "valueBits     | 3  | numerics.valueBits: 3 is out of range [4, 24]",
        "valueBits     | 25 | numerics.valueBits: 25 is out of range [4, 24]",
        "weightBits    | 2  | numerics.weightBits: 2 is out of range [4, 24]",
        "weightBits    | 32 | numerics.weightBits: 32 is out of range [4, 24]",
        "valueFrac     | 15 | numerics.valueFrac: 15 is out of range [0, 14]",
        "valueFrac     | -1 | numerics.valueFrac: -1 is out of range [0, 14]",
        "weightFrac    | 16 | numerics.weightFrac: 16 is out of range [0, 15]",
        "etaShift      | 25 | numerics.etaShift: 25 is out of range [0, 24]",
        "decayShift    | -1 | numerics.decayShift: -1 is out of range [0, 24]",
        "feedbackShift | 13 | numerics.feedbackShift: 13 is out of range [0, 12]",
    })
    void numericFieldsOutOfRange(String field, int value, String message) {
        assertEquals(message, rejected(spec(r -> num(r).put(field, value))));
    }

    @Test
    void formatsThatCannotCarryTheUpdate() {
        // the product e*h has 2*valueFrac fraction bits; it must hold the weight's
        String m = rejected(spec(r -> num(r).put("valueFrac", 4)));
        assertTrue(m.startsWith("numerics.weightFrac: 12 exceeds 2*valueFrac = 8"), m);
        // e*h*2^decayShift must fit the exact increment (the 64-bit overflow this limit prevents)
        m = rejected(spec(r -> num(r).put("valueBits", 24).put("weightBits", 24).put("etaShift", 0).put("decayShift", 15)));
        assertTrue(m.startsWith("numerics.decayShift: 15 is out of range [0, 14] for valueBits 24"), m);
        assertDoesNotThrow(() -> new Numerics(24, 12, 24, 12, 0, 14, 4, Rounding.NEAREST));
        assertThrows(SpecException.class, () -> new Numerics(24, 8, 16, 12, 0, 20, 4, Rounding.NEAREST));
        // the rounding may drop at most the 32 bits of one dither word
        m = rejected(spec(r -> num(r).put("valueFrac", 14).put("weightFrac", 0).put("feedbackShift", 0)
                .put("etaShift", 3).put("decayShift", 2)));
        assertEquals("numerics: 2*valueFrac - weightFrac + etaShift + decayShift = 33 exceeds 32"
                + " (the dither is one 32-bit word); lower etaShift or decayShift", m);
        assertDoesNotThrow(() -> new Numerics(16, 14, 16, 0, 3, 1, 0, Rounding.STOCHASTIC));
    }

    @Test
    void anyLanesFromOneToTheFullyParallelArray() {
        assertEquals("lanes: 0 must be at least 1", rejected(spec(r -> r.put("lanes", 0))));
        // 4-3-2 has 12 + 6 synapses: every lane count from 1 to 18 is a design, tiling or not
        for (int l = 1; l <= 18; l++) {
            int lanes = l;
            assertEquals(l, SpecJson.parse(spec(r -> r.put("lanes", lanes)), "t").lanes(), "lanes " + l);
        }
        assertEquals("lanes: 19 exceeds the design's 18 synapses; lanes = 18 is the fully parallel array",
                rejected(spec(r -> r.put("lanes", 19))));
        // the examples, refused before ragged chunks
        assertDoesNotThrow(() -> DesignSpec.tiny().withLayers(List.of(10, 5, 4)).withLanes(7));
        assertDoesNotThrow(() -> DesignSpec.tiny().withLayers(List.of(7, 5, 3)).withLanes(2));
        assertDoesNotThrow(() -> DesignSpec.tiny().withLayers(List.of(784, 100, 10)).withLanes(8));
        assertDoesNotThrow(() -> DesignSpec.fashionMnist().withLanes(3));
    }

    @Test
    void spramLimits() {
        String m = rejected(spec(r -> {
            r.put("memory", "spram");
            num(r).put("weightBits", 17);
        }));
        assertEquals("numerics.weightBits: 17 exceeds the SPRAM word width 16 (memory: spram)", m);
        // 256*128 + 2 * 128*129 = 65792 words (kp stores B_1 too) is more than a UP5K's four blocks hold, but
        // the block count is a board fact: the FPGA flow's fit check refuses it (FitTest), the spec does not.
        DesignSpec big = DesignSpec.tiny().withLayers(List.of(256, 128, 129));
        assertDoesNotThrow(() -> big.withMemory(MemoryStyle.SPRAM), "no board in the spec");
        assertEquals(MemoryStyle.SPRAM, DesignSpec.fashionMnist().memory());
    }

    @Test
    void seedRange() {
        assertEquals("seed: -1 is out of range [0, 4294967295]", rejected(spec(r -> r.put("seed", -1))));
        assertEquals("seed: 4294967296 is out of range [0, 4294967295]", rejected(spec(r -> r.put("seed", 4294967296L))));
        assertEquals("seed: must be an integer in [0, 4294967295], got 1.5", rejected(spec(r -> r.put("seed", 1.5))));
        assertEquals("seed: must be an integer in [0, 4294967295], got \"7\"", rejected(spec(r -> r.put("seed", "7"))));
        assertEquals(4294967295L, SpecJson.parse(spec(r -> r.put("seed", 4294967295L)), "t").seed());
        assertEquals(0L, SpecJson.parse(spec(r -> r.put("seed", 0)), "t").seed());
    }

    @Test
    void nameCharacters() {
        String m = rejected(spec(r -> r.put("name", "bad name!")));
        assertTrue(m.startsWith("name: 'bad name!' must be 1 to 64 letters, digits"), m);
        assertTrue(rejected(spec(r -> r.put("name", ""))).startsWith("name: '' must be 1 to 64"));
    }

    @Test
    void missingFileIsNamed() {
        String m = assertThrows(SpecException.class,
                () -> SpecJson.read(java.nio.file.Path.of("/nonexistent/heterosyn/spec.json"))).getMessage();
        assertEquals("spec file /nonexistent/heterosyn/spec.json does not exist", m);
        assertTrue(assertThrows(SpecException.class, () -> SpecJson.readShipped("nope.json")).getMessage()
                .startsWith("no shipped spec named nope.json"));
    }

    @Test
    void hspFeedbackNetworkIsValidatedWithOneLineErrors() {
        String hsp = "{\"layers\": [5, 5, 5], \"rule\": \"hsp\", ";
        assertEquals("feedback.density: 0.0 is out of range (0, 1]",
                rejected(hsp + "\"feedback\": {\"neurons\": 5, \"density\": 0}}"));
        assertEquals("feedback.neurons: 0 is out of range [1, 65535]",
                rejected(hsp + "\"feedback\": {\"neurons\": 0}}"));
        assertEquals("feedback.seed: -1 is out of range [0, 4294967295]",
                rejected(hsp + "\"feedback\": {\"seed\": -1}}"));
        assertEquals("feedback.wiring: unknown key; allowed: [density, neurons, seed]",
                rejected(hsp + "\"feedback\": {\"wiring\": 1}}"));
        assertEquals("feedback.density: must be a number, got \"dense\"",
                rejected(hsp + "\"feedback\": {\"density\": \"dense\"}}"));
        assertEquals("feedback: only rule hsp has a feedback network (rule is kp)",
                rejected("{\"layers\": [5, 5, 5], \"rule\": \"kp\", \"feedback\": {}}"));
        DesignSpec d = SpecJson.parse(hsp + "\"seed\": 9}", "t");
        assertEquals(new FeedbackNetwork(5, 1.0, 9), d.feedback(), "defaults: N = outputs, dense, the design's seed");
        assertEquals(d, SpecJson.parse(SpecJson.write(d), "round trip"));
    }

    @Test
    void hspIsRefusedByTheHardwareInOneLine() {
        SpecException e = assertThrows(SpecException.class, () -> Rule.HSP.requireHardware("generate"));
        assertEquals("rule hsp: not in hardware yet (generate refused; the float reference and the fast model run it:"
                + " heterosyn train --engine reference|fast)", e.getMessage());
        Rule.URF.requireHardware("generate");
        assertEquals(List.of(Rule.BP, Rule.FA, Rule.SS, Rule.KP, Rule.URF), Rule.hardware());
    }
}
