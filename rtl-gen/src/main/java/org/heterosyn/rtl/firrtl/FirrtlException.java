package org.heterosyn.rtl.firrtl;

/** A circuit the builder refuses to print: a type mismatch, a duplicate name, a dangling reference. */
public class FirrtlException extends RuntimeException {
    public FirrtlException(String message) { super(message); }
}
