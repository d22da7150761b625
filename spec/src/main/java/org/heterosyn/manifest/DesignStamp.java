package org.heterosyn.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The stamp that ties a design directory's manifest to its RTL: {@link DesignDir#STAMP} lists the
 * SHA-256 of every file the generator wrote, in {@code sha256sum} format (so `sha256sum -c` checks it
 * too). Whoever opens a design directory calls {@link #mismatch} first and refuses the directory
 * when a file is missing, changed or not stamped: a manifest beside someone else's RTL must not run.
 * Hidden files (names starting with '.') are not stamped and not checked.
 */
public final class DesignStamp {
    private DesignStamp() {}

    /** Writes the stamp over the directory as it stands. */
    public static void write(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : hashes(dir).entrySet()) sb.append(e.getValue()).append("  ").append(e.getKey()).append('\n');
        Files.writeString(dir.resolve(DesignDir.STAMP), sb.toString());
    }

    /** Why the directory does not match its stamp, with what to do about it, or empty when it matches. */
    public static Optional<String> mismatch(Path dir) {
        return check(dir).map(why -> "refused: " + why + "; regenerate it with `heterosyn generate --out " + dir + "`");
    }

    private static Optional<String> check(Path dir) {
        try {
            Map<String, String> stamped = read(dir.resolve(DesignDir.STAMP));
            if (stamped == null) {
                return Optional.of(dir + " has no " + DesignDir.STAMP + " (not written by `heterosyn generate`, or by an older version)");
            }
            Map<String, String> actual = hashes(dir);
            for (Map.Entry<String, String> e : stamped.entrySet()) {
                String now = actual.get(e.getKey());
                if (now == null) return Optional.of(dir + ": " + e.getKey() + " is missing");
                if (!now.equals(e.getValue())) return Optional.of(dir + ": " + e.getKey() + " changed after `generate` wrote it");
            }
            for (String f : actual.keySet()) {
                if (!stamped.containsKey(f)) return Optional.of(dir + ": " + f + " was not written by `generate`");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(dir + ": cannot be read: " + e.getMessage());
        }
    }

    /** The stamp's entries by relative path, or null when there is none. */
    private static Map<String, String> read(Path stamp) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(stamp);
        } catch (NoSuchFileException e) {
            return null;
        }
        Map<String, String> m = new TreeMap<>();
        for (String line : lines) {
            int sep = line.indexOf("  ");
            if (sep <= 0) throw new IOException(stamp + ": malformed line '" + line + "'");
            m.put(line.substring(sep + 2), line.substring(0, sep));
        }
        return m;
    }

    /** SHA-256 of every regular, non-hidden file but the stamp, by '/'-separated relative path. */
    private static Map<String, String> hashes(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path rel = dir.relativize(p);
                if (hidden(rel) || rel.toString().equals(DesignDir.STAMP)) continue;
                m.put(rel.toString().replace('\\', '/'), sha256(p));
            }
        }
        return m;
    }

    private static boolean hidden(Path rel) {
        for (Path part : rel) if (part.toString().startsWith(".")) return true;
        return false;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
