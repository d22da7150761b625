package org.heterosyn.manifest;

import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Numerics;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The 32-bit design identity that STATUS reports: CRC-32 of everything in the spec that changes
 * the hardware or its bits (not the name), so a host can tell which design it talks to.
 */
public final class DesignId {
    private DesignId() {}

    public static String canonical(DesignSpec s) {
        Numerics n = s.numerics();
        return "layers=" + s.layers() + ";rule=" + s.rule().id() + ";numerics=" + n.valueBits() + "," + n.valueFrac()
                + "," + n.weightBits() + "," + n.weightFrac() + "," + n.etaShift() + "," + n.decayShift() + ","
                + n.feedbackShift() + "," + n.rounding().id() + ";lanes=" + s.lanes() + ";memory=" + s.memory().id()
                + ";seed=" + s.seed();
    }

    public static long of(DesignSpec s) {
        CRC32 crc = new CRC32();
        crc.update(canonical(s).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
