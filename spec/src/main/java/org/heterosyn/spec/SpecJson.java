package org.heterosyn.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes spec files (docs/spec.md). Reading is strict: an unknown key, a wrong type or a
 * value out of range is a {@link SpecException} naming the field, never a silent default.
 */
public final class SpecJson {
    // Strict reading: a key given twice or text after the object is a mistake to report, not to
    // resolve silently (Jackson would keep the last value and ignore the rest).
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> TOP = Set.of("name", "layers", "rule", "numerics", "lanes", "memory", "seed",
            "feedback");
    private static final Set<String> FEEDBACK = Set.of("neurons", "density", "seed");
    private static final Set<String> NUM = Set.of("valueBits", "valueFrac", "weightBits", "weightFrac",
            "etaShift", "decayShift", "feedbackShift", "rounding");

    private SpecJson() {}

    public static DesignSpec read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new SpecException("spec file " + file + " does not exist");
        } catch (IOException e) {
            throw new SpecException("spec file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The default Fashion-MNIST design, spec/specs/default.json, read from the classpath. */
    public static DesignSpec readDefault() {
        return readShipped("default.json");
    }

    /** A spec file shipped in spec/specs/, by file name. */
    public static DesignSpec readShipped(String fileName) {
        try (InputStream in = SpecJson.class.getResourceAsStream("specs/" + fileName)) {
            if (in == null) throw new SpecException("no shipped spec named " + fileName + " (see spec/specs/)");
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), fileName);
        } catch (IOException e) {
            throw new IllegalStateException("default spec resource missing", e);
        }
    }

    public static DesignSpec parse(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SpecException(source + ": not valid JSON: " + e.getOriginalMessage() + where(e.getLocation()), e);
        }
        if (root == null || !root.isObject()) throw new SpecException(source + ": the spec must be a JSON object");
        unknownKeys(root, TOP, "");
        Numerics d = Numerics.defaults();
        JsonNode n = root.path("numerics");
        if (!n.isMissingNode() && !n.isObject()) throw new SpecException("numerics: must be an object");
        if (n.isObject()) unknownKeys(n, NUM, "numerics.");
        Numerics num = new Numerics(
                integer(n, "valueBits", "numerics.", d.valueBits()),
                integer(n, "valueFrac", "numerics.", d.valueFrac()),
                integer(n, "weightBits", "numerics.", d.weightBits()),
                integer(n, "weightFrac", "numerics.", d.weightFrac()),
                integer(n, "etaShift", "numerics.", d.etaShift()),
                integer(n, "decayShift", "numerics.", d.decayShift()),
                integer(n, "feedbackShift", "numerics.", d.feedbackShift()),
                Rounding.parse(text(n, "rounding", "numerics.", d.rounding().id())));
        JsonNode layersNode = root.get("layers");
        if (layersNode == null) throw new SpecException("layers: missing (e.g. \"layers\": [784, 64, 10])");
        if (!layersNode.isArray()) throw new SpecException("layers: must be an array of neuron counts");
        List<Integer> layers = new ArrayList<>();
        for (int i = 0; i < layersNode.size(); i++) {
            JsonNode v = layersNode.get(i);
            if (!v.isInt()) throw new SpecException("layers[" + i + "]: must be an integer, got " + v);
            layers.add(v.intValue());
        }
        if (!root.has("rule")) throw new SpecException("rule: missing; allowed: [bp, fa, ss, kp, urf, hsp]");
        JsonNode seed = root.path("seed");
        long seedValue = 1;
        if (!seed.isMissingNode()) {
            if (!seed.canConvertToExactIntegral() || !seed.canConvertToLong()) {
                throw new SpecException("seed: must be an integer in [0, " + DesignSpec.MAX_SEED + "], got " + seed);
            }
            seedValue = seed.longValue();
        }
        Rule rule = Rule.parse(text(root, "rule", "", null));
        return new DesignSpec(
                text(root, "name", "", "design"),
                layers,
                rule,
                num,
                integer(root, "lanes", "", 1),
                MemoryStyle.parse(text(root, "memory", "", "generic")),
                seedValue,
                feedback(root, rule, layers, seedValue));
    }

    /**
     * hsp's feedback network: each key defaults to {@link FeedbackNetwork#defaults}; given for another
     * rule, DesignSpec refuses it.
     */
    private static FeedbackNetwork feedback(JsonNode root, Rule rule, List<Integer> layers, long seed) {
        JsonNode f = root.path("feedback");
        if (f.isMissingNode()) {
            return rule == Rule.HSP && !layers.isEmpty() ? FeedbackNetwork.defaults(layers.get(layers.size() - 1), seed) : null;
        }
        if (!f.isObject()) throw new SpecException("feedback: must be an object");
        unknownKeys(f, FEEDBACK, "feedback.");
        FeedbackNetwork d = FeedbackNetwork.defaults(layers.isEmpty() ? 1 : layers.get(layers.size() - 1), seed);
        JsonNode density = f.get("density");
        if (density != null && !density.isNumber()) throw new SpecException("feedback.density: must be a number, got " + density);
        JsonNode fs = f.get("seed");
        if (fs != null && (!fs.canConvertToExactIntegral() || !fs.canConvertToLong())) {
            throw new SpecException("feedback.seed: must be an integer in [0, " + DesignSpec.MAX_SEED + "], got " + fs);
        }
        return new FeedbackNetwork(integer(f, "neurons", "feedback.", d.neurons()),
                density == null ? d.density() : density.doubleValue(), fs == null ? d.seed() : fs.longValue());
    }

    public static String write(DesignSpec s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", s.name());
        ArrayNode layers = root.putArray("layers");
        s.layers().forEach(layers::add);
        root.put("rule", s.rule().id());
        ObjectNode n = root.putObject("numerics");
        Numerics x = s.numerics();
        n.put("valueBits", x.valueBits());
        n.put("valueFrac", x.valueFrac());
        n.put("weightBits", x.weightBits());
        n.put("weightFrac", x.weightFrac());
        n.put("etaShift", x.etaShift());
        n.put("decayShift", x.decayShift());
        n.put("feedbackShift", x.feedbackShift());
        n.put("rounding", x.rounding().id());
        root.put("lanes", s.lanes());
        root.put("memory", s.memory().id());
        root.put("seed", s.seed());
        if (s.feedback() != null) {
            ObjectNode f = root.putObject("feedback");
            f.put("neurons", s.feedback().neurons());
            f.put("density", s.feedback().density());
            f.put("seed", s.feedback().seed());
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Jackson gives no location for some errors (a nesting-depth limit, for one). */
    private static String where(JsonLocation at) {
        return at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new SpecException(prefix + k + ": unknown key; allowed: " + known.stream().sorted().toList());
            }
        }
    }

    private static int integer(JsonNode parent, String key, String prefix, int dflt) {
        JsonNode v = parent.get(key);
        if (v == null) return dflt;
        if (!v.isInt()) throw new SpecException(prefix + key + ": must be an integer, got " + v);
        return v.intValue();
    }

    private static String text(JsonNode parent, String key, String prefix, String dflt) {
        JsonNode v = parent.get(key);
        if (v == null) {
            if (dflt == null) throw new SpecException(prefix + key + ": missing");
            return dflt;
        }
        if (!v.isTextual()) throw new SpecException(prefix + key + ": must be a string, got " + v);
        return v.textValue();
    }
}
