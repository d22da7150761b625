package org.heterosyn.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An output directory written all or nothing (docs/reliability.md, "Outputs").
 *
 * <p>{@link #open} checks the target and takes its lock before any work: one run per directory at a
 * time, a second gets a "busy" error. The run writes into {@link #stage()}, a fresh hidden directory
 * beside the target, and {@link #commit()} swaps it in whole with two renames, so the target holds
 * either the earlier run's files or this run's, never a mix; a run that fails before commit leaves the
 * target as it was. Because the target is replaced whole, an existing one may hold only what an
 * earlier run wrote ({@code ours}): anything else is refused, never deleted.
 *
 * <p>The lock is {@link OutputLock}'s, beside the target.
 */
public final class OutputDir implements AutoCloseable {
    private final Path target;
    private final OutputLock lock;
    private final Path stage;
    private boolean committed;

    private OutputDir(Path target, OutputLock lock, Path stage) {
        this.target = target;
        this.lock = lock;
        this.stage = stage;
    }

    /**
     * @param ours the top-level names an earlier run of the same command writes; an existing target
     *             holding any other name is refused
     */
    public static OutputDir open(Path dir, Predicate<String> ours) {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new OutputException(dir + " exists and is not a directory");
        }
        OutputLock lock = OutputLock.take(dir);  // refuses the root directory, which has no parent
        Path parent = target.getParent();
        try {
            checkOnlyOurs(dir, target, ours);
            removeLeftovers(parent, target);
            return new OutputDir(target, lock, Files.createTempDirectory(parent, OutputLock.hiddenName(target, "new-")));
        } catch (IOException | RuntimeException e) {
            lock.close();
            if (e instanceof OutputException o) throw o;
            throw new OutputException("cannot write " + dir + ": " + IoReason.of(e), e);
        }
    }

    /** Where the run writes; the target's contents once committed. */
    public Path stage() { return stage; }

    /** The directory the run is for (absolute). */
    public Path target() { return target; }

    /** Swaps the stage in for the target: the earlier contents go, this run's appear, in two renames. */
    public void commit() {
        try {
            if (Files.exists(target)) {
                Path old = Files.createTempDirectory(target.getParent(), OutputLock.hiddenName(target, "old-"));
                move(target, old.resolve("d"));
                try {
                    move(stage, target);
                } catch (IOException e) {
                    move(old.resolve("d"), target);
                    throw e;
                }
                committed = true;
                deleteQuietly(old);
            } else {
                move(stage, target);
                committed = true;
            }
        } catch (IOException e) {
            throw new OutputException("cannot write " + target + ": " + IoReason.of(e), e);
        }
    }

    /** Releases the lock; a stage never committed is deleted. */
    @Override
    public void close() {
        try {
            if (!committed) deleteTree(stage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + stage, e);
        } finally {
            lock.close();
        }
    }

    private static void checkOnlyOurs(Path dir, Path target, Predicate<String> ours) throws IOException {
        if (!Files.isDirectory(target)) return;
        try (Stream<Path> s = Files.list(target)) {
            List<String> foreign = s.map(p -> p.getFileName().toString()).filter(ours.negate()).sorted().toList();
            if (!foreign.isEmpty()) {
                throw new OutputException(dir + " holds " + foreign.get(0) + (foreign.size() > 1 ? " and " + (foreign.size() - 1)
                        + " more" : "") + ", not written by this command; it replaces its output directory whole, "
                        + "so name a new or empty one");
            }
        }
    }

    /** Stages and old copies a killed run left behind: safe to remove, this run holds the lock. */
    private static void removeLeftovers(Path parent, Path target) throws IOException {
        String newPrefix = OutputLock.hiddenName(target, "new-");
        String oldPrefix = OutputLock.hiddenName(target, "old-");
        try (Stream<Path> s = Files.list(parent)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(newPrefix)
                    || p.getFileName().toString().startsWith(oldPrefix)).toList()) {
                deleteTree(p);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** The run is committed already; an old copy that will not go is removed by the next run (removeLeftovers). */
    private static void deleteQuietly(Path old) {
        try {
            deleteTree(old);
        } catch (IOException e) {
            // left for the next run, which removes it under the lock
        }
    }

    /** Deletes a file or a directory with everything in it; nothing when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
