package org.heterosyn.files;

/** An output the user named cannot be written: it is busy, in the way, or not writable. */
public final class OutputException extends RuntimeException {
    public OutputException(String message) { super(message); }

    public OutputException(String message, Throwable cause) { super(message, cause); }
}
