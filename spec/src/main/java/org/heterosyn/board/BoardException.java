package org.heterosyn.board;

/** A board folder that cannot be used: missing, malformed, or naming an unknown board. */
public class BoardException extends RuntimeException {
    public BoardException(String message) {
        super(message);
    }

    public BoardException(String message, Throwable cause) {
        super(message, cause);
    }
}
