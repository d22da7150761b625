package org.heterosyn.protocol;

import org.heterosyn.docs.DocsPage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/protocol.md's tables of opcodes, status words and status codes are the declarations of this package. */
@Tag("unit")
class ProtocolDocumentTest {
    private static final DocsPage PAGE = DocsPage.read("protocol.md");

    @Test
    void commandTableIsOpcode() {
        List<List<String>> declared = new ArrayList<>();
        for (Opcode o : Opcode.values()) {
            declared.add(List.of(String.format(Locale.ROOT, "`0x%02x`", o.code()), o.name(), o.arg().text(),
                    o.length().text(), o.follows(), o.payload()));
        }
        assertEquals(declared, PAGE.table("opcode", "name", "arg", "length", "words after the header", "response payload"),
                PAGE + " commands");
    }

    @Test
    void statusWordTableIsStatusWord() {
        List<List<String>> rows = PAGE.table("word", "name", "value");
        List<List<String>> declared = new ArrayList<>();
        for (StatusWord w : StatusWord.values()) declared.add(List.of(Integer.toString(w.ordinal()), w.id()));
        assertEquals(declared, rows.stream().map(r -> r.subList(0, 2)).toList(), PAGE + " status words");
        String magic = String.format(Locale.ROOT, "`0x%08x`", Header.MAGIC);
        assertTrue(rows.get(StatusWord.MAGIC.ordinal()).get(2).startsWith(magic), PAGE + ": the magic word is " + magic);
    }

    /** The packing example after "## Packed inputs" is what Command.InferPacked sends for codes 1..5. */
    @Test
    void packingExampleIsPackedInputs() {
        List<String> lines = PAGE.lines();
        int at = lines.indexOf("## Packed inputs");
        assertTrue(at >= 0, PAGE + " has a section ## Packed inputs");
        int open = lines.subList(at, lines.size()).indexOf("08000005   # INFER_PACKED, 5 inputs") + at;
        assertTrue(open > at, PAGE + ": the packing example starts with the INFER_PACKED header");
        StringBuilder block = new StringBuilder();
        for (int i = open; !lines.get(i).startsWith("```"); i++) block.append(lines.get(i)).append('\n');
        assertArrayEquals(new Command.InferPacked(new int[] {1, 2, 3, 4, 5}).words(), HexWords.parse(block.toString(), PAGE.toString()));
    }

    @Test
    void statusCodeTableIsStatus() {
        List<List<String>> declared = new ArrayList<>();
        for (Status s : Status.values()) declared.add(List.of(s.name(), Integer.toString(s.code())));
        assertEquals(declared, PAGE.table("status", "code", "when").stream().map(r -> r.subList(0, 2)).toList(),
                PAGE + " status codes");
    }
}
