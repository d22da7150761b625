package org.heterosyn.data;

/** A data file that is missing, malformed or truncated; the message names the file and the defect. */
public class DataException extends RuntimeException {
    public DataException(String message) { super(message); }

    public DataException(String message, Throwable cause) { super(message, cause); }
}
