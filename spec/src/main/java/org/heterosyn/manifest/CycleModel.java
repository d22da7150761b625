package org.heterosyn.manifest;

import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.PackedInputs;
import org.heterosyn.spec.DesignSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cycles each command takes (docs/architecture.md, "Cycle counts"): from the cycle the controller
 * accepts the header word to the first cycle it can accept the next one, when the host always
 * has the next command word ready and always takes response words at once.
 *
 * <p>Every count comes with its formula, written next to the code that computes it; the manifest
 * writes both, and CycleDocumentTest holds the tables of docs/architecture.md equal to the formulas.
 */
public final class CycleModel {
    /**
     * A count: what is counted, its formula (over n_0, n_L, the {@link #terms} and a command's own
     * fields) for this design, and its value, or null where it depends on a command's fields or on k.
     */
    public record Cycles(String what, String formula, Long value) {}

    private final Layout lay;

    public CycleModel(Layout lay) { this.lay = lay; }

    public CycleModel(DesignSpec spec) { this(new Layout(spec)); }

    // ---- per weight layer k ----

    /** Forward pass of layer k: one cycle per chunk plus a drain cycle. */
    public Cycles forward(int k) {
        return new Cycles("forward_k", "chunks_k + 1", lay.layer(k).chunks() + 1L);
    }

    /** Dither-key cycles of layer k: one key for W, another for plastic B (stochastic rounding only). */
    public Cycles keys(int k) {
        if (!lay.stochastic()) return new Cycles("keys_k", "0", 0L);
        return new Cycles("keys_k", Layout.KEY_CYCLES + " * (plastic_k ? 2 : 1)",
                (long) Layout.KEY_CYCLES * (lay.layer(k).plastic() ? 2 : 1));
    }

    /** Update pass of layer k: generic one chunk per cycle plus a drain; SPRAM a slot per chunk. */
    public Cycles update(int k) {
        Layout.LayerLayout l = lay.layer(k);
        if (!lay.spram()) return new Cycles("update_k", "chunks_k + 1", l.chunks() + 1L);
        return new Cycles("update_k", "slot_k * chunks_k + drain_k", (long) slot(k).value() * l.chunks() + drain(k).value());
    }

    /** Cycles an SPRAM update pass runs past its last slot (Layout.spramDrain). */
    public Cycles drain(int k) {
        return new Cycles("drain_k", Layout.SPRAM_DRAIN, (long) lay.spramDrain(k));
    }

    /** SPRAM cycles per chunk of an update pass (Layout.spramSlot). */
    public Cycles slot(int k) {
        return new Cycles("slot_k", Layout.SPRAM_SLOT, (long) lay.spramSlot(k));
    }

    /** SEEK steps to a start index: a cycle per skipped row, then per skipped column. */
    public Cycles seek() {
        return new Cycles("seek", "floor(start / rowLength) + start mod rowLength", null);
    }

    /** {@link #seek()} for a start index of (layer, matrix). */
    public long seek(int layer, int matrix, long start) {
        int r = rowLength(layer, matrix);
        return start / r + start % r;
    }

    /** Row length of the logical matrix (W_k: n_k columns; B_k: n_{k+1} columns). */
    public int rowLength(int layer, int matrix) {
        Layout.LayerLayout l = lay.layer(layer);
        return matrix == 0 ? l.cols() : l.rows();
    }

    /** The terms the command formulas use, as this design defines them. */
    public List<Cycles> terms() {
        List<Cycles> t = new ArrayList<>(List.of(seek(), forward(0), keys(0), update(0)));
        if (lay.spram()) t.addAll(List.of(slot(0), drain(0)));
        return t;
    }

    // ---- commands ----

    /** Header cycle, SP_DATA, RSP_HDR. */
    public Cycles setParam() {
        return new Cycles(Opcode.SET_PARAM.name(), "3", 3L);
    }

    /** Header, start word, seek (steps + 1), one cycle per word, response header. */
    public Cycles load() {
        return new Cycles(Opcode.LOAD_WEIGHTS.name(), "4 + seek + count", null);
    }

    /** {@link #load()} for these fields. */
    public long load(int layer, int matrix, long start, int count) {
        return 4 + seek(layer, matrix, start) + count;
    }

    /** Header, start word, seek (steps + 1), response header, two cycles per word. */
    public Cycles read() {
        return new Cycles(Opcode.READ_WEIGHTS.name(), "4 + seek + 2 * count", null);
    }

    /** {@link #read()} for these fields. */
    public long read(int layer, int matrix, long start, int count) {
        return 4 + seek(layer, matrix, start) + 2L * count;
    }

    /** Header, n_0 inputs, the forward passes, response header, two cycles per output word. */
    public Cycles infer() {
        long c = 2 + lay.spec().inputs() + 2L * lay.spec().outputs();
        for (int k = 0; k < lay.weightLayers(); k++) c += forward(k).value();
        return new Cycles(Opcode.INFER.name(), "2 + n_0 + sum_k forward_k + 2 * n_L", c);
    }

    /** As infer, plus the label word, the keys and update passes, and the sample-counter step. */
    public Cycles train() {
        long c = infer().value() + 2;
        for (int k = 0; k < lay.weightLayers(); k++) c += keys(k).value() + update(k).value();
        return new Cycles(Opcode.TRAIN.name(), "INFER + 2 + sum_k (keys_k + update_k)", c);
    }

    /** Header cycle, one cycle per table value, RSP_HDR. */
    public Cycles loadInputTable() {
        return new Cycles(Opcode.LOAD_INPUT_TABLE.name(), "2 + " + PackedInputs.TABLE_ENTRIES, 2L + PackedInputs.TABLE_ENTRIES);
    }

    /** As INFER, plus the cycle that writes the last looked-up value (the input table's read latency). */
    public Cycles inferPacked() {
        return new Cycles(Opcode.INFER_PACKED.name(), "INFER + 1", infer().value() + 1);
    }

    /** As TRAIN, plus the cycle that writes the last looked-up value. */
    public Cycles trainPacked() {
        return new Cycles(Opcode.TRAIN_PACKED.name(), "TRAIN + 1", train().value() + 1);
    }

    /** Header cycle, RSP_HDR, one cycle per status word. */
    public Cycles status() {
        return new Cycles(Opcode.STATUS.name(), "2 + " + Header.STATUS_WORDS, 2L + Header.STATUS_WORDS);
    }

    /** The command's cycles (what = the opcode's name). */
    public Cycles command(Opcode op) {
        return switch (op) {
            case SET_PARAM -> setParam();
            case LOAD_WEIGHTS -> load();
            case READ_WEIGHTS -> read();
            case INFER -> infer();
            case TRAIN -> train();
            case STATUS -> status();
            case LOAD_INPUT_TABLE -> loadInputTable();
            case INFER_PACKED -> inferPacked();
            case TRAIN_PACKED -> trainPacked();
        };
    }

    // ---- rejected commands ----

    /** A command rejected from its header: header, the drained words, the response header. */
    public static long rejectedAtHeader(Opcode op, int length) {
        return 2 + (op == null ? 0 : op.followingWords(length));
    }

    /** LOAD/READ with an out-of-range start or count: header, start word, drained data, response. */
    public static long rejectedRange(Opcode op, int count) {
        return 3 + (op == Opcode.LOAD_WEIGHTS ? count : 0);
    }

    /** TRAIN with a label out of range: header, label, drained inputs, response header. */
    public long rejectedLabel() {
        return rejectedLabel(Opcode.TRAIN);
    }

    /** TRAIN or TRAIN_PACKED with a label out of range: header, label, drained input words, response header. */
    public long rejectedLabel(Opcode op) {
        return 2 + op.followingWords(lay.spec().inputs());
    }

    /** Every kind of rejection: {@link #rejectedAtHeader}, {@link #rejectedRange}, {@link #rejectedLabel}. */
    public List<Cycles> rejections() {
        return List.of(
                new Cycles("header (opcode, length or arg)", "2 + words following the header (0 for an unknown opcode)", null),
                new Cycles("LOAD_WEIGHTS start + count out of range", "3 + count", null),
                new Cycles("READ_WEIGHTS start + count out of range", "3", rejectedRange(Opcode.READ_WEIGHTS, 0)),
                new Cycles("TRAIN label out of range", "3 + n_0", rejectedLabel()),
                new Cycles("TRAIN_PACKED label out of range", "3 + ceil(n_0 / 4)", rejectedLabel(Opcode.TRAIN_PACKED)));
    }

    /**
     * The formula followed by the definitions of the terms it uses, and of theirs:
     * "INFER + 2 + sum_k (keys_k + update_k); keys_k = 15 * (plastic_k ? 2 : 1); update_k = ...".
     */
    public String withTerms(Cycles c) {
        StringBuilder s = new StringBuilder(c.formula());
        List<Cycles> pending = new ArrayList<>(terms());
        for (boolean added = true; added; ) {
            added = false;
            for (Cycles t : List.copyOf(pending)) {
                if (!Pattern.compile("\\b" + Pattern.quote(t.what()) + "\\b").matcher(s).find()) continue;
                s.append("; ").append(t.what()).append(" = ").append(t.formula());
                pending.remove(t);
                added = true;
            }
        }
        return s.toString();
    }
}
