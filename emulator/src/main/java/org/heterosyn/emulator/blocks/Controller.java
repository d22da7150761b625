package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.DesignId;
import org.heterosyn.manifest.Hierarchy;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Phase;
import org.heterosyn.manifest.Registers;
import org.heterosyn.numerics.DitherHash;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.PackedInputs;
import org.heterosyn.protocol.Status;
import org.heterosyn.protocol.StatusWord;

/**
 * Twin of rtl-gen's Controller (heterosyn_controller, instance u_ctrl): the state machine and its
 * sub-blocks u_decode, u_walk, u_seq and u_itab. {@link #eval} follows the generator: the outputs
 * take their defaults, every register holds, then the current phase overrides (FIRRTL's last
 * connect wins).
 * Two inputs are combinational functions of registered state and of outputs set earlier in the same
 * phase, so they are read where the phase uses them: y_i (u_eng.y_o at y_bank) in OUT_SEND and
 * rd_one_i (u_wmem.rd_one_o at mat, ld_lane) in RD_SEND.
 */
public final class Controller {
    private static final Phase[] PHASES = Phase.values();
    private static final StatusWord[] STATUS_WORDS = StatusWord.values();
    private static final int OK = Status.OK.code();
    /** The last cycle of one dither key: the start cycle, the rounds, the latch cycle. */
    private static final int KEY_LAST = Layout.KEY_CYCLES - 1;

    final CommandDecode u_decode;
    final MatrixWalk u_walk;
    final PassSequencer u_seq;
    final InputTable u_itab = new InputTable();
    final EngineControl eng_o = new EngineControl();
    final MemoryControl mem_o = new MemoryControl();
    boolean cmd_ready_o;
    boolean rsp_push_o;
    int rsp_data_o;

    private final RegFile r;
    private final int state;
    private final int op;
    private final int len;
    private final int status;
    private final int rlen;
    private final int cnt;
    private final int layer;
    private final int mat;
    private final int vbank;
    private final int vaddr;
    private final int label;
    private final int keyb;
    private final int pk;
    private final int pv;
    private final int sample;
    private final int okCnt;
    private final int errCnt;

    private final int layers;
    private final int outputs;
    private final int inputs;
    private final boolean stochastic;
    private final int designId;
    private final int valueBits;
    private final int weightBits;
    private final int inBanks;
    private final int outBanks;
    private final long inBankMask;
    private final long inAddrMask;
    private final long outBankMask;
    private final long outAddrMask;
    private final boolean[] plastic;
    private final LayerEngine eng;
    private final WeightMemory mem;

    // walk and pass commands of this cycle
    private boolean walkClear;
    private boolean walkRow;
    private boolean walkCol;
    private boolean walkStep;
    private boolean seqInit;

    Controller(Layout lay, LayerEngine eng, WeightMemory mem) {
        this.eng = eng;
        this.mem = mem;
        u_decode = new CommandDecode(lay);
        u_walk = new MatrixWalk(lay);
        u_seq = new PassSequencer(lay);
        r = new RegFile(Registers.controller(lay));
        state = r.slot("state");
        op = r.slot("op");
        len = r.slot("len");
        status = r.slot("status");
        rlen = r.slot("rlen");
        cnt = r.slot("cnt");
        layer = r.slot("layer");
        mat = r.slot("mat");
        vbank = r.slot("vbank");
        vaddr = r.slot("vaddr");
        label = r.slot("label");
        keyb = r.slot("keyb");
        pk = r.slot("pk");
        pv = r.slot("pv");
        sample = r.slot("sample");
        okCnt = r.slot("ok_cnt");
        errCnt = r.slot("err_cnt");
        layers = lay.weightLayers();
        outputs = lay.spec().outputs();
        inputs = lay.spec().inputs();
        stochastic = lay.stochastic();
        designId = (int) DesignId.of(lay.spec());
        valueBits = lay.valueBits();
        weightBits = lay.weightBits();
        inBanks = lay.buffer(0).banks();
        outBanks = lay.buffer(layers).banks();
        inBankMask = Hw.mask(lay.inBankBits());
        inAddrMask = Hw.mask(lay.inAddrBits());
        outBankMask = Hw.mask(lay.outBankBits());
        outAddrMask = Hw.mask(lay.outAddrBits());
        plastic = new boolean[1 << lay.layerBits()];
        for (Layout.LayerLayout k : lay.layers()) plastic[k.k()] = k.plastic();
    }

    /** u_ctrl.layer_o: the layer register, in every phase. */
    int layer_o() { return (int) r.q[layer]; }

    private long q(int reg) { return r.q[reg]; }

    private void go(Phase p) { r.d[state] = p.code(); }

    private boolean in(Phase p) { return r.q[state] == p.code(); }

    private void decrement() { r.d[cnt] = r.q[cnt] - 1; }

    void eval(boolean cmd_valid_i, int cmd_data_i, boolean rsp_free_i) {
        r.hold();
        walkClear = walkRow = walkCol = walkStep = seqInit = false;
        int lq = (int) q(layer);
        u_seq.eval(lq, in(Phase.FWD), in(Phase.UPD));
        defaults(cmd_data_i);
        switch (PHASES[(int) q(state)]) {
            case IDLE -> idle(cmd_valid_i, cmd_data_i);
            case DRAIN -> drain(cmd_valid_i);
            case RSP_HDR -> responseHeader(rsp_free_i);
            case SP_DATA -> setParam(cmd_valid_i, cmd_data_i);
            case ADDR -> address(cmd_valid_i, cmd_data_i);
            case SEEK -> seek();
            case LD_DATA -> loadData(cmd_valid_i);
            case RD_ISSUE -> {
                if (rsp_free_i) go(Phase.RD_SEND);
            }
            case RD_SEND -> readSend();
            case LABEL -> label(cmd_valid_i, cmd_data_i);
            case IN_DATA -> inputs(cmd_valid_i);
            case FWD -> forward();
            case OUT_ISSUE -> {
                if (rsp_free_i) go(Phase.OUT_SEND);
            }
            case OUT_SEND -> outputs();
            case ST_SEND -> statusWords(rsp_free_i);
            case KEY -> {
                if (stochastic) key();
            }
            case UPD -> {
                if (u_seq.done_o) passDone();
            }
            case FINISH -> {
                r.d[sample] = q(sample) + 1;
                done();
            }
            case TB_DATA -> tableData(cmd_valid_i);
            case PK_DATA -> packedInputs(cmd_valid_i);
        }
        inputTablePorts(cmd_valid_i, cmd_data_i);
        u_walk.eval(lq, (int) q(mat), walkClear, walkRow, walkCol, walkStep);
        if (seqInit) u_seq.init();
    }

    /** Outputs in every phase; the phases override some. */
    private void defaults(int cmd_data_i) {
        boolean reading = in(Phase.RD_ISSUE) || in(Phase.RD_SEND);
        boolean walking = reading || in(Phase.LD_DATA);
        cmd_ready_o = false;
        rsp_push_o = false;
        rsp_data_o = 0;
        EngineControl e = eng_o;
        e.layer = (int) q(layer);
        e.fwd = in(Phase.FWD);
        e.issue = u_seq.issue_o;
        e.first = u_seq.first_o;
        e.last = u_seq.last_o;
        e.cmp = u_seq.cmp_o;
        e.uselat = u_seq.uselat_o;
        e.useblat = u_seq.useblat_o;
        e.stage = u_seq.stage_o;
        e.dith_w = u_seq.dith_w_o();
        e.row = (int) u_seq.row_o();
        e.col = (int) u_seq.col_o();
        e.vaddr = (int) u_seq.vaddr_o();
        e.gaddr = (int) u_seq.gaddr_o();
        e.gbank = (int) u_seq.gbank_o();
        e.in_we = false;
        e.in_bank = (int) (q(vbank) & inBankMask);
        e.in_addr = (int) (q(vaddr) & inAddrMask);
        e.in_data = in(Phase.PK_DATA) ? u_itab.rd_o() : Hw.sext(cmd_data_i, valueBits);
        e.y_addr = (int) (q(vaddr) & outAddrMask);
        e.y_bank = (int) (q(vbank) & outBankMask);
        e.err_we = false;
        e.hit = q(cnt) == q(label);
        e.key_start = false;
        e.key_site = stochastic ? DitherHash.site((int) q(layer), (int) q(keyb)) : 0;
        e.key_w = false;
        e.key_b = false;
        e.sample = (int) q(sample);
        MemoryControl m = mem_o;
        m.layer = (int) q(layer);
        m.mat = walking ? q(mat) == 1 : u_seq.read_b_o;
        m.raddr = (int) (reading ? u_walk.chunk_o() : u_seq.addr_o());
        m.waddr = (int) (in(Phase.LD_DATA) ? u_walk.chunk_o() : u_seq.waddr_o);
        m.we_w = u_seq.we_w_o;
        m.we_b = u_seq.we_b_o;
        m.ld = false;
        m.ld_lane = (int) u_walk.lane_o();
        m.ld_data = Hw.sext(cmd_data_i, weightBits);
    }

    /** A response sent: back to IDLE, counted as completed or rejected. */
    private void done() {
        go(Phase.IDLE);
        if (q(status) == OK) {
            r.d[okCnt] = q(okCnt) + 1;
        } else {
            r.d[errCnt] = q(errCnt) + 1;
        }
    }

    private void idle(boolean valid, int data) {
        cmd_ready_o = true;
        if (!valid) return;
        CommandDecode d = u_decode;
        d.eval(data);
        r.d[op] = d.op_o;
        r.d[len] = d.len_o;
        r.d[layer] = d.layer_o;
        r.d[mat] = d.mat_o;
        r.d[status] = d.status_o;
        r.d[rlen] = d.rlen_o;
        r.d[state] = d.next_o;
        if (d.status_o != OK) r.d[cnt] = d.follow_o;
        if (d.next_o == Phase.IN_DATA.code() || d.next_o == Phase.PK_DATA.code() || d.next_o == Phase.TB_DATA.code()) {
            r.d[cnt] = d.len_o;
            startInputs();
        }
    }

    private void drain(boolean valid) {
        cmd_ready_o = true;
        if (!valid) return;
        decrement();
        if (q(cnt) == 1) go(Phase.RSP_HDR);
    }

    private void responseHeader(boolean free) {
        long o = q(op);
        rsp_data_o = (int) (o << Header.OPCODE_SHIFT | q(status) << Header.ARG_SHIFT | q(rlen));
        if (!free) return;
        rsp_push_o = true;
        if (q(status) != OK || o == Opcode.SET_PARAM.code() || o == Opcode.LOAD_WEIGHTS.code()
                || o == Opcode.LOAD_INPUT_TABLE.code()) {
            done();
            return;
        }
        if (o == Opcode.READ_WEIGHTS.code()) go(Phase.RD_ISSUE);
        if (isInference(o)) {
            go(Phase.OUT_ISSUE);
            r.d[cnt] = 0;
            r.d[vbank] = 0;
            r.d[vaddr] = 0;
        }
        if (o == Opcode.STATUS.code()) {
            go(Phase.ST_SEND);
            r.d[cnt] = 0;
        }
    }

    private void setParam(boolean valid, int data) {
        cmd_ready_o = true;
        if (!valid) return;
        r.d[sample] = data & 0xFFFF_FFFFL;
        go(Phase.RSP_HDR);
    }

    /** LOAD/READ_WEIGHTS: the start word and the range check. */
    private void address(boolean valid, int data) {
        cmd_ready_o = true;
        if (!valid) return;
        boolean load = q(op) == Opcode.LOAD_WEIGHTS.code();
        long start = data & 0xFFFF_FFFFL;
        if (start + q(len) > u_walk.size_o((int) q(layer), (int) q(mat))) {
            r.d[status] = Status.OUT_OF_RANGE.code();
            if (load) {
                r.d[cnt] = q(len);
                go(Phase.DRAIN);
            } else {
                go(Phase.RSP_HDR);
            }
            return;
        }
        r.d[cnt] = start;
        walkClear = true;
        if (!load) r.d[rlen] = q(len);
        go(Phase.SEEK);
    }

    /** From the matrix origin to the start: a row per cycle, then a column per cycle. */
    private void seek() {
        long rowLen = u_walk.row_len_o((int) q(layer), (int) q(mat));
        if (q(cnt) >= rowLen) {
            r.d[cnt] = q(cnt) - rowLen;
            walkRow = true;
        } else if (q(cnt) != 0) {
            decrement();
            walkCol = true;
        } else {
            r.d[cnt] = q(len);
            go(q(op) == Opcode.LOAD_WEIGHTS.code() ? Phase.LD_DATA : Phase.RSP_HDR);
        }
    }

    private void loadData(boolean valid) {
        cmd_ready_o = true;
        mem_o.ld = true;
        if (!valid) return;
        mem_o.we_w = q(mat) == 0;
        mem_o.we_b = q(mat) == 1;
        walkStep = true;
        decrement();
        if (q(cnt) == 1) go(Phase.RSP_HDR);
    }

    private void readSend() {
        rsp_push_o = true;
        rsp_data_o = mem.rd_one_o(mem_o.mat, mem_o.ld_lane);
        walkStep = true;
        decrement();
        if (q(cnt) == 1) {
            done();
        } else {
            go(Phase.RD_ISSUE);
        }
    }

    private void label(boolean valid, int data) {
        cmd_ready_o = true;
        if (!valid) return;
        r.d[label] = data;
        Opcode o = q(op) == Opcode.TRAIN_PACKED.code() ? Opcode.TRAIN_PACKED : Opcode.TRAIN;
        if (Integer.compareUnsigned(data, outputs) >= 0) {
            r.d[status] = Status.OUT_OF_RANGE.code();
            // The input words still to come: n_0 values or ceil(n_0 / 4) code words.
            r.d[cnt] = o.followingWords(inputs) - 1;
            go(Phase.DRAIN);
        } else {
            r.d[cnt] = q(len);
            startInputs();
            go(o == Opcode.TRAIN_PACKED ? Phase.PK_DATA : Phase.IN_DATA);
        }
    }

    private static boolean isInference(long o) {
        return o == Opcode.INFER.code() || o == Opcode.INFER_PACKED.code() || isTrain(o);
    }

    private static boolean isTrain(long o) { return o == Opcode.TRAIN.code() || o == Opcode.TRAIN_PACKED.code(); }

    /** Inputs (or table values) start: h_0 from its first value, packed codes from byte 0. */
    private void startInputs() {
        r.d[vbank] = 0;
        r.d[vaddr] = 0;
        r.d[pk] = 0;
        r.d[pv] = 0;
    }

    /** u_itab: TB_DATA writes entry 256 - cnt, PK_DATA looks up byte pk of the command word. */
    private void inputTablePorts(boolean valid, int data) {
        boolean we = in(Phase.TB_DATA) && valid;
        int code = data >>> PackedInputs.CODE_BITS * (int) q(pk);
        u_itab.eval(we, (int) -q(cnt), Hw.sext(data, valueBits), code);
    }

    /** LOAD_INPUT_TABLE: a table value per cycle. */
    private void tableData(boolean valid) {
        cmd_ready_o = true;
        if (!valid) return;
        decrement();
        if (q(cnt) == 1) go(Phase.RSP_HDR);
    }

    /**
     * INFER/TRAIN_PACKED: a code per cycle into u_itab, the command word taken after its last code;
     * the value the table gives a cycle later goes into h_0, the last one in a cycle of its own.
     */
    private void packedInputs(boolean valid) {
        boolean codesLeft = q(cnt) != 0;
        boolean lookup = valid && codesLeft;
        cmd_ready_o = codesLeft && (q(pk) == PackedInputs.CODES_PER_WORD - 1 || q(cnt) == 1);
        r.d[pv] = lookup ? 1 : 0;
        if (q(pv) == 1) {
            eng_o.in_we = true;
            nextValue(inBanks);
        }
        if (lookup) {
            decrement();
            r.d[pk] = q(pk) + 1;
        }
        if (!codesLeft) startForward();
    }

    /** The inputs are in h_0: the forward pass of layer 0 starts. */
    private void startForward() {
        go(Phase.FWD);
        r.d[layer] = 0;
        seqInit = true;
    }

    /** Values fill bank 0..B-1 of an address, then the next address. */
    private void nextValue(int banks) {
        if (q(vbank) == banks - 1) {
            r.d[vbank] = 0;
            r.d[vaddr] = q(vaddr) + 1;
        } else {
            r.d[vbank] = q(vbank) + 1;
        }
    }

    private void inputs(boolean valid) {
        cmd_ready_o = true;
        if (!valid) return;
        eng_o.in_we = true;
        nextValue(inBanks);
        decrement();
        if (q(cnt) == 1) startForward();
    }

    private void forward() {
        if (!u_seq.done_o) return;
        if (q(layer) == layers - 1) {
            go(Phase.RSP_HDR);
            r.d[rlen] = outputs;
        } else {
            r.d[layer] = q(layer) + 1;
            seqInit = true;
        }
    }

    private void outputs() {
        boolean train = isTrain(q(op));
        rsp_push_o = true;
        rsp_data_o = eng.y_o(eng_o.y_bank);
        eng_o.err_we = train;
        nextValue(outBanks);
        r.d[cnt] = q(cnt) + 1;
        if (q(cnt) != outputs - 1) {
            go(Phase.OUT_ISSUE);
        } else if (train) {
            r.d[layer] = layers - 1;
            startLayerUpdate();
        } else {
            done();
        }
    }

    /** The update of the layer in r.d[layer] starts: its keys first under stochastic rounding. */
    private void startLayerUpdate() {
        seqInit = true;
        r.d[cnt] = 0;
        r.d[keyb] = 0;
        go(stochastic ? Phase.KEY : Phase.UPD);
    }

    private void statusWords(boolean free) {
        rsp_data_o = statusWord(q(cnt));
        if (!free) return;
        rsp_push_o = true;
        r.d[cnt] = q(cnt) + 1;
        if (q(cnt) == Header.STATUS_WORDS - 1) done();
    }

    private int statusWord(long i) {
        if (i >= STATUS_WORDS.length) return 0;
        return switch (STATUS_WORDS[(int) i]) {
            case MAGIC -> Header.MAGIC;
            case DESIGN_ID -> designId;
            case SAMPLE_COUNTER -> (int) q(sample);
            case COMMANDS_OK -> (int) q(okCnt);
            case COMMANDS_REJECTED -> (int) q(errCnt);
        };
    }

    /** KEY: the W key, then the B key if B is plastic; each a start, the rounds, a latch. */
    private void key() {
        eng_o.key_start = q(cnt) == 0;
        if (q(cnt) != KEY_LAST) {
            r.d[cnt] = q(cnt) + 1;
            return;
        }
        eng_o.key_w = q(keyb) == 0;
        eng_o.key_b = q(keyb) == 1;
        r.d[cnt] = 0;
        if (q(keyb) == 0 && plastic[(int) q(layer)]) {
            r.d[keyb] = 1;
        } else {
            r.d[keyb] = 0;
            go(Phase.UPD);
        }
    }

    private void passDone() {
        if (q(layer) == 0) {
            go(Phase.FINISH);
            return;
        }
        r.d[layer] = q(layer) - 1;
        startLayerUpdate();
    }

    void commit(boolean rst) {
        r.commit(rst);
        u_itab.commit();
        u_walk.commit(rst);
        u_seq.commit(rst);
    }

    void name(NamedState n, String at) {
        r.name(n, at);
        u_walk.name(n, at + Hierarchy.path(Hierarchy.WALK));
        u_seq.name(n, at + Hierarchy.path(Hierarchy.SEQUENCER));
        u_itab.name(n, at + Hierarchy.path(Hierarchy.INPUT_TABLE));
    }
}
