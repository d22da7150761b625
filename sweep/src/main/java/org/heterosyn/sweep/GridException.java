package org.heterosyn.sweep;

/** A grid file that cannot be swept; the message names the field (a user error, like a bad argument). */
public class GridException extends IllegalArgumentException {
    public GridException(String message) { super(message); }

    public GridException(String message, Throwable cause) { super(message, cause); }
}
