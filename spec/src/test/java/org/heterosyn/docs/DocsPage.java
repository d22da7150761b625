package org.heterosyn.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A page of the project's docs/ and the markdown tables in it, for tests that hold docs equal to code. */
public final class DocsPage {
    private final String name;
    private final List<String> lines;

    private DocsPage(String name, List<String> lines) {
        this.name = name;
        this.lines = lines;
    }

    /** docs/{@code name}, found from the directory the tests run in (a module's) upwards. */
    public static DocsPage read(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path page = dir.resolve("docs").resolve(name);
            if (Files.isRegularFile(page)) {
                try {
                    return new DocsPage("docs/" + name, Files.readAllLines(page));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("no docs/" + name + " above " + Path.of("").toAbsolutePath());
    }

    public List<String> lines() { return lines; }

    /**
     * The body rows of the table whose header row has exactly the cells {@code header}, each row as
     * its trimmed cells (backticks kept).
     */
    public List<List<String>> table(String... header) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (!lines.get(i).startsWith("|") || !cells(lines.get(i)).equals(Arrays.asList(header))) continue;
            List<List<String>> rows = new ArrayList<>();
            for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) rows.add(cells(lines.get(j)));
            return rows;
        }
        throw new IllegalStateException(name + " has no table with the header " + Arrays.toString(header));
    }

    private static List<String> cells(String row) {
        String inner = row.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        List<String> out = new ArrayList<>();
        for (String c : inner.split("\\|", -1)) out.add(c.strip());
        return out;
    }

    @Override public String toString() { return name; }
}
