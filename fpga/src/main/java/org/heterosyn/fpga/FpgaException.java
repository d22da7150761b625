package org.heterosyn.fpga;

/** The flow cannot go on: a tool is missing or failed, or the design does not fit the board. */
public class FpgaException extends RuntimeException {
    public FpgaException(String message) {
        super(message);
    }

    public FpgaException(String message, Throwable cause) {
        super(message, cause);
    }
}
