package org.heterosyn.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import org.heterosyn.data.Dataset;
import org.heterosyn.learning.FastEngine;
import org.heterosyn.learning.Trainer;
import org.heterosyn.manifest.CycleModel;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.SpecJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A small sweep in Spark's local mode: complete rows, the train command's bits, sane Pareto marks, resume. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LocalSweepTest {
    @TempDir static Path out;
    static Sweep.Outcome first;

    @BeforeAll
    static void sweep() throws Exception {
        Tools.requireFpgaFlow();
        first = SmallSweep.local().run(SmallSweep.grid(), out, SmallSweep.quiet());
    }

    @Test
    void everyPointHasEveryFigure() {
        assertEquals(4, first.rows().size());
        assertEquals(4, first.ran());
        for (PointResult r : first.rows()) {
            assertTrue(r.ok(), r.toString());
            for (Object v : List.of(r.specHash(), r.seed(), r.cyclesPerTrain(), r.samplesPerS(), r.testAccuracy(),
                    r.trainLoss(), r.gradCosine(), r.weightsSha256(), r.resources().cells(), r.resources().dsps(),
                    r.resources().fits(), r.tools().yosys(), r.tools().nextpnr(), r.tools().java(), r.tools().heterosyn())) {
                assertNotNull(v, r.toString());
            }
            assertEquals(FlowEstimator.NAME, r.resources().estimator());
            assertTrue(r.resources().cells() > 0, r.toString());
        }
    }

    @Test
    void figuresAreTheCycleModelsAndTheTrainCommands() throws Exception {
        for (PointResult r : first.rows()) {
            DesignSpec spec = SpecJson.parse(SmallSweep.grid().points().get(r.index()).specJson(), "test");
            long cycles = new CycleModel(spec).train().value();
            assertEquals(cycles, r.cyclesPerTrain());
            assertEquals(r.clockMhz() * 1e6 / cycles, r.samplesPerS(), 1e-9);
            // The same run as `heterosyn train --engine fast --dataset teacher --teacher-train 300 ...`.
            TrainingSettings t = SmallSweep.grid().points().get(r.index()).training();
            Dataset data = t.data().load(spec);
            FastEngine e = new FastEngine(spec);
            Trainer.TrainingRun run = Trainer.run(e, data, t.options(), (d, n) -> {});
            assertEquals(HexFormat.of().formatHex(e.weightsDigest()), r.weightsSha256(), "point " + r.fields());
            assertEquals(run.epochs().get(1).testAccuracy(), r.testAccuracy(), "point " + r.fields());
        }
    }

    @Test
    void paretoMarksAreTheFront() throws Exception {
        JsonNode rows = SweepTable.JSON.readTree(out.resolve(SweepTable.JSON_FILE).toFile()).path("rows");
        assertEquals(4, rows.size());
        Map<String, Boolean> onCells = new java.util.HashMap<>();
        for (JsonNode row : rows) onCells.put(row.path("key").asText(), row.path(SweepTable.PARETO_CELLS).asBoolean());
        assertTrue(onCells.containsValue(true), "a front is never empty: " + onCells);
        for (PointResult a : first.rows()) {
            boolean dominated = first.rows().stream().anyMatch(b -> b.testAccuracy() >= a.testAccuracy()
                    && b.resources().cells() <= a.resources().cells()
                    && (b.testAccuracy() > a.testAccuracy() || b.resources().cells() < a.resources().cells()));
            assertEquals(!dominated, onCells.get(a.key()), "point " + a.fields() + " on the cells front");
        }
        // The fastest point (highest clock, fewest cycles) is on the samples/s front, whatever its accuracy.
        double best = first.rows().stream().mapToDouble(PointResult::samplesPerS).max().orElseThrow();
        Set<String> fastest = first.rows().stream().filter(r -> r.samplesPerS() == best).map(PointResult::key)
                .collect(Collectors.toSet());
        boolean anyFastestOnFront = false;
        for (JsonNode row : rows) {
            if (fastest.contains(row.path("key").asText())) anyFastestOnFront |= row.path(SweepTable.PARETO_SPEED).asBoolean();
        }
        assertTrue(anyFastestOnFront, "one of the fastest points is on the samples/s front");
    }

    @Test
    void tableFilesAreComplete() throws Exception {
        List<String> csv = Files.readAllLines(out.resolve(SweepTable.CSV_FILE));
        assertEquals(5, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(0).startsWith("clockMhz,rule,index,key,"), csv.get(0));
        for (String column : List.of("weights_sha256", "cells", "samples_per_s", "test_accuracy", "status", "error",
                "yosys", "nextpnr", "verilator", "java", "heterosyn", "fits", SweepTable.PARETO_CELLS, SweepTable.PARETO_SPEED)) {
            assertTrue(List.of(csv.get(0).split(",")).contains(column), column + " in " + csv.get(0));
        }
        assertTrue(Files.size(out.resolve(SweepPlots.CELLS_PNG)) > 0);
        assertTrue(Files.size(out.resolve(SweepPlots.SPEED_PNG)) > 0);
        assertFalse(Files.exists(out.resolve(SweepTable.JOURNAL)), "the journal goes once the table is written");
    }

    @Test
    void aSecondRunResumesWithoutRunningDonePoints() throws Exception {
        List<PointResult> ran = new java.util.ArrayList<>();
        Sweep.Listener l = new Sweep.Listener() {
            @Override public void started(int points, int alreadyDone) {}

            @Override public void pointDone(PointResult r) { ran.add(r); }
        };
        // One more clock on the same grid: only the two new points run.
        Sweep.Outcome again = SmallSweep.local().run(SmallSweep.grid(SmallSweep.GRID.replace("[16, 24]", "[16, 24, 48]")), out, l);
        assertEquals(4, again.skipped());
        assertEquals(2, again.ran());
        assertEquals(Set.of("48"), ran.stream().map(r -> r.fields().get("clockMhz")).collect(Collectors.toSet()));
        assertEquals(6, again.rows().size());
        for (PointResult r : first.rows()) {
            PointResult same = again.rows().stream().filter(x -> x.key().equals(r.key())).findFirst().orElseThrow();
            assertEquals(r, same.at(r.index()), "done rows are kept as they were");
        }
    }

    @Test
    void aSerialRunWithoutSparkGivesTheSameRows(@TempDir Path serial) throws Exception {
        Sweep.Outcome o = new Sweep(Sweep.SERIAL, Map.of(), new FlowEstimator()).run(SmallSweep.grid(), serial, SmallSweep.quiet());
        assertEquals(4, o.ran());
        assertEquals(SmallSweep.placeFree(first.rows()), SmallSweep.placeFree(o.rows()));
        assertTrue(o.rows().stream().allMatch(r -> r.executor().equals(Sweep.SERIAL_EXECUTOR)), o.rows().toString());
    }

    @Test
    void rowsAnotherEstimatorRatedRunAgain(@TempDir Path dir) throws Exception {
        new Sweep(Sweep.SERIAL, Map.of(), new FlowEstimator()).run(SmallSweep.grid(), dir, SmallSweep.quiet());
        Sweep.Outcome other = new Sweep(Sweep.SERIAL, Map.of(), new PackedAgain()).run(SmallSweep.grid(), dir, SmallSweep.quiet());
        assertEquals(4, other.ran(), "the estimate's rows are not done for another estimator");
        assertTrue(other.rows().stream().allMatch(r -> r.resources().estimator().equals(PackedAgain.NAME)), other.rows().toString());
        Sweep.Outcome again = new Sweep(Sweep.SERIAL, Map.of(), new PackedAgain()).run(SmallSweep.grid(), dir, SmallSweep.quiet());
        assertEquals(0, again.ran(), "its own rows are");
    }

    @Test
    void theTableOfAnUnfinishedSweepHoldsItsDonePoints(@TempDir Path dir) throws Exception {
        Sweep serial = new Sweep(Sweep.SERIAL, Map.of(), new FlowEstimator());
        serial.run(SmallSweep.grid(SmallSweep.GRID.replace("[16, 24]", "[16]")), dir, SmallSweep.quiet());
        Sweep.Outcome o = serial.writeDone(SmallSweep.grid(), dir);
        assertEquals(0, o.ran());
        assertEquals(Set.of("16"), o.rows().stream().map(r -> r.fields().get("clockMhz")).collect(Collectors.toSet()));
        assertEquals(2, SweepTable.JSON.readTree(dir.resolve(SweepTable.JSON_FILE).toFile()).path("rows").size());
        assertEquals(2, serial.run(SmallSweep.grid(), dir, SmallSweep.quiet()).ran(), "a later run resumes");
    }

    /** Another estimator: the (cached) estimate under another name, as a place-and-route run of a design that does not fit reports it. */
    private static final class PackedAgain implements ResourceEstimator {
        static final String NAME = "the estimate, credited to another estimator";

        @Override
        public String name() { return NAME; }

        @Override
        public Resources estimate(DesignSpec spec, String board, double clockMhz) {
            return new FlowEstimator().estimate(spec, board, clockMhz).by(NAME);
        }
    }
}
