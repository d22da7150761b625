package org.heterosyn.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The raw word file of `heterosyn run` and the co-simulation harness: one 32-bit word per line in
 * hex (up to 8 digits, optional 0x), '#' starts a comment, blank lines are skipped.
 */
public final class HexWords {
    private HexWords() {}

    public static int[] parse(String text, String source) {
        List<Integer> words = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            line = line.strip();
            if (line.isEmpty()) continue;
            String digits = line.startsWith("0x") || line.startsWith("0X") ? line.substring(2) : line;
            if (digits.isEmpty() || digits.length() > 8 || !digits.matches("[0-9a-fA-F]+")) {
                throw new ProtocolException(source + ":" + (n + 1) + ": '" + line + "' is not a 32-bit hex word");
            }
            words.add((int) Long.parseLong(digits, 16));
        }
        return words.stream().mapToInt(Integer::intValue).toArray();
    }

    public static int[] read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /** Eight lower-case hex digits per line. */
    public static String format(int[] words) {
        StringBuilder sb = new StringBuilder(words.length * 9);
        for (int w : words) sb.append(String.format(Locale.ROOT, "%08x", w)).append('\n');
        return sb.toString();
    }

    public static void write(Path file, int[] words) throws IOException {
        Files.writeString(file, format(words));
    }
}
