package org.heterosyn.files;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** An I/O failure as one line a user can act on: the file and the operating system's reason, no class names. */
public final class IoReason {
    private IoReason() {}

    public static String of(Exception e) {
        if (e instanceof FileSystemException f) {
            String file = f.getFile() != null ? f.getFile() + ": " : "";
            String other = f.getOtherFile() != null ? " (" + f.getOtherFile() + ")" : "";
            return file + reason(f) + other;
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String reason(FileSystemException f) {
        if (f.getReason() != null) return f.getReason();
        if (f instanceof NoSuchFileException) return "no such file or directory";
        if (f instanceof AccessDeniedException) return "permission denied";
        if (f instanceof FileAlreadyExistsException) return "already exists";
        if (f instanceof NotDirectoryException) return "not a directory";
        if (f instanceof DirectoryNotEmptyException) return "directory not empty";
        return "cannot be accessed";
    }
}
