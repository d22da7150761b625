package org.heterosyn.data;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class IdxReaderTest {
    @TempDir Path dir;

    /** Images stay bytes; each sample is converted when asked for, to the doubles a decoded array held. */
    @Test
    void imagesAreKeptAsBytesAndConvertedPerSample() {
        byte[] pixels = new byte[256];
        for (int b = 0; b < 256; b++) pixels[b] = (byte) b;
        ByteImages x = new ByteImages(pixels, 4, 64);
        for (int i = 0; i < 4; i++) {
            double[] row = x.get(i);
            for (int p = 0; p < 64; p++) assertEquals((i * 64 + p) / 255.0, row[p]);
        }
        Inputs two = x.first(2);
        assertEquals(2, two.size());
        assertArrayEquals(x.get(1), two.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> two.get(2));
        assertEquals(4, x.first(99).size());
    }

    @Test
    void readsPlainAndGzipImagesAndLabels() throws IOException {
        byte[] images = images(3, 2, 2, new byte[] {0, (byte) 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8});
        Files.write(dir.resolve("a.idx"), images);
        gzip(dir.resolve("a.idx.gz"), images);
        for (String f : new String[] {"a.idx", "a.idx.gz"}) {
            Inputs x = IdxReader.images(dir.resolve(f));
            assertEquals(3, x.size());
            assertArrayEquals(new double[] {0, 1, 0.2, 0.4}, x.get(0), 1e-15);
        }
        Files.write(dir.resolve("l.idx"), labels(new byte[] {3, 0, 9}));
        assertArrayEquals(new int[] {3, 0, 9}, IdxReader.labels(dir.resolve("l.idx"), 10));
    }

    @Test
    void truncatedFileNamesTheFileAndTheDefect() throws IOException {
        byte[] images = images(3, 2, 2, new byte[12]);
        Files.write(dir.resolve("t.idx"), Arrays.copyOf(images, images.length - 1));
        DataException e = assertThrows(DataException.class, () -> IdxReader.images(dir.resolve("t.idx")));
        assertTrue(e.getMessage().contains("t.idx") && e.getMessage().contains("truncated"), e.getMessage());
        gzip(dir.resolve("t.gz"), images);
        byte[] gz = Files.readAllBytes(dir.resolve("t.gz"));
        Files.write(dir.resolve("t.gz"), Arrays.copyOf(gz, gz.length - 12));
        e = assertThrows(DataException.class, () -> IdxReader.images(dir.resolve("t.gz")));
        assertTrue(e.getMessage().contains("t.gz"), e.getMessage());
    }

    @Test
    void wrongMagicDimensionsAndLabelsAreRejected() throws IOException {
        Files.write(dir.resolve("x.idx"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertTrue(assertThrows(DataException.class, () -> IdxReader.images(dir.resolve("x.idx")))
                .getMessage().contains("not an unsigned-byte IDX"));
        Files.write(dir.resolve("l.idx"), labels(new byte[] {1, 2}));
        assertTrue(assertThrows(DataException.class, () -> IdxReader.images(dir.resolve("l.idx")))
                .getMessage().contains("1 dimensions, expected 3"));
        Files.write(dir.resolve("big.idx"), labels(new byte[] {1, 12}));
        assertTrue(assertThrows(DataException.class, () -> IdxReader.labels(dir.resolve("big.idx"), 10))
                .getMessage().contains("label 12 at index 1"));
        assertTrue(assertThrows(DataException.class, () -> IdxReader.images(dir.resolve("missing.idx")))
                .getMessage().contains("no such file"));
        assertTrue(assertThrows(DataException.class, () -> IdxReader.mnistDirectory(dir, "x"))
                .getMessage().contains("train-images-idx3-ubyte"));
    }

    private static byte[] images(int n, int rows, int cols, byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(0x00000803);
        d.writeInt(n);
        d.writeInt(rows);
        d.writeInt(cols);
        d.write(data);
        return b.toByteArray();
    }

    private static byte[] labels(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(0x00000801);
        d.writeInt(data.length);
        d.write(data);
        return b.toByteArray();
    }

    private static void gzip(Path p, byte[] data) throws IOException {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
            o.write(data);
        }
    }
}
