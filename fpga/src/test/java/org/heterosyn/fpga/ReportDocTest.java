package org.heterosyn.fpga;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/fpga.md's report.json table is ReportField: the same keys, in order, with the same meanings. */
@Tag("unit")
class ReportDocTest {
    /** "## 2. report.json": the section heading, numbered or not. */
    private static final String SECTION = "^## (\\d+\\. )?report\\.json$";

    @Test
    void theDocsTableIsTheFieldList() throws IOException {
        List<String> expected = Arrays.stream(ReportField.values())
                .map(f -> "| `" + f.key() + "` | " + f.meaning() + " |").toList();
        assertEquals(String.join("\n", expected), String.join("\n", rows(doc("docs/fpga.md"))));
    }

    /** The table rows of the section, past its header and separator. */
    private static List<String> rows(List<String> lines) {
        int at = -1;
        for (int i = 0; i < lines.size() && at < 0; i++) if (lines.get(i).matches(SECTION)) at = i;
        if (at < 0) throw new AssertionError("docs/fpga.md has no section '" + SECTION + "'");
        List<String> out = new ArrayList<>();
        boolean inTable = false;
        for (String l : lines.subList(at + 1, lines.size())) {
            if (l.startsWith("## ")) break;
            if (l.startsWith("| `")) { out.add(l); inTable = true; }
            else if (inTable && !l.startsWith("|")) break;
        }
        return out;
    }

    private static List<String> doc(String relative) throws IOException {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve(relative);
            if (Files.isRegularFile(p)) return Files.readAllLines(p);
        }
        throw new IOException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
