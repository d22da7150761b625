package org.heterosyn.manifest;

import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.link.LinkFrame;
import org.heterosyn.protocol.PackedInputs;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Spram;

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
     * {@code readRegister}), "spram" (an {@link Spram} instance) or "reg" (a one-word
     * matrix or buffer bank held in register {@code path}). {@code content} says what it holds,
     * e.g. "W_0 lane 2", "h_1 bank 0".
     */
    public record Mem(String path, String kind, int depth, int width, String content, String readRegister) {}

    private static final int WORD = Layout.WORD_BITS;
    /** The input table's memory in heterosyn_input_table (u_ctrl.u_itab). */
    public static final String INPUT_TABLE_RAM = "heterosyn_itab";
    private static final String W = Hierarchy.path(Hierarchy.WEIGHTS);

    private StateMap() {}

    public static List<Reg> registers(DesignSpec spec) { return registers(new Layout(spec)); }

    /** A block instance (its path from the top, ending in a dot) and its register table. */
    public record Table(String at, List<Registers.Decl> registers) {}

    /** The blocks whose registers are declared in {@link Registers}, in manifest order. */
    public static List<Table> tables(Layout lay) {
        String e = Hierarchy.path(Hierarchy.ENGINE);
        List<Table> t = new ArrayList<>(List.of(
                new Table(Hierarchy.path(Hierarchy.CMD), Registers.cmdStream()),
                new Table(Hierarchy.path(Hierarchy.RSP), Registers.rspStream()),
                new Table(Hierarchy.path(Hierarchy.CTRL), Registers.controller(lay)),
                new Table(Hierarchy.path(Hierarchy.CTRL, Hierarchy.WALK), Registers.matrixWalk(lay)),
                new Table(Hierarchy.path(Hierarchy.CTRL, Hierarchy.SEQUENCER), Registers.passSequencer(lay)),
                new Table(e, Registers.layerEngine(lay))));
        if (lay.stochastic()) t.add(new Table(e + Hierarchy.path(Hierarchy.KEY), Registers.ditherKey()));
        if (lay.sharedUpdate()) {
            for (int l = 0; l < lay.activeLanes(); l++) t.add(new Table(e + Hierarchy.path(Hierarchy.unit(l)), Registers.updateUnit(lay)));
        }
        return t;
    }

    public static List<Reg> registers(Layout lay) {
        List<Reg> r = new ArrayList<>();
        for (Table t : tables(lay)) add(r, t.at(), t.registers());
        String e = Hierarchy.path(Hierarchy.ENGINE);
        for (int l = 0; l < lay.lanes(); l++) {
            if (lay.spram() && (lay.anyFeedback() || lay.sharedUpdate())) r.add(new Reg(e + "wlat_" + l + "_q", lay.weightBits(), null, "lane " + l + ": W read in the previous cycle"));
        }
        if (lay.spram() && lay.anyPlastic()) {
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
            r.add(new Reg(W + "block_q", Layout.bits(lay.spramsPerLane() - 1), null, "SPRAM block read last cycle"));
        }
        return r;
    }

    // ---- the board top: its own blocks, then the core under u_core ----

    /** The firtool memory of a link FIFO, inside its instance. */
    public static final String FIFO_RAM = "heterosyn_fifo_ram";
    /**
     * FrameTx's two RAMs of frame end pointers (one word per window slot, seq % WINDOW), inside u_ftx,
     * written alike: one per read port, since a block RAM has one. _rel: for the release of
     * acknowledged words; _rsd: for the length of a frame sent again.
     */
    public static final String FRAME_ENDS_REL_RAM = "heterosyn_frame_ends_rel";
    public static final String FRAME_ENDS_RSD_RAM = "heterosyn_frame_ends_rsd";

    /** The board top's blocks and their register tables (docs/board-top.md). */
    public static List<Table> boardTables(BoardTopConfig cfg) {
        return List.of(
                new Table("", Registers.boardTop(cfg)),
                new Table(Hierarchy.path(Hierarchy.POR), Registers.powerOnReset(cfg)),
                new Table(Hierarchy.path(Hierarchy.UART_RX), Registers.uartRx(cfg)),
                new Table(Hierarchy.path(Hierarchy.UART_TX), Registers.uartTx(cfg)),
                new Table(Hierarchy.path(Hierarchy.FRAME_RX), Registers.frameRx()),
                new Table(Hierarchy.path(Hierarchy.FRAME_TX), Registers.frameTx(cfg)),
                new Table(Hierarchy.path(Hierarchy.CMD_FIFO), Registers.linkFifo(cfg.cmdFifoWords(), false)),
                new Table(Hierarchy.path(Hierarchy.RSP_FIFO), Registers.linkFifo(cfg.rspFifoWords(), true)));
    }

    /** Every register of a board top: its blocks' tables, then the core's registers under u_core. */
    public static List<Reg> boardRegisters(Layout lay, BoardTopConfig cfg) {
        List<Reg> r = new ArrayList<>();
        for (Table t : boardTables(cfg)) add(r, t.at(), t.registers());
        String core = Hierarchy.path(Hierarchy.CORE);
        for (Reg x : registers(lay)) r.add(new Reg(core + x.path(), x.width(), x.reset(), x.role()));
        return r;
    }

    /** Every memory of a board top: the two link FIFOs, then the core's under u_core. */
    public static List<Mem> boardMemories(Layout lay, BoardTopConfig cfg) {
        List<Mem> out = new ArrayList<>();
        out.add(fifo(Hierarchy.CMD_FIFO, cfg.cmdFifoWords(), "command FIFO"));
        out.add(fifo(Hierarchy.RSP_FIFO, cfg.rspFifoWords(), "response FIFO"));
        String ftx = Hierarchy.path(Hierarchy.FRAME_TX);
        out.add(new Mem(ftx + FRAME_ENDS_REL_RAM + "_ext.Memory", "ram", LinkFrame.WINDOW, Layout.bits(cfg.rspFifoWords() - 1) + 1,
                "frame end pointers (response FIFO), by seq % " + LinkFrame.WINDOW, ftx + "rel_q"));
        out.add(new Mem(ftx + FRAME_ENDS_RSD_RAM + "_ext.Memory", "ram", LinkFrame.WINDOW, Layout.bits(cfg.rspFifoWords() - 1) + 1,
                "frame end pointers (response FIFO), by seq % " + LinkFrame.WINDOW + ", for frames sent again", ftx + "rsd_q"));
        String core = Hierarchy.path(Hierarchy.CORE);
        for (Mem m : memories(lay)) {
            out.add(new Mem(core + m.path(), m.kind(), m.depth(), m.width(), m.content(),
                    m.readRegister() == null ? null : core + m.readRegister()));
        }
        return out;
    }

    private static Mem fifo(String inst, int depth, String what) {
        String at = Hierarchy.path(inst);
        return new Mem(at + FIFO_RAM + "_ext.Memory", "ram", depth, WORD, what, at + "rd_q");
    }

    private static void add(List<Reg> out, String at, List<Registers.Decl> table) {
        for (Registers.Decl d : table) {
            if (d.present()) out.add(new Reg(at + d.q(), d.width(), d.reset(), d.role()));
        }
    }

    public static List<Mem> memories(DesignSpec spec) { return memories(new Layout(spec)); }

    public static List<Mem> memories(Layout lay) {
        List<Mem> out = new ArrayList<>();
        int vb = lay.valueBits();
        String itab = Hierarchy.path(Hierarchy.CTRL, Hierarchy.INPUT_TABLE);
        out.add(new Mem(itab + INPUT_TABLE_RAM + "_ext.Memory", "ram", PackedInputs.TABLE_ENTRIES, vb,
                "input table", itab + "rd_q"));
        for (Layout.BufferLayout b : lay.buffers()) {
            for (String kind : b.m() == 0 ? List.of("h") : List.of("h", "e")) {
                for (int bank = 0; bank < b.banks(); bank++) {
                    String inst = Hierarchy.path(Hierarchy.ENGINE) + "u_" + kind + "_" + b.m() + ".";
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
                    out.add(new Mem(W + "u_spram_" + l + "_" + s, "spram", Spram.DEPTH, Spram.WIDTH,
                            "lane " + l + " bank words " + s * Spram.DEPTH + ".." + ((s + 1) * Spram.DEPTH - 1), null));
                }
            }
        } else {
            for (Layout.LayerLayout k : lay.layers()) {
                for (String mat : k.feedback() ? List.of("w", "b") : List.of("w")) {
                    for (int l = 0; l < k.used(); l++) {
                        String id = mat + k.k() + "_" + l;
                        String what = (mat.equals("w") ? "W_" : "B_") + k.k() + " lane " + l;
                        if (k.chunks() == 1) {
                            out.add(new Mem(W + "" + id + "_q", "reg", 1, lay.weightBits(), what, null));
                        } else {
                            out.add(new Mem(W + "heterosyn_wram_" + id + "_ext.Memory", "ram", k.chunks(),
                                    lay.weightBits(), what, W + "" + id + "_rd_q"));
                        }
                    }
                }
            }
        }
        return out;
    }
}
