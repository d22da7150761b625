package org.heterosyn.manifest;

import org.heterosyn.numerics.DitherHash;
import org.heterosyn.protocol.Header;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Spram;

import java.util.ArrayList;
import java.util.List;

/**
 * How a design maps onto the folded datapath (docs/architecture.md): chunking of each weight
 * matrix into lanes, banking of the neuron value buffers, weight-memory regions and every
 * register width. The RTL generator builds from it; the emulator mirrors it.
 *
 * <p>Weight layer k's W_k (rows = n_{k+1}, cols = n_k) is cut row-major into chunks of
 * {@code used} synapses. A chunk is either part of one row ({@code inW = lanes} columns, one row;
 * when lanes do not divide cols, a row's last chunk has cols % lanes live lanes and the rest idle)
 * or {@code rpc} whole rows of {@code inW = cols} columns (when rpc does not divide rows, the last
 * row group has idle rows). Synapse (i, j) sits at s = i * stride + j, stride = cpr * inW (the
 * padded row length), in chunk s / used, lane s % used. B_k is stored transposed, at W_k's
 * positions: B_k[j][i] lives where W_k[i][j] does, so one pass updates both with the same product
 * e_i * h_j.
 */
public final class Layout {
    /** Cycles of one dither key: the start cycle, the Threefry rounds (one per cycle), the latch cycle. */
    public static final int KEY_CYCLES = 1 + DitherHash.ROUNDS + 1;
    public static final int WORD_BITS = 32;

    /** One weight layer's chunking. */
    public record LayerLayout(int k, int rows, int cols, int inW, int rpc, int cpr, int rowGroups, int chunks,
                              int used, boolean feedback, boolean plastic) {
        public long synapses() { return (long) rows * cols; }

        /** Padded row length in synapses: cols, rounded up to whole chunks of a row. */
        public int stride() { return cpr * inW; }

        /** Word s of the chunked layout (chunk s / used, lane s % used) that holds W_k[i][j] and B_k[j][i]. */
        public long slot(int i, int j) { return (long) i * stride() + j; }

        /** True when some chunk has idle lanes inside {@code used}: a ragged last chunk of a row or row group. */
        public boolean ragged() { return stride() != cols || rowGroups * rpc != rows; }

        /** Live lanes of the last chunk of a row (within a row) or of the last row group (whole rows). */
        public int tailLanes() {
            return rpc == 1 ? cols - (cpr - 1) * inW : (rows - (rowGroups - 1) * rpc) * inW;
        }

        /** Row of lane l inside its chunk. */
        public int laneRow(int l) { return l / inW; }

        /** Column of lane l inside its chunk. */
        public int laneCol(int l) { return l % inW; }
    }

    /** A neuron layer's value buffers (h_m and, for m >= 1, e_m): {@code banks} x {@code depth}. */
    public record BufferLayout(int m, int neurons, int banks, int depth) {}

    /** A weight matrix's place in memory; {@code base} is its first word in a lane's SPRAM bank. */
    public record Region(int layer, int matrix, int chunks, int base) {}

    private final DesignSpec spec;
    private final List<LayerLayout> layers = new ArrayList<>();
    private final List<BufferLayout> buffers = new ArrayList<>();
    private final List<Region> regions = new ArrayList<>();
    private final int bankWords;

    public Layout(DesignSpec spec) {
        this.spec = spec;
        int lanes = spec.lanes();
        int last = spec.weightLayers();
        // Columns per chunk: lanes (a chunk inside one row, the row's last chunk ragged when lanes do
        // not divide cols) or, for rows shorter than lanes, the whole row.
        int[] inW = new int[last];
        for (int k = 0; k < last; k++) inW[k] = Math.min(lanes, spec.fanIn(k));
        // Buffer m < L is read a chunk column at a time by layer m: inW(m) banks. The output buffer
        // takes its banks from the groups layer L-1 writes.
        int[] rpc = new int[last];
        for (int k = 0; k < last; k++) {
            int rows = spec.fanOut(k);
            int cols = spec.fanIn(k);
            int most = inW[k] == cols ? Math.min(rows, lanes / cols) : 1;
            // Layer k writes a group of rpc values into buffer k+1 at once, inside one address: rpc must
            // divide that buffer's banks (the output buffer's banks are rpc itself).
            int r = most;
            while (k + 1 < last && inW[k + 1] % r != 0) r--;
            rpc[k] = r;
        }
        for (int k = 0; k < last; k++) {
            int rows = spec.fanOut(k);
            int cols = spec.fanIn(k);
            int cpr = (cols + inW[k] - 1) / inW[k];
            int rowGroups = (rows + rpc[k] - 1) / rpc[k];
            layers.add(new LayerLayout(k, rows, cols, inW[k], rpc[k], cpr, rowGroups, rowGroups * cpr, inW[k] * rpc[k],
                    spec.hasFeedback(k), spec.hasFeedback(k) && spec.rule().plasticFeedback()));
        }
        for (int m = 0; m <= last; m++) {
            int n = spec.layers().get(m);
            int banks = m < last ? inW[m] : rpc[last - 1];
            // Padded slots (v >= n) are never written with anything but 0 (docs/architecture.md, "Ragged chunks").
            buffers.add(new BufferLayout(m, n, banks, (n + banks - 1) / banks));
        }
        int base = 0;
        for (LayerLayout l : layers) {
            regions.add(new Region(l.k(), 0, l.chunks(), base));
            base += l.chunks();
            if (l.feedback()) {
                regions.add(new Region(l.k(), 1, l.chunks(), base));
                base += l.chunks();
            }
        }
        bankWords = base;
    }

    public DesignSpec spec() { return spec; }

    public Numerics numerics() { return spec.numerics(); }

    public List<LayerLayout> layers() { return List.copyOf(layers); }

    public LayerLayout layer(int k) { return layers.get(k); }

    public int weightLayers() { return layers.size(); }

    public List<BufferLayout> buffers() { return List.copyOf(buffers); }

    public BufferLayout buffer(int m) { return buffers.get(m); }

    public List<Region> regions() { return List.copyOf(regions); }

    public Region region(int layer, int matrix) {
        for (Region r : regions) {
            if (r.layer() == layer && r.matrix() == matrix) return r;
        }
        throw new IllegalArgumentException("no matrix " + matrix + " in layer " + layer);
    }

    public int lanes() { return spec.lanes(); }

    public boolean spram() { return spec.memory() == MemoryStyle.SPRAM; }

    public boolean stochastic() { return spec.numerics().rounding() == org.heterosyn.spec.Rounding.STOCHASTIC; }

    /** Words in each lane's weight bank (all matrices, one after the other). */
    public int bankWords() { return bankWords; }

    /** SB_SPRAM256KA instances behind each lane (memory spram). */
    public int spramsPerLane() { return (bankWords + Spram.DEPTH - 1) / Spram.DEPTH; }

    /** Lanes some layer uses; the lanes past them hold no synapse in any layer (no update unit). */
    public int activeLanes() { return layers.stream().mapToInt(LayerLayout::used).max().orElseThrow(); }

    /** True when some layer stores a feedback matrix B_k. */
    public boolean anyFeedback() { return layers.stream().anyMatch(LayerLayout::feedback); }

    /** Some layer's B is plastic (the train command updates it). */
    public boolean anyPlastic() { return layers.stream().anyMatch(LayerLayout::plastic); }

    public int maxChunks() { return layers.stream().mapToInt(LayerLayout::chunks).max().orElseThrow(); }

    public int maxNeurons() { return spec.layers().stream().mapToInt(Integer::intValue).max().orElseThrow(); }

    /**
     * Memory accesses per chunk in an update pass with SPRAM (single port, all of a lane's matrices
     * in one bank): read W, read B if stored, write W, write B if plastic ({@link #SPRAM_SLOT}).
     */
    public int spramSlot(int k) {
        LayerLayout l = layers.get(k);
        return 2 + (l.feedback() ? 1 : 0) + (l.plastic() ? 1 : 0);
    }

    /** {@link #spramSlot}'s formula, for CycleModel. */
    static final String SPRAM_SLOT = "2 + stores_B_k + plastic_B_k";

    /**
     * Each lane's W and B share one update datapath, staged in two cycles (docs/architecture.md,
     * "Staged update"): plastic feedback in single-port SPRAM, where W' and B' are written in different
     * slots anyway.
     */
    public static boolean sharedUpdate(DesignSpec spec) {
        return spec.rule().plasticFeedback() && spec.memory() == MemoryStyle.SPRAM;
    }

    public boolean sharedUpdate() { return sharedUpdate(spec); }

    /**
     * Cycles an SPRAM update pass of layer k runs past its last chunk's slot: a staged two-slot layer
     * writes each chunk one slot pair after reading it, so the last write takes one more pair
     * ({@link #SPRAM_DRAIN}).
     */
    public int spramDrain(int k) { return sharedUpdate() && spramSlot(k) == 2 ? 2 : 0; }

    /** {@link #spramDrain}'s formula, for CycleModel. */
    static final String SPRAM_DRAIN = "shared && slot_k = 2 ? 2 : 0";

    // ---- widths ----

    /** Bits of an unsigned value up to v (at least 1). */
    public static int bits(long v) { return Math.max(1, 64 - Long.numberOfLeadingZeros(v)); }

    public int layerBits() { return bits(Math.max(0, weightLayers() - 1)); }

    /** Chunk addresses inside one matrix. */
    public int chunkBits() { return bits(maxChunks() - 1); }

    /** Word addresses in a lane's SPRAM bank. */
    public int bankAddrBits() { return bits(bankWords - 1); }

    public int laneBits() { return bits(lanes() - 1); }

    public int valueBits() { return spec.numerics().valueBits(); }

    public int weightBits() { return spec.numerics().weightBits(); }

    /**
     * Column addresses: buffers m < L read lane-aligned by layer m (h_m) or written so (e_m).
     * The address of chunk column c is c, since buffer m has inW(m) banks.
     */
    public int colAddrBits() {
        int d = 1;
        for (int m = 0; m < weightLayers(); m++) d = Math.max(d, buffers.get(m).depth());
        return bits(d - 1);
    }

    /** Addresses of the hidden error buffers e_m, 1 <= m < L (0 when none has more than one word per bank). */
    public int hiddenAddrBits() {
        int d = 1;
        for (int m = 1; m < weightLayers(); m++) d = Math.max(d, buffers.get(m).depth());
        return d == 1 ? 0 : bits(d - 1);
    }

    /** True when some buffer m >= 1 has more than one word per bank, so group writes need an address. */
    public boolean groupAddressed() {
        for (int m = 1; m <= weightLayers(); m++) if (buffers.get(m).depth() > 1) return true;
        return false;
    }

    /** Group addresses: buffers m >= 1 written (h_m) or read (e_m) rpc(m-1) values at a time. */
    public int groupAddrBits() {
        int d = 1;
        for (int m = 1; m <= weightLayers(); m++) d = Math.max(d, buffers.get(m).depth());
        return bits(d - 1);
    }

    /** First bank of a group in the buffers m >= 1. */
    public int groupBankBits() {
        int b = 1;
        for (int m = 1; m <= weightLayers(); m++) b = Math.max(b, buffers.get(m).banks());
        return bits(b - 1);
    }

    /** Address and bank of single values in the input buffer h_0 and the output buffers h_L, e_L. */
    public int inAddrBits() { return bits(buffers.get(0).depth() - 1); }

    public int inBankBits() { return bits(buffers.get(0).banks() - 1); }

    public int outAddrBits() { return bits(buffers.get(weightLayers()).depth() - 1); }

    public int outBankBits() { return bits(buffers.get(weightLayers()).banks() - 1); }

    /**
     * The controller's general counter: words still to come (at most MAX_LENGTH + 1 after a header), a
     * checked start index (below the largest matrix), an output index, a key cycle.
     */
    public int countBits() {
        long maxSyn = layers.stream().mapToLong(LayerLayout::synapses).max().orElseThrow();
        return bits(Math.max(Header.MAX_LENGTH + 1L, maxSyn - 1));
    }

    /** Row indices of a weight matrix (the dither's row field, zero-extended to DitherHash.INDEX_BITS). */
    public int rowIndexBits() { return bits(layers.stream().mapToInt(LayerLayout::rows).max().orElseThrow() - 1); }

    /** Column indices of a weight matrix (the dither's column field, zero-extended to DitherHash.INDEX_BITS). */
    public int colIndexBits() { return bits(layers.stream().mapToInt(LayerLayout::cols).max().orElseThrow() - 1); }

    /** Row groups of a pass (t_q). */
    public int rowGroupBits() { return bits(layers.stream().mapToInt(LayerLayout::rowGroups).max().orElseThrow() - 1); }

    /** Logical columns of a load/read walk (col_q): below the longest row of W_k or B_k. */
    public int walkColBits() { return bits(maxNeurons() - 1); }

    /** Accumulators: rpc(k) row sums in a forward pass, inW(k) column sums in a feedback pass (k >= 1). */
    public int accumulators() {
        int n = 1;
        for (LayerLayout l : layers) n = Math.max(n, Math.max(l.rpc(), l.k() >= 1 ? l.inW() : 0));
        return n;
    }

    /** Hidden-error lanes: inW(k) for the layers k >= 1 that propagate an error (0 for one layer). */
    public int hiddenErrorLanes() {
        int n = 0;
        for (LayerLayout l : layers) if (l.k() >= 1) n = Math.max(n, l.inW());
        return n;
    }

    /**
     * Accumulator bits: a sum of at most maxNeurons products of a weight and a value (or of a
     * sign-symmetric feedback term, no wider) never overflows.
     */
    public int accBits() {
        return weightBits() + valueBits() + bits(maxNeurons());
    }

    /**
     * What an accumulator starts a sum at: half an LSB of the rescaled result, 2^(weightFrac-1), so
     * the rescale's round half up, floor((acc + 2^(wf-1)) / 2^wf), is a shift with no adder. Within
     * accBits: a sum stays below 2^(accBits-2) in magnitude (accBits' spare bit).
     */
    public long accBias() {
        int wf = spec.numerics().weightFrac();
        return wf == 0 ? 0 : 1L << (wf - 1);
    }
}
