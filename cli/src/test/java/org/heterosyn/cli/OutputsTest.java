package org.heterosyn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.heterosyn.files.OutputLock;
import org.heterosyn.manifest.DesignDir;
import org.heterosyn.manifest.DesignStamp;
import org.heterosyn.manifest.ManifestJson;
import org.heterosyn.spec.SpecJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outputs are all or nothing, one run per output directory (docs/reliability.md, "Outputs"). */
@Tag("unit")
@Timeout(300)
class OutputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private String spec(String name, String layers) throws IOException {
        Path p = dir.resolve(name + ".json");
        Files.writeString(p, "{\"name\": \"" + name + "\", \"layers\": " + layers + ", \"rule\": \"kp\"}");
        return p.toString();
    }

    private Cli train(String spec, Path out) {
        return Cli.run("train", "--quiet", "--spec", spec, "--dataset", "teacher", "--teacher-train", "200",
                "--teacher-test", "20", "--epochs", "1", "--out", out.toString());
    }

    private static Set<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return Set.copyOf(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    /** Runs two commands at once (released together), returning both results. */
    private static List<Cli> together(Supplier<Cli> a, Supplier<Cli> b) {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Cli>> runs = Stream.of(a, b).map(s -> CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return s.get();
        })).toList();
        go.countDown();
        return runs.stream().map(CompletableFuture::join).toList();
    }

    /** Each of two runs into one place either succeeded or was told the place is busy; at least one succeeded. */
    private static void oneWinsTheOtherIsBusy(List<Cli> rs) {
        for (Cli r : rs) {
            assertTrue(r.code() == 0 || r.code() == UserErrors.USER_ERROR && r.err().contains(" is busy: another heterosyn run is writing it"),
                    "exit " + r.code() + ": " + r.err());
        }
        assertTrue(rs.stream().anyMatch(r -> r.code() == 0), "neither run succeeded: " + rs);
    }

    @Test
    void aSecondTrainingRunLeavesNoPlotOfTheFirst() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, train(spec("deep", "[6, 5, 3]"), out).code());
        assertTrue(Files.exists(out.resolve(TrainingReport.ALIGNMENT)));
        // No hidden layer: no angle between B and W^T, so no alignment.png; the first run's must not stay.
        Cli r = train(spec("flat", "[6, 3]"), out);
        assertEquals(0, r.code(), r.err());
        assertEquals(Set.of(TrainingReport.RESULTS, TrainingReport.ACCURACY), names(out));
        assertEquals("flat", JSON.readTree(out.resolve(TrainingReport.RESULTS).toFile()).get("spec").get("name").asText());
    }

    @Test
    void aRunIntoABusyDirectoryFailsAtOnceAndChangesNothing() throws IOException {
        Path out = dir.resolve("out");
        String s = spec("t", "[6, 5, 3]");
        assertEquals(0, train(s, out).code());
        byte[] before = Files.readAllBytes(out.resolve(TrainingReport.RESULTS));
        try (OutputLock held = OutputLock.take(out)) {
            Cli r = train(s, out);
            assertEquals(UserErrors.USER_ERROR, r.code(), r.err());
            assertEquals("heterosyn train: " + out + " is busy: another heterosyn run is writing it (it holds "
                    + dir.resolve(".out.lock") + ")", r.err().strip());
        }
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(out.resolve(TrainingReport.RESULTS))));
    }

    @Test
    void twoTrainingRunsIntoOneOutLeaveOneWholeResult() throws IOException {
        Path out = dir.resolve("out");
        String s = spec("t", "[6, 5, 3]");
        oneWinsTheOtherIsBusy(together(() -> train(s, out), () -> train(s, out)));
        assertEquals(TrainingReport.FILES, names(out));
        JsonNode res = JSON.readTree(out.resolve(TrainingReport.RESULTS).toFile());
        assertEquals(64, res.get("weights_sha256").asText().length());
        for (String png : List.of(TrainingReport.ACCURACY, TrainingReport.ALIGNMENT)) {
            assertNotNull(ImageIO.read(out.resolve(png).toFile()), png + " is not a whole PNG");
        }
        assertEquals(Set.of(".out.lock", "out", "t.json"), names(dir), "a stage or old copy was left beside --out");
    }

    @Test
    void aDirectoryHoldingOtherFilesIsNotTakenOver() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Cli r = train(spec("t", "[6, 3]"), dir);
        assertEquals(UserErrors.USER_ERROR, r.code(), r.err());
        assertTrue(r.err().contains("holds notes.txt and 1 more, not written by this command"), r.err());
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    }

    private Cli generate(String spec, Path out) {
        return Cli.run("generate", "--spec", spec, "--out", out.toString());
    }

    @Test
    void twoGeneratesIntoOneDirectoryLeaveOneWholeStampedDesign() throws IOException {
        Path out = dir.resolve("design");
        String a = spec("a", "[4, 3, 2]");
        String b = spec("b", "[5, 2]");
        oneWinsTheOtherIsBusy(together(() -> generate(a, out), () -> generate(b, out)));
        assertEquals(Optional.empty(), DesignStamp.mismatch(out));
        String name = SpecJson.parse(ManifestJson.read(out.resolve(DesignDir.MANIFEST)).spec(), "manifest").name();
        assertTrue(Set.of("a", "b").contains(name), name);
        // The RTL beside the manifest is that design's, as a lone generation of it writes it.
        Path alone = dir.resolve("alone");
        assertEquals(0, generate(name.equals("a") ? a : b, alone).code());
        assertEquals(Files.readString(alone.resolve(DesignDir.FIR)), Files.readString(out.resolve(DesignDir.FIR)));
    }

    @Test
    void aGenerateIntoABusyDirectoryFailsClearly() throws IOException {
        Path out = dir.resolve("design");
        try (OutputLock held = OutputLock.take(out)) {
            Cli r = generate(spec("a", "[4, 3, 2]"), out);
            assertEquals(UserErrors.USER_ERROR, r.code(), r.err());
            assertTrue(r.err().startsWith("heterosyn generate: " + out + " is busy"), r.err());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void aDesignWhoseManifestNoLongerMatchesItsRtlIsRefused() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, generate(spec("a", "[4, 3, 2]"), a).code());
        assertEquals(0, generate(spec("b", "[5, 2]"), b).code());
        // What two racing writers used to leave: one design's manifest beside the other's RTL.
        Files.copy(b.resolve(DesignDir.MANIFEST), a.resolve(DesignDir.MANIFEST), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Cli r = Cli.run("train", "--quiet", "--device", "verilator:" + a, "--dataset", "teacher", "--out", dir.resolve("o").toString());
        assertEquals(UserErrors.USER_ERROR, r.code(), r.err());
        assertEquals("heterosyn train: verilator:" + a + ": refused: " + a + ": " + DesignDir.MANIFEST
                + " changed after `generate` wrote it; regenerate it with `heterosyn generate --out " + a + "`", r.err().strip());
    }

    @Test
    void runLeavesNoTemporaryFileWhenItFails() throws IOException {
        Path in = dir.resolve("c.hex");
        Files.writeString(in, "06000000\n");
        Cli r = Cli.run("run", "--device", "verilator:" + dir.resolve("none"), "--in", in.toString(), "--out", dir.resolve("r.hex").toString());
        assertEquals(UserErrors.USER_ERROR, r.code(), r.err());
        assertEquals(Set.of("c.hex"), names(dir));
    }
}
