package org.heterosyn.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One run per output at a time: a lock file beside the output, {@code .NAME.lock}, held with
 * {@link FileChannel#tryLock} (the operating system releases it when the process dies, so a killed
 * run never leaves it held). A second run gets a "busy" error at once instead of waiting. The file
 * stays: deleting it would let a later run lock a fresh file while an earlier one still holds the old.
 */
public final class OutputLock implements AutoCloseable {
    private final FileChannel channel;

    private OutputLock(FileChannel channel) { this.channel = channel; }

    /** Takes the lock of {@code output} (a file or directory, which need not exist yet), creating its parent. */
    public static OutputLock take(Path output) {
        Path target = output.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) throw new OutputException(output + ": cannot write the root directory");
        Path lockPath = parent.resolve(hiddenName(target, "lock"));
        FileChannel ch;
        try {
            Files.createDirectories(parent);
            ch = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new OutputException("cannot write " + output + ": " + IoReason.of(e), e);
        }
        FileLock held;
        try {
            held = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            held = null;  // this JVM holds it already: another run in the same process
        } catch (IOException e) {
            close(ch);
            throw new OutputException("cannot lock " + lockPath + ": " + IoReason.of(e), e);
        }
        if (held == null) {
            close(ch);
            throw new OutputException(output + " is busy: another heterosyn run is writing it (it holds " + lockPath + ")");
        }
        return new OutputLock(ch);
    }

    /** A name beside the target that belongs to it: ".NAME.what". */
    static String hiddenName(Path target, String what) {
        return "." + target.getFileName() + "." + what;
    }

    @Override
    public void close() { close(channel); }

    private static void close(FileChannel ch) {
        try {
            ch.close();  // releases the lock
        } catch (IOException e) {
            // nothing to undo: the lock goes with the channel, and the process keeps no state in the file
        }
    }
}
