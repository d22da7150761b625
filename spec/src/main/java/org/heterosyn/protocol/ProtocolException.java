package org.heterosyn.protocol;

/** Words that do not decode as the protocol of docs/protocol.md. */
public class ProtocolException extends RuntimeException {
    public ProtocolException(String message) { super(message); }
}
