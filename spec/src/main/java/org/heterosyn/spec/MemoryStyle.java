package org.heterosyn.spec;

import java.util.Locale;

/** How weight memories are built in the RTL. */
public enum MemoryStyle {
    /** Inferred RAM: a register array that synthesis maps to block RAM where it can. */
    GENERIC,
    /** iCE40 UP single-port RAM: SB_SPRAM256KA instances, 16K x 16 bit each, four on a UP5K. */
    SPRAM;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static MemoryStyle parse(String s) {
        for (MemoryStyle m : values()) {
            if (m.id().equals(s)) return m;
        }
        throw new SpecException("memory: unknown memory style '" + s + "'; allowed: [generic, spram]");
    }
}
