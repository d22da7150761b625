package org.heterosyn.driver.board;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Faults on one direction of an emulated UART line: each byte, with probability {@code rate}, gets
 * one bit of its data flipped, is dropped, or is sent twice (a third of the faults each), drawn from
 * a seeded generator so a run can be repeated. These are the faults a real line shows: noise on a
 * bit, an overrun losing a byte, a glitch read as an extra byte.
 */
public final class LineFaults {
    private static final int KINDS = 3;
    private static final int FLIP = 0;
    private static final int DROP = 1;
    private static final int BITS_PER_BYTE = 8;

    private final double rate;
    private final SplittableRandom rnd;
    private long bytes;
    private long flipped;
    private long dropped;
    private long duplicated;

    public LineFaults(double rate, long seed) {
        if (!(rate >= 0 && rate <= 1)) throw new IllegalArgumentException("fault rate must be in [0, 1], got " + rate);
        this.rate = rate;
        this.rnd = new SplittableRandom(seed);
    }

    /** The bytes as they arrive at the far end. */
    public byte[] apply(byte[] in) {
        bytes += in.length;
        if (rate == 0) return in;
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 1);
        for (byte b : in) {
            if (rnd.nextDouble() >= rate) {
                out.write(b);
                continue;
            }
            switch (rnd.nextInt(KINDS)) {
                case FLIP -> {
                    out.write(b ^ (1 << rnd.nextInt(BITS_PER_BYTE)));
                    flipped++;
                }
                case DROP -> dropped++;
                default -> {
                    out.write(b);
                    out.write(b);
                    duplicated++;
                }
            }
        }
        return out.toByteArray();
    }

    public long faults() { return flipped + dropped + duplicated; }

    /** E.g. "12,345 bytes, 4 bits flipped, 3 dropped, 5 duplicated". */
    public String summary() {
        return String.format(Locale.ROOT, "%,d bytes, %d bits flipped, %d dropped, %d duplicated", bytes, flipped, dropped, duplicated);
    }
}
