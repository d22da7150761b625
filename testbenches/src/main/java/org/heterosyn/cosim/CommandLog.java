package org.heterosyn.cosim;

import org.heterosyn.protocol.HexWords;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command words a co-simulation pushed, batch by batch, with the cycle of each push. A
 * reproducer keeps it as commands.hex: a {@link HexWords} file (so `heterosyn run --in` takes it as
 * it is) with a comment line before each batch. Read back, {@link #replay()} hands the batches out
 * in order, so a co-simulation of the same design pushes them at the same cycles again.
 */
public final class CommandLog {
    private static final Pattern BATCH = Pattern.compile("# batch \\d+, pushed at cycle (\\d+).*");

    private final List<Long> cycles = new ArrayList<>();
    private final List<int[]> batches = new ArrayList<>();
    private long words;

    /** Records a batch pushed after {@code cycle} cycles (counted from the end of reset). */
    void add(long cycle, int[] batch) {
        cycles.add(cycle);
        batches.add(batch);
        words += batch.length;
    }

    int batches() { return batches.size(); }

    long cycle(int batch) { return cycles.get(batch); }

    int[] batch(int batch) { return batches.get(batch); }

    /** Command words in all batches. */
    public long words() { return words; }

    /** The batches in order, one per call; then nothing. Whole commands, as they were pushed. */
    public CommandSource replay() {
        return new CommandSource() {
            private int next;

            @Override
            public int[] next(int minWords) { return next < batches.size() ? batches.get(next++) : new int[0]; }
        };
    }

    void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("# heterosyn co-simulation command log; cycles count from the end of reset\n");
        for (int i = 0; i < batches.size(); i++) {
            sb.append(String.format(Locale.ROOT, "# batch %d, pushed at cycle %d: %d words%n", i, cycles.get(i), batches.get(i).length));
            sb.append(HexWords.format(batches.get(i)));
        }
        Files.writeString(file, sb);
    }

    public static CommandLog read(Path file) throws IOException {
        CommandLog log = new CommandLog();
        long cycle = -1;
        StringBuilder batch = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            Matcher m = BATCH.matcher(line);
            if (!m.matches()) {
                batch.append(line).append('\n');
                continue;
            }
            if (cycle >= 0) log.add(cycle, parse(batch, file, log));
            cycle = Long.parseLong(m.group(1));
            batch.setLength(0);
        }
        if (cycle < 0) throw new IOException(file + " is not a co-simulation command log (no '# batch' lines)");
        log.add(cycle, parse(batch, file, log));
        return log;
    }

    private static int[] parse(StringBuilder batch, Path file, CommandLog log) {
        return HexWords.parse(batch.toString(), file + " (batch " + log.batches() + ")");
    }
}
