package org.heterosyn.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.heterosyn.board.Boards;
import org.heterosyn.data.DataChoice;
import org.heterosyn.fpga.Flow;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.SpecException;
import org.heterosyn.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep's grid file (docs/sweeps.md, "Grid file"): a base spec, the points (a cartesian "grid" of
 * axes or an explicit "points" list, over spec fields and the board fields; an axis value may be an
 * object that sets several fields), and the training settings.
 * A point's spec is the base spec's JSON with the point's fields replaced, read back by SpecJson, so
 * the spec's own field names and checks apply and no list of fields is kept here.
 */
public record Grid(List<SweepPoint> points) {
    /** A point's board (fpga/boards/NAME or a folder) and clock, the target its samples/s are computed at. */
    public static final String BOARD = "board";
    public static final String CLOCK = "clockMhz";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP = Set.of("base", "grid", "points", BOARD, CLOCK, "training");
    private static final Set<String> TRAINING = Set.of("dataset", "dataDir", "limit", "testLimit", "epochs", "seed",
            "probeEvery", "teacherHidden", "teacherNoise", "teacherTrain", "teacherTest");

    public static Grid read(Path file) {
        try {
            return parse(JSON.readTree(Files.readString(file)), file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new GridException(file + ": cannot be read as JSON: " + e.getMessage(), e);
        }
    }

    /** {@code dir}: where a relative base spec path is found (the grid file's directory). */
    public static Grid parse(JsonNode root, Path dir) {
        if (root == null || !root.isObject()) throw new GridException("the grid file must be a JSON object");
        known(root, TOP, "");
        JsonNode training = root.path("training");
        if (!training.isMissingNode()) known(training, TRAINING, "training.");
        DesignSpec base = base(root.get("base"), dir);
        if (training.has("seed")) base = base.withSeed(training.get("seed").asLong());
        TrainingSettings settings = training(training);
        List<Map<String, JsonNode>> values = values(root);
        List<SweepPoint> points = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (Map<String, JsonNode> v : values) {
            SweepPoint p = point(points.size(), base, v, root, settings);
            // The same design twice (e.g. an axis value equal to the base) is one point.
            if (keys.add(p.key())) points.add(p);
        }
        return new Grid(List.copyOf(points));
    }

    private static DesignSpec base(JsonNode base, Path dir) {
        if (base == null) return SpecJson.readDefault();
        if (base.isObject()) return SpecJson.parse(base.toString(), "base");
        if (!base.isTextual()) throw new GridException("base: a spec file path or an inline spec object, got " + base);
        return SpecJson.read(dir.resolve(base.textValue()));
    }

    private static TrainingSettings training(JsonNode t) {
        DataChoice data = new DataChoice(t.path("dataset").asText(DataChoice.FASHION_MNIST),
                t.has("dataDir") ? t.get("dataDir").asText() : null,
                t.has("limit") ? integer(t, "limit") : null,
                t.has("testLimit") ? integer(t, "testLimit") : null,
                t.has("teacherHidden") ? integer(t, "teacherHidden") : DataChoice.TEACHER_HIDDEN,
                t.path("teacherNoise").asDouble(DataChoice.TEACHER_NOISE),
                t.has("teacherTrain") ? integer(t, "teacherTrain") : DataChoice.TEACHER_TRAIN,
                t.has("teacherTest") ? integer(t, "teacherTest") : DataChoice.TEACHER_TEST);
        return new TrainingSettings(data, t.has("epochs") ? integer(t, "epochs") : 1,
                t.has("probeEvery") ? integer(t, "probeEvery") : 100);
    }

    /** The field values of every point, in grid order (the last axis varies fastest). */
    private static List<Map<String, JsonNode>> values(JsonNode root) {
        if (root.has("grid") && root.has("points")) throw new GridException("grid, points: give one of them, not both");
        List<Map<String, JsonNode>> out = new ArrayList<>();
        if (root.has("points")) {
            if (!root.get("points").isArray()) throw new GridException("points: must be an array of objects");
            for (JsonNode p : root.get("points")) {
                if (!p.isObject()) throw new GridException("points: every point must be an object, got " + p);
                out.add(fields(p));
            }
            return out;
        }
        out.add(new LinkedHashMap<>());
        JsonNode grid = root.path("grid");
        if (grid.isMissingNode()) return out;
        if (!grid.isObject()) throw new GridException("grid: must be an object of axes, e.g. {\"lanes\": [1, 2, 4]}");
        for (Map.Entry<String, JsonNode> axis : fields(grid).entrySet()) {
            if (!axis.getValue().isArray() || axis.getValue().isEmpty()) {
                throw new GridException("grid." + axis.getKey() + ": must be a non-empty array of values");
            }
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> partial : out) {
                for (JsonNode v : axis.getValue()) {
                    Map<String, JsonNode> m = new LinkedHashMap<>(partial);
                    m.put(axis.getKey(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    private static SweepPoint point(int index, DesignSpec base, Map<String, JsonNode> v, JsonNode root,
                                    TrainingSettings settings) {
        ObjectNode spec = (ObjectNode) readTree(SpecJson.write(base));
        ObjectNode numerics = (ObjectNode) spec.get("numerics");
        String board = root.path(BOARD).asText(Boards.DEFAULT);
        double clock = root.path(CLOCK).asDouble(Flow.DEFAULT_TARGET_MHZ);
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, JsonNode> set = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : v.entrySet()) {
            JsonNode value = f.getValue();
            fields.put(f.getKey(), value.isTextual() ? value.textValue() : value.toString());
            // An object under any other name sets several fields at once: formats whose widths and
            // fraction bits only make sense together, e.g. "format": [{"valueBits": 12, "valueFrac": 8}, ...].
            if (value.isObject() && !isField(f.getKey(), spec)) set.putAll(fields(value));
            else set.put(f.getKey(), value);
        }
        for (Map.Entry<String, JsonNode> f : set.entrySet()) {
            String name = f.getKey();
            if (!isField(name, spec)) throw new GridException(name + ": not a field a sweep can vary; allowed: " + fieldNames(spec));
            if (name.equals(BOARD)) board = f.getValue().asText();
            else if (name.equals(CLOCK)) clock = f.getValue().asDouble();
            else if (numerics.has(name)) numerics.set(name, f.getValue());
            else spec.set(name, f.getValue());
        }
        if (!(clock > 0)) throw new GridException(CLOCK + ": must be positive, got " + clock);
        return new SweepPoint(index, fields, spec.toString(), board, clock, settings, key(spec, board, clock, settings));
    }

    /** A design the spec rejects is still a point: it fails with the spec's message, and the rest go on. */
    private static String key(ObjectNode spec, String board, double clock, TrainingSettings settings) {
        try {
            return SweepKeys.pointKey(SpecJson.parse(spec.toString(), "point"), board, clock, settings);
        } catch (SpecException e) {
            return SweepKeys.sha256("invalid " + spec + ";" + board + ";" + clock + ";" + settings.canonical()).substring(0, 16);
        }
    }

    private static boolean isField(String name, ObjectNode spec) {
        return fieldNames(spec).contains(name);
    }

    private static List<String> fieldNames(ObjectNode spec) {
        List<String> names = new ArrayList<>();
        spec.fieldNames().forEachRemaining(n -> { if (!n.equals("numerics") && !n.equals("name")) names.add(n); });
        spec.get("numerics").fieldNames().forEachRemaining(names::add);
        names.add(BOARD);
        names.add(CLOCK);
        return names;
    }

    private static Map<String, JsonNode> fields(JsonNode o) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    private static int integer(JsonNode parent, String key) {
        JsonNode v = parent.get(key);
        if (!v.isInt()) throw new GridException("training." + key + ": must be an integer, got " + v);
        return v.intValue();
    }

    private static void known(JsonNode node, Set<String> allowed, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) throw new GridException(prefix + k + ": unknown key; allowed: " + allowed.stream().sorted().toList());
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("SpecJson wrote JSON it cannot read", e);
        }
    }
}
