package org.heterosyn.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep's output directory: sweep.json and sweep.csv (one row per point, with its Pareto marks), and
 * the journal, sweep.journal.jsonl, where the driver appends each row the moment it arrives so that
 * an interrupted sweep loses no finished point. Reading both back gives the points already done.
 */
public final class SweepTable {
    public static final String JSON_FILE = "sweep.json";
    public static final String CSV_FILE = "sweep.csv";
    public static final String JOURNAL = "sweep.journal.jsonl";
    public static final String PARETO_CELLS = "pareto_cells";
    public static final String PARETO_SPEED = "pareto_speed";
    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private SweepTable() {}

    /** Rows finished in an earlier run of this output directory, ok ones only (a failed point runs again), by key. */
    public static Map<String, PointResult> done(Path dir) {
        Map<String, PointResult> done = new LinkedHashMap<>();
        try {
            if (Files.exists(dir.resolve(JSON_FILE))) {
                for (JsonNode row : JSON.readTree(dir.resolve(JSON_FILE).toFile()).path("rows")) keep(done, row);
            }
            if (Files.exists(dir.resolve(JOURNAL))) {
                for (String line : Files.readAllLines(dir.resolve(JOURNAL), StandardCharsets.UTF_8)) {
                    JsonNode row = journalLine(line);
                    if (row != null) keep(done, row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the earlier sweep in " + dir, e);
        }
        return done;
    }

    /** Appends one row to the journal and flushes it. */
    public static void journal(Path dir, PointResult r) {
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(JOURNAL), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            w.write(JSON.writeValueAsString(r));
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + dir.resolve(JOURNAL), e);
        }
    }

    /**
     * Writes sweep.json, sweep.csv and the Pareto plots next to each other in a temporary directory, then
     * renames each into place and removes the journal: a reader sees the old table or the new one.
     */
    public static void write(Path dir, List<PointResult> rows) {
        Path tmp = dir.resolve(".sweep-tmp");
        try {
            Files.createDirectories(tmp);
            Set<String> cellsFront = keys(Pareto.front(rows, Pareto::cells));
            Set<String> speedFront = keys(Pareto.front(rows, Pareto::slowness));
            List<ObjectNode> table = new ArrayList<>();
            for (PointResult r : rows) {
                ObjectNode o = JSON.valueToTree(r);
                o.put(PARETO_CELLS, cellsFront.contains(r.key()));
                o.put(PARETO_SPEED, speedFront.contains(r.key()));
                table.add(o);
            }
            ObjectNode root = JSON.createObjectNode();
            root.putArray("rows").addAll(table);
            Files.writeString(tmp.resolve(JSON_FILE), JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
            Files.writeString(tmp.resolve(CSV_FILE), csv(table));
            List<String> plots = SweepPlots.write(tmp, rows, cellsFront, speedFront);
            for (String f : plots) Files.move(tmp.resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            for (String f : List.of(CSV_FILE, JSON_FILE)) {
                Files.move(tmp.resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            Files.deleteIfExists(dir.resolve(JOURNAL));
            Files.delete(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep into " + dir, e);
        }
    }

    /** The JSON rows flattened: point fields first, then the row's own columns; lists joined by spaces. */
    static String csv(List<ObjectNode> table) {
        Set<String> columns = new LinkedHashSet<>();
        List<Map<String, String>> flat = new ArrayList<>();
        for (ObjectNode o : table) {
            Map<String, String> m = new LinkedHashMap<>();
            o.path("fields").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
            flatten(o, m);
            columns.addAll(m.keySet());
            flat.add(m);
        }
        StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, String> m : flat) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) cells.add(quote(m.getOrDefault(c, "")));
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    private static void flatten(JsonNode o, Map<String, String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (e.getKey().equals("fields")) continue;
            if (v.isObject()) {
                flatten(v, out);
            } else if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(x -> items.add(x.isNull() ? "" : x.asText()));
                out.putIfAbsent(e.getKey(), String.join(" ", items));
            } else {
                out.putIfAbsent(e.getKey(), v.isNull() ? "" : v.asText());
            }
        }
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static void keep(Map<String, PointResult> done, JsonNode row) throws JsonProcessingException {
        PointResult r = JSON.treeToValue(row, PointResult.class);
        if (r.ok()) done.put(r.key(), r);
    }

    /** A journal line, or null for the torn last line of a driver killed while writing it. */
    private static JsonNode journalLine(String line) {
        try {
            return line.isBlank() ? null : JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Set<String> keys(List<PointResult> rows) {
        Set<String> s = new HashSet<>();
        for (PointResult r : rows) s.add(r.key());
        return s;
    }

}
