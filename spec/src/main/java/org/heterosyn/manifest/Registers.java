package org.heterosyn.manifest;

import org.heterosyn.numerics.DitherHash;
import org.heterosyn.protocol.PackedInputs;
import org.heterosyn.protocol.Status;

import java.util.ArrayList;
import java.util.List;

/**
 * The register table of each sequencing block, declared once: the generator makes one _d/_q pair
 * per present entry, the emulator twin one slot per entry (absent ones are scratch slots the RTL
 * does not have), and {@link StateMap} lists the present ones under the block's instance path.
 */
public final class Registers {
    /**
     * A register: base name (the RTL has name_q and name_d), width, reset value (null: none), what
     * it holds, and whether this design has it (some exist only for SPRAM, generic memory or
     * stochastic rounding).
     */
    public record Decl(String name, int width, Long reset, String role, boolean present) {
        public String q() { return name + "_q"; }
    }

    private Registers() {}

    /** heterosyn_controller: the phase, the command in progress and the counters. */
    public static List<Decl> controller(Layout lay) {
        boolean sr = lay.stochastic();
        List<Decl> r = new ArrayList<>();
        r.add(reg("state", Phase.BITS, "controller phase (manifest Phase)"));
        r.add(reg("op", 8, "opcode of the command in progress"));
        r.add(reg("len", 16, "length field of its header"));
        r.add(reg("status", statusBits(), "status of its response"));
        r.add(reg("rlen", 16, "payload length of its response"));
        r.add(reg("cnt", lay.countBits(), "words left / seek offset / output index / key cycle"));
        r.add(reg("layer", lay.layerBits(), "weight layer of the pass or load"));
        r.add(reg("mat", 1, "matrix of a load/read (0 W, 1 B)"));
        r.add(reg("vbank", Math.max(lay.inBankBits(), lay.outBankBits()), "input/output value bank"));
        r.add(reg("vaddr", Math.max(lay.inAddrBits(), lay.outAddrBits()), "input/output value address"));
        r.add(reg("label", Layout.bits(lay.spec().outputs() - 1), "train label"));
        r.add(reg("keyb", 1, "key phase: 0 W key, 1 B key", sr));
        r.add(reg("pk", Layout.bits(PackedInputs.CODES_PER_WORD - 1), "packed inputs: byte of the command word to look up"));
        r.add(reg("pv", 1, "packed inputs: a looked-up value waits in the input table's read register"));
        r.add(reg("sample", Layout.WORD_BITS, "sample counter (SET_PARAM 0, status word 2)"));
        r.add(reg("ok_cnt", Layout.WORD_BITS, "commands completed (status word 3)"));
        r.add(reg("err_cnt", Layout.WORD_BITS, "commands rejected (status word 4)"));
        return r;
    }

    /** heterosyn_matrix_walk: the synapse a LOAD/READ_WEIGHTS is at, in W_k's chunked layout. */
    public static List<Decl> matrixWalk(Layout lay) {
        return List.of(
                reg("wc", lay.chunkBits(), "walk: chunk of the current synapse"),
                reg("wl", lay.laneBits(), "walk: lane of the current synapse"),
                reg("rc", lay.chunkBits(), "walk: chunk of the current logical row's start"),
                reg("rl", lay.laneBits(), "walk: lane of the current logical row's start"),
                reg("col", lay.walkColBits(), "walk: logical column"));
    }

    /** heterosyn_pass_sequencer: the chunk a forward or update pass is at. */
    public static List<Decl> passSequencer(Layout lay) {
        boolean sr = lay.stochastic();
        return List.of(
                reg("addr", lay.chunkBits(), "pass: chunk address"),
                reg("paddr", lay.chunkBits(), "update pass: write-back address", !lay.spram()),
                reg("c", lay.colAddrBits(), "pass: chunk column"),
                reg("t", lay.rowGroupBits(), "pass: row group"),
                reg("rowb", lay.rowIndexBits(), "update pass: first row of the chunk", sr),
                reg("colb", lay.colIndexBits(), "update pass: first column of the chunk", sr),
                reg("gbank", lay.groupBankBits(), "pass: first bank of the row group in layer k+1"),
                reg("gaddr", lay.groupAddrBits(), "pass: address of the row group in layer k+1"),
                reg("slot", 2, "update pass: cycle within the SPRAM slot", lay.spram()),
                reg("drain", 1, "pass: last chunk issued, drain cycle next"),
                reg("pv", 1, "pass: a chunk was issued last cycle (compute now)"));
    }

    /**
     * heterosyn_layer_engine: the issued chunk's coordinates, kept from the issue cycle to the
     * compute cycle, and this sample's dither keys. No reset: each is written before it is read.
     */
    public static List<Decl> layerEngine(Layout lay) {
        boolean sr = lay.stochastic();
        boolean plastic = lay.anyPlastic();
        int hab = lay.hiddenAddrBits();
        return List.of(
                noReset("p_row", lay.rowIndexBits(), "issued chunk: first row", sr),
                noReset("p_col", lay.colIndexBits(), "issued chunk: first column", sr),
                noReset("p_vaddr", Math.max(1, hab), "issued chunk: column address (e_k write)", hab > 0),
                noReset("p_gaddr", lay.groupAddrBits(), "issued chunk: row-group address", lay.groupAddressed()),
                noReset("p_gbank", lay.groupBankBits(), "issued chunk: row-group first bank", true),
                noReset("p_first", 1, "issued chunk starts a row/column sum", true),
                noReset("p_last", 1, "issued chunk ends a row/column sum", true),
                noReset("key_w", Layout.WORD_BITS, "dither key of W_k for this sample", sr),
                noReset("key_b", Layout.WORD_BITS, "dither key of B_k for this sample", sr && plastic));
    }

    /** heterosyn_dither_key: the two Threefry words and the round; it resets to "done". */
    public static List<Decl> ditherKey() {
        return List.of(
                noReset("x0", Layout.WORD_BITS, "Threefry word 0 (the key when done)", true),
                noReset("x1", Layout.WORD_BITS, "Threefry word 1", true),
                new Decl("round", Layout.bits(DitherHash.ROUNDS), (long) DitherHash.ROUNDS,
                        "Threefry round (" + DitherHash.ROUNDS + " = done)", true));
    }

    /** heterosyn_cmd_stream / heterosyn_rsp_stream: a skid buffer and an output register. */
    public static List<Decl> cmdStream() {
        return List.of(
                reg("out_valid", 1, "command word valid toward the controller"),
                noReset("out_data", Layout.WORD_BITS, "command word toward the controller", true),
                reg("skid_valid", 1, "skid buffer holds a word"),
                noReset("skid_data", Layout.WORD_BITS, "skid buffer word", true));
    }

    public static List<Decl> rspStream() {
        return List.of(
                reg("out_valid", 1, "response word valid (rsp_valid_o)"),
                noReset("out_data", Layout.WORD_BITS, "response word (rsp_data_o)", true));
    }

    /** Entry {@code name} of a table; every name the table does not declare is a bug. */
    public static Decl find(List<Decl> table, String name) {
        for (Decl d : table) {
            if (d.name().equals(name)) return d;
        }
        throw new IllegalArgumentException("no register " + name + " in the table");
    }

    /** Bits of a status code. */
    public static int statusBits() { return Layout.bits(Status.values().length - 1); }

    private static Decl reg(String name, int width, String role) { return reg(name, width, role, true); }

    private static Decl reg(String name, int width, String role, boolean present) {
        return new Decl(name, width, 0L, role, present);
    }

    private static Decl noReset(String name, int width, String role, boolean present) {
        return new Decl(name, width, null, role, present);
    }
}
