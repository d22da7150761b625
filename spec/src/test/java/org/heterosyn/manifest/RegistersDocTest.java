package org.heterosyn.manifest;

import org.heterosyn.spec.DesignSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** docs/architecture.md's register table is the Registers declarations, as the default design has them. */
@Tag("unit")
class RegistersDocTest {
    static final String HEADING = "## Registers declared in tables";

    @Test
    void docTableIsTheDeclaration() throws IOException {
        Layout lay = new Layout(DesignSpec.fashionMnist());
        List<String> expected = new ArrayList<>();
        for (StateMap.Table t : StateMap.tables(lay)) {
            for (Registers.Decl r : t.registers()) {
                if (!r.present()) continue;
                expected.add("| `" + t.at() + r.q() + "` | " + r.width() + " | " + (r.reset() == null ? "none" : r.reset())
                        + " | " + r.role() + " |");
            }
        }
        assertEquals(String.join("\n", expected), String.join("\n", tableRows(doc("docs/architecture.md"))),
                "docs/architecture.md, " + HEADING + ": regenerate the rows from Registers");
    }

    /** The data rows of the first table after the heading. */
    static List<String> tableRows(List<String> lines) {
        int at = lines.indexOf(HEADING);
        if (at < 0) fail("no heading '" + HEADING + "'");
        List<String> rows = new ArrayList<>();
        boolean in = false;
        for (int i = at + 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("|")) {
                in = true;
                if (!l.startsWith("|---") && !l.startsWith("| register")) rows.add(l);
            } else if (in) {
                break;
            }
        }
        return rows;
    }

    static List<String> doc(String relative) throws IOException {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve(relative);
            if (Files.isRegularFile(p)) return Files.readAllLines(p);
        }
        throw new IOException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
