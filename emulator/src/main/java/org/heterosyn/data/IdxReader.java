package org.heterosyn.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads MNIST-format IDX files (http://yann.lecun.com/exdb/mnist/), plain or gzip-compressed
 * (detected by the gzip magic bytes, not the file name). Big-endian header: two zero bytes, the
 * element type (0x08 = unsigned byte), the number of dimensions, then one 32-bit size per dimension.
 */
public final class IdxReader {
    public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    private static final int UBYTE = 0x08;

    private IdxReader() {}

    /** Images as inputs in [0, 1] (pixel / 255), kept as their bytes and converted per sample. */
    public static ByteImages images(Path file) {
        Idx idx = read(file, 3);
        return new ByteImages(idx.data, idx.dims[0], idx.dims[1] * idx.dims[2]);
    }

    public static int[] labels(Path file, int classes) {
        Idx idx = read(file, 1);
        int[] y = new int[idx.dims[0]];
        for (int i = 0; i < y.length; i++) {
            y[i] = idx.data[i] & 0xFF;
            if (y[i] >= classes) {
                throw new DataException(file + ": label " + y[i] + " at index " + i + " is not below " + classes);
            }
        }
        return y;
    }

    /** A directory holding train/t10k images and labels under their usual names (gzip or plain). */
    public static Dataset mnistDirectory(Path dir, String name) {
        Path trX = find(dir, "train-images-idx3-ubyte");
        Path trY = find(dir, "train-labels-idx1-ubyte");
        Path teX = find(dir, "t10k-images-idx3-ubyte");
        Path teY = find(dir, "t10k-labels-idx1-ubyte");
        ByteImages trainX = images(trX);
        int[] trainY = labels(trY, 10);
        ByteImages testX = images(teX);
        int[] testY = labels(teY, 10);
        if (trainX.size() != trainY.length) {
            throw new DataException(trX + " has " + trainX.size() + " images but " + trY + " has " + trainY.length + " labels");
        }
        if (testX.size() != testY.length) {
            throw new DataException(teX + " has " + testX.size() + " images but " + teY + " has " + testY.length + " labels");
        }
        return new Dataset(name, trainX, trainY, testX, testY, 10);
    }

    private static Path find(Path dir, String base) {
        for (String suffix : new String[] {".gz", ""}) {
            Path p = dir.resolve(base + suffix);
            if (Files.isRegularFile(p)) return p;
        }
        throw new DataException("no " + base + "[.gz] in " + dir
                + (dir.equals(FASHION_MNIST) ? " (install it with: apt-get install dataset-fashion-mnist, or run scripts/setup)" : ""));
    }

    private record Idx(int[] dims, byte[] data) {}

    private static Idx read(Path file, int expectDims) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
            DataInputStream d = new DataInputStream(new BufferedInputStream(in, 1 << 16));
            int magic = d.readInt();
            if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xFF) != UBYTE) {
                throw new DataException(file + ": not an unsigned-byte IDX file (magic 0x" + Integer.toHexString(magic) + ")");
            }
            int nd = magic & 0xFF;
            if (nd != expectDims) {
                throw new DataException(file + ": has " + nd + " dimensions, expected " + expectDims);
            }
            int[] dims = new int[nd];
            long total = 1;
            for (int i = 0; i < nd; i++) {
                dims[i] = d.readInt();
                if (dims[i] <= 0) throw new DataException(file + ": dimension " + i + " is " + dims[i]);
                total *= dims[i];
            }
            if (total > Integer.MAX_VALUE - 8) throw new DataException(file + ": " + total + " elements is too large");
            byte[] data = new byte[(int) total];
            try {
                d.readFully(data);
            } catch (EOFException e) {
                throw new DataException(file + ": truncated: header promises " + total + " bytes of data", e);
            }
            if (d.read() != -1) throw new DataException(file + ": trailing bytes after " + total + " elements");
            return new Idx(dims, data);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file", e);
        } catch (EOFException e) {
            throw new DataException(file + ": truncated inside the header", e);
        } catch (java.util.zip.ZipException e) {
            throw new DataException(file + ": corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DataException(file + ": " + e.getMessage(), e);
        }
    }
}
