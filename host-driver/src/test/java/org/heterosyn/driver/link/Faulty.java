package org.heterosyn.driver.link;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.SplittableRandom;

/**
 * A noisy line for tests: each byte written is, with probability {@code rate}, one of a bit flip,
 * a dropped byte or a duplicated byte (a third each), as the emulated board's bridge injects them.
 */
final class Faulty extends FilterOutputStream {
    private final SplittableRandom rng;
    private final double rate;
    long flips;
    long drops;
    long duplicates;

    Faulty(OutputStream out, double rate, long seed) {
        super(out);
        this.rng = new SplittableRandom(seed);
        this.rate = rate;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream(len + 8);
        for (int i = off; i < off + len; i++) {
            int v = b[i] & 0xFF;
            if (rng.nextDouble() >= rate) {
                o.write(v);
                continue;
            }
            switch (rng.nextInt(3)) {
                case 0 -> {
                    o.write(v ^ (1 << rng.nextInt(8)));
                    flips++;
                }
                case 1 -> drops++;
                default -> {
                    o.write(v);
                    o.write(v);
                    duplicates++;
                }
            }
        }
        out.write(o.toByteArray());
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }
}
