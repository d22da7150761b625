package org.heterosyn.manifest;

import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.link.LinkCrc;
import org.heterosyn.link.LinkFrame;
import org.heterosyn.numerics.DitherHash;
import org.heterosyn.numerics.StagedUpdate;
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
                reg("paddr", lay.chunkBits(), "update pass: write-back address", !lay.spram() || lay.sharedUpdate()),
                reg("c", lay.colAddrBits(), "pass: chunk column"),
                reg("t", lay.rowGroupBits(), "pass: row group"),
                reg("rowb", lay.rowIndexBits(), "update pass: first row of the chunk", sr),
                reg("colb", lay.colIndexBits(), "update pass: first column of the chunk", sr),
                reg("gbank", lay.groupBankBits(), "pass: first bank of the row group in layer k+1"),
                reg("gaddr", lay.groupAddrBits(), "pass: address of the row group in layer k+1"),
                reg("slot", 2, "update pass: cycle within the SPRAM slot", lay.spram()),
                reg("drain", 1, "pass: last chunk issued, drain cycle next"),
                reg("pv", 1, "pass: a chunk was issued last cycle (compute now), or waits for its write"));
    }

    /**
     * heterosyn_update_unit, staged (Layout.sharedUpdate): the two registers between stage 1 and
     * stage 2 of StagedUpdate. No reset: each is written before it is read.
     */
    public static List<Decl> updateUnit(Layout lay) {
        boolean staged = lay.sharedUpdate();
        StagedUpdate su = StagedUpdate.of(lay.spec().numerics(), lay.spec().rule().decays());
        return List.of(
                noReset("dith", Math.max(1, su.shift()), "staged update: the next update's rounding offset (dither mod 2^shift)",
                        staged && lay.stochastic() && su.shift() > 0),
                noReset("pre", su.preBits(), "staged update: stage 1, (u - (e*h << gs)) >> z", staged));
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
                noReset("p_fwd", 1, "issued chunk is a forward pass's (row sums), else an update's (column sums)", true),
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

    // ---- the board top (docs/board-top.md) ----

    /** heterosyn_uart_rx: 2-flop synchroniser, an edge flop, and the bit timer of one byte. */
    public static List<Decl> uartRx(BoardTopConfig cfg) {
        return List.of(
                new Decl("s1", 1, 1L, "uart rx: synchroniser flop 1 (line idles high)", true),
                new Decl("s2", 1, 1L, "uart rx: synchroniser flop 2 (the sampled line)", true),
                new Decl("s3", 1, 1L, "uart rx: s2 one cycle earlier (start-bit edge)", true),
                reg("busy", 1, "uart rx: receiving a byte"),
                reg("cnt", Layout.bits(cfg.baudDivisor() - 1), "uart rx: cycles to the next mid-bit sample"),
                reg("bit", 4, "uart rx: bit being received (0 start, 1..8 data, 9 stop)"),
                reg("sh", 8, "uart rx: data bits so far, LSB first"),
                reg("valid", 1, "uart rx: a byte arrived (one-cycle strobe)"),
                reg("data", 8, "uart rx: the byte"));
    }

    /** heterosyn_uart_tx: an 8N1 shift register whose bit 0 is the line. */
    public static List<Decl> uartTx(BoardTopConfig cfg) {
        return List.of(
                reg("busy", 1, "uart tx: sending a byte"),
                reg("cnt", Layout.bits(cfg.baudDivisor() - 1), "uart tx: cycles left in this bit"),
                reg("bit", 4, "uart tx: bit on the line (0 start, 1..8 data, 9 stop)"),
                new Decl("sh", 10, (long) ((1 << 10) - 1), "uart tx: {stop, data, start} shifting out, bit 0 on uart_tx_o", true));
    }

    /** heterosyn_link_fifo: pointers with one wrap bit, and the registered read word. */
    public static List<Decl> linkFifo(int depth, boolean tentativeRead) {
        int p = Layout.bits(depth - 1) + 1;
        return List.of(
                reg("wptr", p, "fifo: write pointer (tentative in the command FIFO)"),
                reg("wcom", p, "fifo: committed write pointer: words below it are visible to the reader"),
                reg("rptr", p, "fifo: read pointer (tentative in the response FIFO)"),
                reg("rcom", p, "fifo: released read pointer: words below it were acknowledged", tentativeRead),
                noReset("rd", Layout.WORD_BITS, "fifo: the word at the read pointer (registered read)", true));
    }

    /** heterosyn_frame_rx: the receive state machine of docs/link.md. */
    public static List<Decl> frameRx() {
        return List.of(
                reg("state", 3, "frame rx: hunt, type, seq, len, hcrc, payload, crc lo, crc hi"),
                reg("typ", 8, "frame rx: type byte"),
                reg("seq", 8, "frame rx: seq byte"),
                reg("len", 8, "frame rx: len byte"),
                reg("crc8", LinkCrc.CRC8_BITS, "frame rx: header CRC so far"),
                reg("crc16", LinkCrc.CRC16_BITS, "frame rx: frame CRC so far"),
                reg("bi", 2, "frame rx: byte within the payload word"),
                reg("wl", Layout.bits(LinkFrame.MAX_WORDS), "frame rx: payload words left"),
                reg("sh", 24, "frame rx: the word's first three bytes"),
                reg("clo", 8, "frame rx: received CRC low byte"),
                reg("deliver", 1, "frame rx: this frame is the expected one and fits: its words go to the FIFO"),
                reg("exp", 8, "frame rx: next sequence number expected"));
    }

    /** heterosyn_frame_tx: the send side: frames in flight, credit, timer, and the frame being sent. */
    public static List<Decl> frameTx(BoardTopConfig cfg) {
        int p = Layout.bits(cfg.rspFifoWords() - 1) + 1;
        List<Decl> r = new ArrayList<>(List.of(
                reg("state", 3, "frame tx: idle, header, payload, crc lo, crc hi"),
                reg("hi", 3, "frame tx: header byte being sent"),
                reg("ack", 1, "frame tx: the frame being sent is an ACK"),
                reg("fseq", 8, "frame tx: seq byte of the frame being sent"),
                reg("flen", 8, "frame tx: len byte of the frame being sent"),
                reg("bi", 2, "frame tx: byte within the payload word"),
                reg("wl", Layout.bits(LinkFrame.MAX_WORDS), "frame tx: payload words left"),
                reg("crc8", LinkCrc.CRC8_BITS, "frame tx: header CRC so far"),
                reg("crc16", LinkCrc.CRC16_BITS, "frame tx: frame CRC so far"),
                reg("base", 8, "frame tx: oldest unacknowledged seq"),
                reg("nxt", 8, "frame tx: next seq to send (behind top while going back)"),
                reg("top", 8, "frame tx: first seq never sent"),
                new Decl("credit", 8, (long) LinkFrame.INITIAL_CREDIT_UNITS, "frame tx: credit the host granted (units)", true),
                reg("lcred", 8, "frame tx: credit in the last ACK sent"),
                reg("pend", 1, "frame tx: an ACK was asked for and not yet sent"),
                reg("timer", BoardTopConfig.log2(cfg.timeoutCycles()), "frame tx: cycles the oldest frame has waited")));
        // Each frame's end pointer lives in two RAMs of WINDOW words (StateMap.FRAME_ENDS_*_RAM, a block
        // RAM each on iCE40), read through these registers: block RAM read ports are registered.
        r.add(noReset("rel", p, "frame tx: end pointer of frame host_seq_i - 1 (read last cycle)", true));
        r.add(noReset("rsd", p, "frame tx: end pointer of frame nxt (read last cycle)", true));
        return r;
    }

    /** heterosyn_power_on_reset: counts from the bitstream's 0 once the PLL locks; no reset of its own. */
    public static List<Decl> powerOnReset(BoardTopConfig cfg) {
        return List.of(noReset("cnt", BoardTopConfig.log2(cfg.resetCycles()) + 1, "power-on reset: cycles since lock (top bit: done)", true));
    }

    /** heterosyn_board_top: the error LED's hold timer. */
    public static List<Decl> boardTop(BoardTopConfig cfg) {
        return List.of(reg("err_hold", BoardTopConfig.log2(cfg.errLedCycles()), "board: cycles the error LED stays lit"));
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
