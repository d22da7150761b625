package org.heterosyn.cosim;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.manifest.StateMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The named state both sides of a co-simulation expose, in manifest order: every register, then
 * every memory. Memories join the every-cycle group while the design is small; beyond
 * {@link #EVERY_CYCLE_MEMORY_WORDS} they are compared at batch ends instead.
 */
public final class WatchList {
    /** Above this many memory words, copying all memories every cycle costs more than it finds. */
    public static final int EVERY_CYCLE_MEMORY_WORDS = 4096;
    private static final Pattern MATRIX_LANE = Pattern.compile("([WB])_(\\d+) lane (\\d+)");

    /** One watched variable: {@code elements} elements of {@code words} 32-bit words each. */
    public record Entry(String path, boolean memory, String kind, int width, int elements, int words, boolean everyCycle,
                        int offset, String content) {
        public int size() { return elements * words; }
    }

    private final Layout layout;
    private final List<Entry> entries = new ArrayList<>();
    private final int cycleWords;
    private final int snapshotWords;

    public WatchList(Manifest m, Layout layout) {
        this.layout = layout;
        long memWords = 0;
        for (StateMap.Mem mem : m.memories()) memWords += (long) mem.depth() * words(mem.width());
        boolean memEveryCycle = memWords <= EVERY_CYCLE_MEMORY_WORDS;
        int cyc = 0;
        int snap = 0;
        for (StateMap.Reg r : m.state()) {
            entries.add(new Entry(r.path(), false, "reg", r.width(), 1, words(r.width()), true, cyc, r.role()));
            cyc += words(r.width());
        }
        for (StateMap.Mem mem : m.memories()) {
            Entry e = new Entry(mem.path(), true, mem.kind(), mem.width(), mem.depth(), words(mem.width()), memEveryCycle,
                    memEveryCycle ? cyc : snap, mem.content());
            entries.add(e);
            if (memEveryCycle) cyc += e.size();
            else snap += e.size();
        }
        this.cycleWords = cyc;
        this.snapshotWords = snap;
    }

    private static int words(int width) { return Math.max(1, (width + 31) / 32); }

    public List<Entry> entries() { return entries; }

    public int cycleWords() { return cycleWords; }

    public int snapshotWords() { return snapshotWords; }

    public boolean memoriesEveryCycle() { return snapshotWords == 0; }

    /** The entry holding word {@code offset} of a sample of the given group. */
    public Entry at(boolean everyCycle, int offset) {
        for (Entry e : entries) {
            if (e.everyCycle() == everyCycle && offset >= e.offset() && offset < e.offset() + e.size()) return e;
        }
        throw new IllegalArgumentException("no entry at " + offset);
    }

    /**
     * A readable name for word {@code offset}: the RTL path, the element index of a memory, and for a
     * weight memory the synapse it holds ("W_0[3][7]", from the lane and chunk of the Layout).
     */
    public String describe(boolean everyCycle, int offset) {
        Entry e = at(everyCycle, offset);
        if (!e.memory()) return e.path();
        int index = (offset - e.offset()) / e.words();
        String where = e.path() + "[" + index + "]";
        Matcher mm = MATRIX_LANE.matcher(e.content());
        if (mm.matches() && layout.spec().memory() == org.heterosyn.spec.MemoryStyle.GENERIC) {
            int k = Integer.parseInt(mm.group(2));
            int lane = Integer.parseInt(mm.group(3));
            Layout.LayerLayout l = layout.layers().get(k);
            int row = (index / l.cpr()) * l.rpc() + l.laneRow(lane);
            int col = (index % l.cpr()) * l.inW() + l.laneCol(lane);
            // B_k[j][i] is stored where W_k[i][j] is; past the last row or column, an idle lane's word.
            if (row >= l.rows() || col >= l.cols()) {
                where += String.format(Locale.ROOT, " (layer %d, matrix %s, idle lane: row %d, column %d of the padded layout)",
                        k, mm.group(1), row, col);
                return where;
            }
            where += mm.group(1).equals("W")
                    ? String.format(Locale.ROOT, " = W_%d[%d][%d] (layer %d, matrix W, row %d, column %d)", k, row, col, k, row, col)
                    : String.format(Locale.ROOT, " = B_%d[%d][%d] (layer %d, matrix B, row %d, column %d)", k, col, row, k, col, row);
        } else {
            where += " (" + e.content() + ")";
        }
        return where;
    }
}
