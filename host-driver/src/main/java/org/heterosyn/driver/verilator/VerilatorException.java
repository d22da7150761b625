package org.heterosyn.driver.verilator;

/** Verilator missing, a failed build, or a library that will not load; the message says which. */
public class VerilatorException extends RuntimeException {
    public VerilatorException(String message) { super(message); }

    public VerilatorException(String message, Throwable cause) { super(message, cause); }
}
