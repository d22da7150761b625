package org.heterosyn.files;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class OutputDirTest {
    private static final Predicate<String> OURS = Set.of("a.txt", "b.txt")::contains;

    @TempDir Path tmp;

    private Path out() { return tmp.resolve("out"); }

    private void run(String... files) throws IOException {
        try (OutputDir d = OutputDir.open(out(), OURS)) {
            for (String f : files) Files.writeString(d.stage().resolve(f), f + " of this run");
            d.commit();
        }
    }

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRunReplacesTheEarlierOneWhole() throws IOException {
        run("a.txt", "b.txt");
        run("a.txt");
        assertEquals(List.of("a.txt"), names(out()), "b.txt of the earlier run was left beside this run's files");
        // Beside it only the lock remains: no stage, no old copy.
        assertEquals(List.of(".out.lock", "out"), names(tmp));
    }

    @Test
    void aRunThatFailsBeforeCommitLeavesTheEarlierOneAsItWas() throws IOException {
        run("a.txt", "b.txt");
        assertThrows(IllegalStateException.class, () -> {
            try (OutputDir d = OutputDir.open(out(), OURS)) {
                Files.writeString(d.stage().resolve("a.txt"), "half");
                throw new IllegalStateException("the chart writer failed");
            }
        });
        assertEquals(List.of("a.txt", "b.txt"), names(out()));
        assertEquals("a.txt of this run", Files.readString(out().resolve("a.txt")));
        assertEquals(List.of(".out.lock", "out"), names(tmp));
    }

    @Test
    void aSecondRunWhileTheFirstHoldsTheDirectoryIsBusy() throws IOException {
        try (OutputDir first = OutputDir.open(out(), OURS)) {
            OutputException e = assertThrows(OutputException.class, () -> OutputDir.open(out(), OURS));
            assertTrue(e.getMessage().startsWith(out() + " is busy: another heterosyn run is writing it"), e.getMessage());
            first.commit();
        }
        run("a.txt");  // released
        assertTrue(Files.isRegularFile(out().resolve("a.txt")));
    }

    @Test
    void filesItDidNotWriteAreRefusedNotDeleted() throws IOException {
        Files.createDirectories(out());
        Files.writeString(out().resolve("thesis.tex"), "months of work");
        OutputException e = assertThrows(OutputException.class, () -> run("a.txt"));
        assertTrue(e.getMessage().contains("holds thesis.tex, not written by this command"), e.getMessage());
        assertEquals("months of work", Files.readString(out().resolve("thesis.tex")));
    }

    @Test
    void aFileInTheWayOrAParentThatIsAFileIsAClearError() throws IOException {
        Files.writeString(out(), "x");
        assertEquals(out() + " exists and is not a directory",
                assertThrows(OutputException.class, () -> run("a.txt")).getMessage());
        Path under = out().resolve("sub");
        OutputException e = assertThrows(OutputException.class, () -> OutputDir.open(under, OURS));
        assertTrue(e.getMessage().startsWith("cannot write " + under + ": "), e.getMessage());
    }

    @Test
    void leftoversOfAKilledRunAreRemovedByTheNext() throws IOException {
        Files.createDirectories(tmp.resolve(".out.new-123"));
        Files.writeString(tmp.resolve(".out.new-123").resolve("a.txt"), "half");
        run("a.txt");
        assertFalse(Files.exists(tmp.resolve(".out.new-123")));
    }
}
