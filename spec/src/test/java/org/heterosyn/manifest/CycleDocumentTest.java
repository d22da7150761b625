package org.heterosyn.manifest;

import org.heterosyn.docs.DocsPage;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.SpecJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/architecture.md, "Cycle counts": its tables are CycleModel's formulas. */
@Tag("unit")
class CycleDocumentTest {
    private static final DocsPage PAGE = DocsPage.read("architecture.md");

    /** The designs of every term variant: generic and spram memory, each rounding. */
    private static List<DesignSpec> designs() {
        List<DesignSpec> out = new ArrayList<>();
        DesignSpec d = SpecJson.readDefault();
        for (MemoryStyle m : MemoryStyle.values()) {
            for (Rounding r : Rounding.values()) out.add(d.withMemory(m).withNumerics(d.numerics().withRounding(r)));
        }
        return out;
    }

    /** What the "design" column of the terms table means. */
    private static final Map<String, Predicate<DesignSpec>> CONDITIONS = Map.of(
            "any", s -> true,
            "stochastic rounding", s -> s.numerics().rounding() == Rounding.STOCHASTIC,
            "round to nearest", s -> s.numerics().rounding() == Rounding.NEAREST,
            "generic memory", s -> s.memory() == MemoryStyle.GENERIC,
            "spram memory", s -> s.memory() == MemoryStyle.SPRAM);

    @Test
    void commandTableIsTheCycleModels() {
        for (DesignSpec s : designs()) {
            CycleModel cm = new CycleModel(s);
            List<List<String>> model = new ArrayList<>();
            for (Opcode o : Opcode.values()) model.add(List.of(o.name(), cm.command(o).formula()));
            assertEquals(model, PAGE.table("command", "cycles"), PAGE + " commands, " + s.memory() + " " + s.numerics().rounding());
        }
    }

    @Test
    void rejectionTableIsTheCycleModels() {
        List<List<String>> model = new ArrayList<>();
        for (CycleModel.Cycles c : new CycleModel(SpecJson.readDefault()).rejections()) model.add(List.of(c.what(), c.formula()));
        assertEquals(model, PAGE.table("rejected at", "cycles"), PAGE + " rejections");
    }

    /** Each design's terms are the rows whose condition it meets, and every row is some design's. */
    @Test
    void termTableIsTheCycleModels() {
        List<List<String>> rows = PAGE.table("term", "design", "cycles");
        Set<List<String>> used = new HashSet<>();
        for (DesignSpec s : designs()) {
            List<List<String>> applying = rows.stream().filter(r -> condition(r.get(1)).test(s)).toList();
            List<List<String>> model = new ArrayList<>();
            for (CycleModel.Cycles t : new CycleModel(s).terms()) model.add(List.of(t.what(), t.formula()));
            assertEquals(model, applying.stream().map(r -> List.of(r.get(0), r.get(2))).toList(),
                    PAGE + " terms of a design with " + s.memory() + " memory, " + s.numerics().rounding() + " rounding");
            used.addAll(applying);
        }
        assertEquals(new HashSet<>(rows), used, PAGE + ": rows no design has");
    }

    @Test
    void defaultDesignCountsOfThePage() {
        CycleModel cm = new CycleModel(SpecJson.readDefault());
        String line = String.format(Locale.ROOT, "INFER %,d cycles, TRAIN %,d cycles.", cm.infer().value(),
                cm.train().value());
        assertTrue(PAGE.lines().stream().anyMatch(l -> l.endsWith(line)), PAGE + " should state: " + line);
    }

    private static Predicate<DesignSpec> condition(String text) {
        Predicate<DesignSpec> p = CONDITIONS.get(text);
        if (p == null) throw new AssertionError(PAGE + ": unknown design condition '" + text + "'");
        return p;
    }
}
