package org.heterosyn.spec;

import java.util.Locale;

/** How a weight increment is rounded to the weight LSB (docs/numerics.md, "Weight update"). */
public enum Rounding {
    /** Round half up: floor(x + 1/2). */
    NEAREST,
    /** floor(x + u), u a counter-based dither uniform on [0, 1) (Dither). */
    STOCHASTIC;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Rounding parse(String s) {
        for (Rounding r : values()) {
            if (r.id().equals(s)) return r;
        }
        throw new SpecException("numerics.rounding: unknown rounding '" + s + "'; allowed: [nearest, stochastic]");
    }
}
