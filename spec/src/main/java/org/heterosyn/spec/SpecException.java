package org.heterosyn.spec;

/** A spec that cannot describe a design. The message starts with the offending field. */
public class SpecException extends RuntimeException {
    public SpecException(String message) { super(message); }

    public SpecException(String message, Throwable cause) { super(message, cause); }
}
