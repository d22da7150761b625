package org.heterosyn.fpga;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code report.json}: one value per {@link ReportField}, null where the stage cannot know it. */
public final class Report {
    public static final String FILE = "report.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<ReportField, Object> values = new EnumMap<>(ReportField.class);

    Report put(ReportField f, Object v) {
        values.put(f, v);
        return this;
    }

    public Object get(ReportField f) {
        return values.get(f);
    }

    public boolean fits() {
        return Boolean.TRUE.equals(values.get(ReportField.FITS));
    }

    /** The fields in declaration order, every one present. */
    public Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ReportField f : ReportField.values()) out.put(f.key(), values.get(f));
        return out;
    }

    public String json() {
        try {
            return MAPPER.writeValueAsString(asMap()) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes all or nothing: a temporary file beside the target, then an atomic rename over it. */
    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".report", ".tmp");
            try {
                Files.writeString(tmp, json());
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
