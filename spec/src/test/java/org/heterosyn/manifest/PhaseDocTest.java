package org.heterosyn.manifest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/architecture.md's list of state_q codes is the Phase enum. */
@Tag("unit")
class PhaseDocTest {
    @Test
    void docPhaseCodesAreThePhases() throws IOException {
        String text = String.join(" ", RegistersDocTest.doc("docs/architecture.md"));
        Matcher list = Pattern.compile("holds a `Phase` code \\(([^)]*)\\)").matcher(text);
        assertEquals(true, list.find(), "docs/architecture.md names the Phase codes");
        List<String> expected = new ArrayList<>();
        for (Phase p : Phase.values()) expected.add(p.name() + " " + p.code());
        List<String> documented = new ArrayList<>();
        for (String item : list.group(1).split(",")) documented.add(item.trim().replaceAll("\\s+", " "));
        assertEquals(expected, documented);
    }
}
