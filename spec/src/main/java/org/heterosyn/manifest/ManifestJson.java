package org.heterosyn.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** manifest.json, written by rtl-gen and read by the emulator, driver and testbenches. */
public final class ManifestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestJson() {}

    public static String write(Manifest m) {
        try {
            return MAPPER.writeValueAsString(m) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("manifest does not serialize", e);
        }
    }

    public static void write(Manifest m, Path file) throws IOException {
        Files.writeString(file, write(m));
    }

    public static Manifest read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), Manifest.class);
    }

    public static Manifest parse(String json) throws IOException {
        return MAPPER.readValue(json, Manifest.class);
    }
}
