package org.heterosyn.protocol;

/** Parameters writable with SET_PARAM (the arg field of its header). */
public enum Param {
    /** The 32-bit train-command counter that keys the stochastic-rounding dither. */
    SAMPLE_COUNTER(0);

    private final int id;

    Param(int id) { this.id = id; }

    public int id() { return id; }

    /** The parameter with this id, or null for none. */
    public static Param of(int id) {
        for (Param p : values()) {
            if (p.id == id) return p;
        }
        return null;
    }
}
