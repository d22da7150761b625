package org.heterosyn.protocol;

import java.util.Locale;
import java.util.function.ToIntFunction;

/** The payload words of a STATUS response, in order (docs/protocol.md, "Status words"). */
public enum StatusWord {
    /** {@link Header#MAGIC}. */
    MAGIC,
    /** The design id of the spec the device was built from (org.heterosyn.manifest.DesignId). */
    DESIGN_ID,
    /** The 32-bit sample counter ({@link Param#SAMPLE_COUNTER}). */
    SAMPLE_COUNTER,
    /** Commands completed without error before this one. */
    COMMANDS_OK,
    /** Commands rejected. */
    COMMANDS_REJECTED;

    /** The word's name in manifest.json and docs/protocol.md. */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** This word of a STATUS response's payload. */
    public int in(int[] payload) { return payload[ordinal()]; }

    /** A STATUS payload: every word's value, in order. */
    public static int[] payload(ToIntFunction<StatusWord> value) {
        StatusWord[] all = values();
        int[] p = new int[all.length];
        for (StatusWord w : all) p[w.ordinal()] = value.applyAsInt(w);
        return p;
    }
}
