package org.heterosyn.manifest;

import org.heterosyn.spec.DesignSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Every register and memory of a generated design, by RTL instance path, computed from the spec
 * alone: the named state the cycle emulator mirrors (manifest "state" and "memories"). A test in
 * rtl-gen checks it against the registers of the generated SystemVerilog.
 */
public final class StateMap {
    /** A register: path from the top ("u_ctrl.state_q"), width, reset value (null: none). */
    public record Reg(String path, int width, Long reset, String role) {}

    /**
     * A memory array. kind: "ram" (firtool memory, array {@code path}, its read data registered in
     * {@code readRegister}), "spram" (SB_SPRAM256KA instance, 16-bit words) or "reg" (a one-word
     * matrix or buffer bank held in register {@code path}). {@code content} says what it holds,
     * e.g. "W_0 lane 2", "h_1 bank 0".
     */
    public record Mem(String path, String kind, int depth, int width, String content, String readRegister) {}

    private static final int WORD = Layout.WORD_BITS;

    private StateMap() {}

    public static List<Reg> registers(DesignSpec spec) { return registers(new Layout(spec)); }

    public static List<Reg> registers(Layout lay) {
        List<Reg> r = new ArrayList<>();
        r.add(new Reg("u_cmd.out_valid_q", 1, 0L, "command word valid toward the controller"));
        r.add(new Reg("u_cmd.out_data_q", WORD, null, "command word toward the controller"));
        r.add(new Reg("u_cmd.skid_valid_q", 1, 0L, "skid buffer holds a word"));
        r.add(new Reg("u_cmd.skid_data_q", WORD, null, "skid buffer word"));
        r.add(new Reg("u_rsp.out_valid_q", 1, 0L, "response word valid (rsp_valid_o)"));
        r.add(new Reg("u_rsp.out_data_q", WORD, null, "response word (rsp_data_o)"));
        String c = "u_ctrl.";
        r.add(new Reg(c + "state_q", Phase.BITS, 0L, "controller phase (manifest Phase)"));
        r.add(new Reg(c + "op_q", 8, 0L, "opcode of the command in progress"));
        r.add(new Reg(c + "len_q", 16, 0L, "length field of its header"));
        r.add(new Reg(c + "status_q", Layout.bits(org.heterosyn.protocol.Status.values().length - 1), 0L,
                "status of its response"));
        r.add(new Reg(c + "rlen_q", 16, 0L, "payload length of its response"));
        r.add(new Reg(c + "cnt_q", lay.countBits(), 0L, "words left / seek offset / output index / key cycle"));
        r.add(new Reg(c + "layer_q", lay.layerBits(), 0L, "weight layer of the pass or load"));
        r.add(new Reg(c + "mat_q", 1, 0L, "matrix of a load/read (0 W, 1 B)"));
        r.add(new Reg(c + "wc_q", lay.chunkBits(), 0L, "walk: chunk of the current synapse"));
        r.add(new Reg(c + "wl_q", lay.laneBits(), 0L, "walk: lane of the current synapse"));
        r.add(new Reg(c + "rc_q", lay.chunkBits(), 0L, "walk: chunk of the current logical row's start"));
        r.add(new Reg(c + "rl_q", lay.laneBits(), 0L, "walk: lane of the current logical row's start"));
        r.add(new Reg(c + "col_q", lay.walkColBits(), 0L, "walk: logical column"));
        r.add(new Reg(c + "addr_q", lay.chunkBits(), 0L, "pass: chunk address"));
        if (!lay.spram()) r.add(new Reg(c + "paddr_q", lay.chunkBits(), 0L, "update pass: write-back address"));
        r.add(new Reg(c + "c_q", lay.colAddrBits(), 0L, "pass: chunk column"));
        r.add(new Reg(c + "t_q", lay.rowGroupBits(), 0L, "pass: row group"));
        if (lay.stochastic()) {
            r.add(new Reg(c + "rowb_q", lay.rowIndexBits(), 0L, "update pass: first row of the chunk"));
            r.add(new Reg(c + "colb_q", lay.colIndexBits(), 0L, "update pass: first column of the chunk"));
        }
        r.add(new Reg(c + "gbank_q", lay.groupBankBits(), 0L, "pass: first bank of the row group in layer k+1"));
        r.add(new Reg(c + "gaddr_q", lay.groupAddrBits(), 0L, "pass: address of the row group in layer k+1"));
        if (lay.spram()) r.add(new Reg(c + "slot_q", 2, 0L, "update pass: cycle within the SPRAM slot"));
        r.add(new Reg(c + "drain_q", 1, 0L, "pass: last chunk issued, drain cycle next"));
        r.add(new Reg(c + "pv_q", 1, 0L, "pass: a chunk was issued last cycle (compute now)"));
        r.add(new Reg(c + "vbank_q", Math.max(lay.inBankBits(), lay.outBankBits()), 0L, "input/output value bank"));
        r.add(new Reg(c + "vaddr_q", Math.max(lay.inAddrBits(), lay.outAddrBits()), 0L, "input/output value address"));
        r.add(new Reg(c + "label_q", Layout.bits(lay.spec().outputs() - 1), 0L, "train label"));
        if (lay.stochastic()) r.add(new Reg(c + "keyb_q", 1, 0L, "key phase: 0 W key, 1 B key"));
        r.add(new Reg(c + "sample_q", WORD, 0L, "sample counter (SET_PARAM 0, status word 2)"));
        r.add(new Reg(c + "ok_cnt_q", WORD, 0L, "commands completed (status word 3)"));
        r.add(new Reg(c + "err_cnt_q", WORD, 0L, "commands rejected (status word 4)"));

        String e = "u_eng.";
        if (lay.stochastic()) {
            r.add(new Reg(e + "p_row_q", lay.rowIndexBits(), null, "issued chunk: first row"));
            r.add(new Reg(e + "p_col_q", lay.colIndexBits(), null, "issued chunk: first column"));
        }
        if (lay.hiddenAddrBits() > 0) {
            r.add(new Reg(e + "p_vaddr_q", lay.hiddenAddrBits(), null, "issued chunk: column address (e_k write)"));
        }
        if (lay.groupAddressed()) {
            r.add(new Reg(e + "p_gaddr_q", lay.groupAddrBits(), null, "issued chunk: row-group address"));
        }
        r.add(new Reg(e + "p_gbank_q", lay.groupBankBits(), null, "issued chunk: row-group first bank"));
        r.add(new Reg(e + "p_first_q", 1, null, "issued chunk starts a row/column sum"));
        r.add(new Reg(e + "p_last_q", 1, null, "issued chunk ends a row/column sum"));
        if (lay.stochastic()) {
            r.add(new Reg(e + "key_w_q", WORD, null, "dither key of W_k for this sample"));
            if (hasPlastic(lay)) r.add(new Reg(e + "key_b_q", WORD, null, "dither key of B_k for this sample"));
            r.add(new Reg(e + "u_key.x0_q", WORD, null, "Threefry word 0 (the key when done)"));
            r.add(new Reg(e + "u_key.x1_q", WORD, null, "Threefry word 1"));
            r.add(new Reg(e + "u_key.round_q", Layout.bits(KEY_ROUNDS), (long) KEY_ROUNDS, "Threefry round (13 = done)"));
        }
        for (int l = 0; l < lay.lanes(); l++) {
            if (lay.spram() && lay.anyFeedback()) r.add(new Reg(e + "wlat_" + l + "_q", lay.weightBits(), null, "lane " + l + ": W read in the previous cycle"));
        }
        if (lay.spram() && hasPlastic(lay)) {
            for (int l = 0; l < lay.lanes(); l++) {
                r.add(new Reg(e + "blat_" + l + "_q", lay.weightBits(), null, "lane " + l + ": B read in the previous cycle"));
            }
        }
        for (int x = 0; x < lay.accumulators(); x++) {
            r.add(new Reg(e + "acc_" + x + "_q", lay.accBits(), null, "accumulator " + x));
        }
        for (Mem m : memories(lay)) {
            if (m.kind().equals("reg")) r.add(new Reg(m.path(), m.width(), null, m.content()));
            if (m.readRegister() != null) {
                r.add(new Reg(m.readRegister(), m.width(), null, m.content() + ": word read in the previous cycle"));
            }
        }
        if (lay.spram() && lay.spramsPerLane() > 1) {
            r.add(new Reg("u_wmem.block_q", Layout.bits(lay.spramsPerLane() - 1), null, "SPRAM block read last cycle"));
        }
        return r;
    }

    /** Threefry rounds of the key unit (DitherHash.threefry13). */
    public static final int KEY_ROUNDS = 13;

    static boolean hasPlastic(Layout lay) {
        return lay.layers().stream().anyMatch(Layout.LayerLayout::plastic);
    }

    public static List<Mem> memories(DesignSpec spec) { return memories(new Layout(spec)); }

    public static List<Mem> memories(Layout lay) {
        List<Mem> out = new ArrayList<>();
        int vb = lay.valueBits();
        for (Layout.BufferLayout b : lay.buffers()) {
            for (String kind : b.m() == 0 ? List.of("h") : List.of("h", "e")) {
                for (int bank = 0; bank < b.banks(); bank++) {
                    String inst = "u_eng.u_" + kind + "_" + b.m() + ".";
                    String what = kind + "_" + b.m() + " bank " + bank;
                    if (b.depth() == 1) {
                        out.add(new Mem(inst + "val_" + bank + "_q", "reg", 1, vb, what, null));
                    } else {
                        out.add(new Mem(inst + "heterosyn_vram_" + bank + "_ext.Memory", "ram", b.depth(), vb, what,
                                inst + "rd_" + bank + "_q"));
                    }
                }
            }
        }
        if (lay.spram()) {
            for (int l = 0; l < lay.lanes(); l++) {
                for (int s = 0; s < lay.spramsPerLane(); s++) {
                    out.add(new Mem("u_wmem.u_spram_" + l + "_" + s, "spram", Layout.SPRAM_DEPTH, 16,
                            "lane " + l + " bank words " + s * Layout.SPRAM_DEPTH + ".." + ((s + 1) * Layout.SPRAM_DEPTH - 1),
                            null));
                }
            }
        } else {
            for (Layout.LayerLayout k : lay.layers()) {
                for (String mat : k.feedback() ? List.of("w", "b") : List.of("w")) {
                    for (int l = 0; l < k.used(); l++) {
                        String id = mat + k.k() + "_" + l;
                        String what = (mat.equals("w") ? "W_" : "B_") + k.k() + " lane " + l;
                        if (k.chunks() == 1) {
                            out.add(new Mem("u_wmem." + id + "_q", "reg", 1, lay.weightBits(), what, null));
                        } else {
                            out.add(new Mem("u_wmem.heterosyn_wram_" + id + "_ext.Memory", "ram", k.chunks(),
                                    lay.weightBits(), what, "u_wmem." + id + "_rd_q"));
                        }
                    }
                }
            }
        }
        return out;
    }
}
