package org.heterosyn.board;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds boards: the folders shipped in {@code fpga/boards/} (on the classpath as {@code boards/}), or
 * any folder holding a {@code board.json} and its pin file. Adding a board is adding a folder.
 */
public final class Boards {
    public static final String DEFAULT = "icebreaker";
    static final String FILE = "board.json";
    private static final String ROOT = "boards";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private Boards() {}

    /** A shipped board by name, or a board folder by path (anything containing a '/'). */
    public static Board load(String nameOrDir) {
        if (nameOrDir.contains("/")) return fromDir(Path.of(nameOrDir));
        String resource = ROOT + "/" + nameOrDir + "/" + FILE;
        try (InputStream in = Boards.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null)
                throw new BoardException("no board named '" + nameOrDir + "'; shipped boards: " + names());
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pin file of a board, as text. */
    public static String constraints(Board board) {
        String resource = ROOT + "/" + board.name() + "/" + board.constraints();
        try (InputStream in = Boards.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new BoardException("board " + board.name() + " has no pin file " + board.constraints());
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped boards' names, sorted. */
    public static List<String> names() {
        URL root = Boards.class.getClassLoader().getResource(ROOT);
        if (root == null) return List.of();
        try {
            URI uri = root.toURI();
            if (!"jar".equals(uri.getScheme())) return folders(Path.of(uri));
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return folders(jar.getPath(ROOT));
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list the shipped boards at " + root, e);
        }
    }

    static Board fromDir(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            Board b = parse(Files.readString(file), file.toString());
            if (!Files.isRegularFile(dir.resolve(b.constraints())))
                throw new BoardException(file + " names the pin file " + b.constraints() + ", which is not in " + dir);
            return b;
        } catch (IOException e) {
            throw new BoardException("cannot read board file " + file + ": " + e.getMessage(), e);
        }
    }

    static Board parse(String json, String source) {
        try {
            return MAPPER.readValue(json, Board.class);
        } catch (IOException e) {
            Throwable c = e.getCause() instanceof BoardException b ? b : e;
            throw new BoardException(source + ": " + c.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static List<String> folders(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.exists(p.resolve(FILE))).map(p -> p.getFileName().toString().replace("/", ""))
                    .sorted().toList();
        }
    }
}
