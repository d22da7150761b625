package org.heterosyn.sweep;

/** A grid file that cannot be swept; the message names the field. */
public class GridException extends RuntimeException {
    public GridException(String message) { super(message); }

    public GridException(String message, Throwable cause) { super(message, cause); }
}
