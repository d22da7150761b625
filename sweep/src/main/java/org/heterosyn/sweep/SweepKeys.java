package org.heterosyn.sweep;

import org.heterosyn.manifest.DesignId;
import org.heterosyn.spec.DesignSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** The hashes that name a point: its design (what changes the bits) and the point as a whole. */
public final class SweepKeys {
    private SweepKeys() {}

    /** SHA-256 of DesignId.canonical: equal for designs that compute the same bits, whatever their names. */
    public static String specHash(DesignSpec spec) {
        return sha256(DesignId.canonical(spec)).substring(0, 16);
    }

    /** A point is done when a row with this key is in the output: same design, board clock and training. */
    public static String pointKey(DesignSpec spec, String board, double clockMhz, TrainingSettings t) {
        return sha256(DesignId.canonical(spec) + ";board=" + board + ";clockMhz="
                + String.format(Locale.ROOT, "%.6f", clockMhz) + ";" + t.canonical()).substring(0, 16);
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
