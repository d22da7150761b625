package org.heterosyn.data;

import java.util.Objects;

/**
 * Unsigned-byte images kept as their bytes (one byte per pixel instead of an 8-byte double: the full
 * Fashion-MNIST is 55 MB, not 439 MB) and converted per sample, x = b / 255.0 (numerics.md 18.1),
 * the same doubles a decoded array held.
 */
public record ByteImages(byte[] pixels, int size, int width) implements Inputs {
    public ByteImages {
        Objects.requireNonNull(pixels);
        if ((long) size * width > pixels.length) throw new IllegalArgumentException(size + " x " + width + " exceeds the pixels");
    }

    @Override
    public double[] get(int i) {
        Objects.checkIndex(i, size);
        double[] x = new double[width];
        int at = i * width;
        for (int p = 0; p < width; p++) x[p] = (pixels[at + p] & 0xFF) / 255.0;
        return x;
    }

    @Override public Inputs first(int n) { return new ByteImages(pixels, Math.min(n, size), width); }
}
