package org.heterosyn.emulator;

import org.heterosyn.manifest.DesignId;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Phase;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.Param;
import org.heterosyn.protocol.Status;
import org.heterosyn.spec.DesignSpec;

/**
 * Twin of rtl-gen's Controller (heterosyn_controller, instance u_ctrl): decodes each command header,
 * rejects malformed commands before they change any state, walks weight matrices for loads and
 * reads, and steps the layer engine through the forward, output, key and update phases.
 *
 * <p>{@link #eval} follows the generator statement by statement: the outputs take their defaults,
 * every register's _d its _q, then the block of the current phase overrides them (FIRRTL's last
 * connect wins). Two inputs are combinational functions of registered state and of outputs set
 * earlier in the same phase, so they are read where the phase uses them: y_i (u_eng.y_o at y_bank_o)
 * in OUT_SEND and rd_one_i (u_wmem.rd_one_o at mat_o, ld_lane_o) in RD_SEND.
 */
final class Controller {
    private static final Phase[] PHASES = Phase.values();
    private static final int OP_SET = Opcode.SET_PARAM.code();
    private static final int OP_LOAD = Opcode.LOAD_WEIGHTS.code();
    private static final int OP_READ = Opcode.READ_WEIGHTS.code();
    private static final int OP_INFER = Opcode.INFER.code();
    private static final int OP_TRAIN = Opcode.TRAIN.code();
    private static final int OP_STATUS = Opcode.STATUS.code();
    private static final int OK = Status.OK.code();
    /** The last cycle of a dither key: the start cycle, the rounds, the latch cycle. */
    private static final int KEY_LAST = Layout.KEY_CYCLES - 1;

    // ---- design constants ----
    private final int layers;
    private final int n0;
    private final int nL;
    private final boolean stochastic;
    private final boolean spram;
    private final int designId;
    private final long countMask;
    private final int layerMask;
    private final int chunkMask;
    private final int laneMask;
    private final int colMask;
    private final int walkColMask;
    private final int rowGroupMask;
    private final int groupBankMask;
    private final int groupAddrMask;
    private final int vbankMask;
    private final int vaddrMask;
    private final int labelMask;
    private final int rowIndexMask;
    private final int colIndexMask;
    private final int inBankMask;
    private final int inAddrMask;
    private final int outBankMask;
    private final int outAddrMask;
    private final int valueBits;
    private final int weightBits;
    private final int inBanks;
    private final int outBanks;
    /** hdr_arg values that name a stored matrix (selOk). */
    private final boolean[] matrixSelect = new boolean[256];

    // ---- per-layer constants of the current layer (Hw.select: 0 past the last layer) ----
    private final int[] lastChunk;
    private final int[] lastCol;
    private final int[] cpr;
    private final int[] lastGroup;
    private final int[] rpc;
    private final int[] inW;
    private final int[] groupBanks;
    private final boolean[] plasticK;
    private final int[] lastSlot;
    private final int[] used;
    /** Per layer and matrix (0 W, 1 B; B's entry is W's where the design stores no B at all). */
    private final long[][] size;
    private final int[][] rowLen;
    private final int[][] colDc;
    private final int[][] colDl;
    private final int[][] rowDc;
    private final int[][] rowDl;

    // ---- registers ----
    int state_q;
    int op_q;
    int len_q;
    int status_q;
    int rlen_q;
    long cnt_q;
    int layer_q;
    int mat_q;
    int wc_q;
    int wl_q;
    int rc_q;
    int rl_q;
    int col_q;
    int addr_q;
    int paddr_q;
    int c_q;
    int t_q;
    int rowb_q;
    int colb_q;
    int gbank_q;
    int gaddr_q;
    int slot_q;
    int drain_q;
    int pv_q;
    int vbank_q;
    int vaddr_q;
    int label_q;
    int keyb_q;
    int sample_q;
    int ok_cnt_q;
    int err_cnt_q;

    private int state_d;
    private int op_d;
    private int len_d;
    private int status_d;
    private int rlen_d;
    private long cnt_d;
    private int layer_d;
    private int mat_d;
    private int wc_d;
    private int wl_d;
    private int rc_d;
    private int rl_d;
    private int col_d;
    private int addr_d;
    private int paddr_d;
    private int c_d;
    private int t_d;
    private int rowb_d;
    private int colb_d;
    private int gbank_d;
    private int gaddr_d;
    private int slot_d;
    private int drain_d;
    private int pv_d;
    private int vbank_d;
    private int vaddr_d;
    private int label_d;
    private int keyb_d;
    private int sample_d;
    private int ok_cnt_d;
    private int err_cnt_d;

    // ---- outputs ----
    boolean cmd_ready_o;
    boolean rsp_push_o;
    int rsp_data_o;
    int layer_o;
    boolean fwd_o;
    boolean issue_o;
    boolean cmp_o;
    int row_o;
    int col_o;
    int vaddr_o;
    int gaddr_o;
    int gbank_o;
    boolean first_o;
    boolean last_o;
    boolean uselat_o;
    boolean useblat_o;
    boolean in_we_o;
    int in_bank_o;
    int in_addr_o;
    int in_data_o;
    int y_addr_o;
    int y_bank_o;
    boolean err_we_o;
    boolean hit_o;
    boolean key_start_o;
    int key_site_o;
    boolean key_w_o;
    boolean key_b_o;
    int sample_o;
    boolean mat_o;
    int raddr_o;
    int waddr_o;
    boolean we_w_o;
    boolean we_b_o;
    boolean ld_o;
    int ld_lane_o;
    int ld_data_o;

    private final LayerEngine eng;
    private final WeightMemory mem;

    Controller(Layout lay, LayerEngine eng, WeightMemory mem) {
        this.eng = eng;
        this.mem = mem;
        DesignSpec spec = lay.spec();
        layers = lay.weightLayers();
        n0 = spec.inputs();
        nL = spec.outputs();
        stochastic = lay.stochastic();
        spram = lay.spram();
        designId = (int) DesignId.of(spec);
        countMask = Hw.mask(lay.countBits());
        layerMask = Hw.maskInt(lay.layerBits());
        chunkMask = Hw.maskInt(lay.chunkBits());
        laneMask = Hw.maskInt(lay.laneBits());
        colMask = Hw.maskInt(lay.colAddrBits());
        walkColMask = Hw.maskInt(lay.walkColBits());
        rowGroupMask = Hw.maskInt(lay.rowGroupBits());
        groupBankMask = Hw.maskInt(lay.groupBankBits());
        groupAddrMask = Hw.maskInt(lay.groupAddrBits());
        vbankMask = Hw.maskInt(Math.max(lay.inBankBits(), lay.outBankBits()));
        vaddrMask = Hw.maskInt(Math.max(lay.inAddrBits(), lay.outAddrBits()));
        labelMask = Hw.maskInt(Layout.bits(nL - 1));
        rowIndexMask = Hw.maskInt(lay.rowIndexBits());
        colIndexMask = Hw.maskInt(lay.colIndexBits());
        inBankMask = Hw.maskInt(lay.inBankBits());
        inAddrMask = Hw.maskInt(lay.inAddrBits());
        outBankMask = Hw.maskInt(lay.outBankBits());
        outAddrMask = Hw.maskInt(lay.outAddrBits());
        valueBits = lay.valueBits();
        weightBits = lay.weightBits();
        inBanks = lay.buffer(0).banks();
        outBanks = lay.buffer(layers).banks();

        int n = layers;
        int[] lc = new int[n];
        int[] lcol = new int[n];
        int[] cp = new int[n];
        int[] lg = new int[n];
        int[] rp = new int[n];
        int[] iw = new int[n];
        int[] gb = new int[n];
        int[] pl = new int[n];
        int[] ls = new int[n];
        int[] us = new int[n];
        boolean anyFeedback = lay.layers().stream().anyMatch(Layout.LayerLayout::feedback);
        int tables = 1 << lay.layerBits();
        size = new long[tables][2];
        rowLen = new int[tables][2];
        colDc = new int[tables][2];
        colDl = new int[tables][2];
        rowDc = new int[tables][2];
        rowDl = new int[tables][2];
        for (Layout.LayerLayout k : lay.layers()) {
            int i = k.k();
            lc[i] = k.chunks() - 1;
            lcol[i] = k.cpr() - 1;
            cp[i] = k.cpr();
            lg[i] = k.rowGroups() - 1;
            rp[i] = k.rpc();
            iw[i] = k.inW();
            gb[i] = lay.buffer(i + 1).banks();
            pl[i] = k.plastic() ? 1 : 0;
            ls[i] = lay.spramSlot(i) - 1;
            us[i] = k.used();
            matrixSelect[Header.matrixSelect(i, 0)] = true;
            if (k.feedback()) matrixSelect[Header.matrixSelect(i, 1)] = true;
            // perMatrix: B's constant when mat selects B and the design stores B anywhere; a layer
            // without its own B keeps W's constant.
            boolean b = anyFeedback && k.feedback();
            size[i][0] = k.synapses();
            size[i][1] = k.synapses();
            rowLen[i][0] = k.cols();
            rowLen[i][1] = anyFeedback ? (k.feedback() ? k.rows() : k.cols()) : k.cols();
            // A step of D synapses adds D / used chunks and D % used lanes (W: column 1, row stride,
            // n_k padded to whole chunks; B, stored transposed: column stride, row 1).
            colDc[i][0] = 1 / k.used();
            colDl[i][0] = 1 % k.used();
            rowDc[i][0] = k.stride() / k.used();
            rowDl[i][0] = k.stride() % k.used();
            colDc[i][1] = b ? k.stride() / k.used() : colDc[i][0];
            colDl[i][1] = b ? k.stride() % k.used() : colDl[i][0];
            rowDc[i][1] = b ? 1 / k.used() : rowDc[i][0];
            rowDl[i][1] = b ? 1 % k.used() : rowDl[i][0];
        }
        int lb = lay.layerBits();
        lastChunk = Hw.perLayer(lb, lc);
        lastCol = Hw.perLayer(lb, lcol);
        cpr = Hw.perLayer(lb, cp);
        lastGroup = Hw.perLayer(lb, lg);
        rpc = Hw.perLayer(lb, rp);
        inW = Hw.perLayer(lb, iw);
        groupBanks = Hw.perLayer(lb, gb);
        plasticK = new boolean[tables];
        for (int i = 0; i < n; i++) plasticK[i] = pl[i] == 1;
        lastSlot = Hw.perLayer(lb, ls);
        used = Hw.perLayer(lb, us);
    }

    void eval(boolean cmd_valid_i, int cmd_data_i, boolean rsp_free_i) {
        // ---- registers hold ----
        state_d = state_q;
        op_d = op_q;
        len_d = len_q;
        status_d = status_q;
        rlen_d = rlen_q;
        cnt_d = cnt_q;
        layer_d = layer_q;
        mat_d = mat_q;
        wc_d = wc_q;
        wl_d = wl_q;
        rc_d = rc_q;
        rl_d = rl_q;
        col_d = col_q;
        addr_d = addr_q;
        paddr_d = paddr_q;
        c_d = c_q;
        t_d = t_q;
        rowb_d = rowb_q;
        colb_d = colb_q;
        gbank_d = gbank_q;
        gaddr_d = gaddr_q;
        slot_d = slot_q;
        drain_d = drain_q;
        pv_d = pv_q;
        vbank_d = vbank_q;
        vaddr_d = vaddr_q;
        label_d = label_q;
        keyb_d = keyb_q;
        sample_d = sample_q;
        ok_cnt_d = ok_cnt_q;
        err_cnt_d = err_cnt_q;

        // ---- output defaults ----
        Phase phase = PHASES[state_q];
        int lq = layer_q;
        cmd_ready_o = false;
        rsp_push_o = false;
        layer_o = lq;
        fwd_o = phase == Phase.FWD;
        issue_o = false;
        cmp_o = false;
        row_o = stochastic ? rowb_q : 0;
        col_o = stochastic ? colb_q : 0;
        vaddr_o = c_q;
        gaddr_o = gaddr_q;
        gbank_o = gbank_q;
        first_o = false;
        last_o = false;
        uselat_o = false;
        useblat_o = false;
        in_we_o = false;
        in_bank_o = vbank_q & inBankMask;
        in_addr_o = vaddr_q & inAddrMask;
        in_data_o = Hw.sext(cmd_data_i, valueBits);
        y_addr_o = vaddr_q & outAddrMask;
        y_bank_o = vbank_q & outBankMask;
        err_we_o = false;
        hit_o = cnt_q == label_q;
        key_start_o = false;
        key_site_o = stochastic ? (lq & 0xFF) << 8 | (keyb_q & 0xFF) : 0;
        key_w_o = false;
        key_b_o = false;
        sample_o = sample_q;
        mat_o = false;
        raddr_o = addr_q;
        waddr_o = addr_q;
        we_w_o = false;
        we_b_o = false;
        ld_o = false;
        ld_lane_o = wl_q;
        ld_data_o = Hw.sext(cmd_data_i, weightBits);
        rsp_data_o = 0;

        switch (phase) {
            case IDLE -> idle(cmd_valid_i, cmd_data_i);
            case DRAIN -> {
                cmd_ready_o = true;
                if (cmd_valid_i) {
                    cnt_d = (cnt_q - 1) & countMask;
                    if (cnt_q == 1) go(Phase.RSP_HDR);
                }
            }
            case RSP_HDR -> rspHeader(rsp_free_i);
            case SP_DATA -> {
                cmd_ready_o = true;
                if (cmd_valid_i) {
                    sample_d = cmd_data_i;
                    go(Phase.RSP_HDR);
                }
            }
            case ADDR -> address(cmd_valid_i, cmd_data_i);
            case SEEK -> seek();
            case LD_DATA -> {
                cmd_ready_o = true;
                mat_o = mat_q == 1;
                ld_o = true;
                waddr_o = wc_q;
                if (cmd_valid_i) {
                    we_w_o = mat_q == 0;
                    we_b_o = mat_q == 1;
                    walk();
                    cnt_d = (cnt_q - 1) & countMask;
                    if (cnt_q == 1) go(Phase.RSP_HDR);
                }
            }
            case RD_ISSUE -> {
                raddr_o = wc_q;
                mat_o = mat_q == 1;
                if (rsp_free_i) go(Phase.RD_SEND);
            }
            case RD_SEND -> {
                raddr_o = wc_q;
                mat_o = mat_q == 1;
                rsp_push_o = true;
                rsp_data_o = mem.rd_one_o(mat_o, ld_lane_o);
                walk();
                cnt_d = (cnt_q - 1) & countMask;
                if (cnt_q == 1) {
                    done();
                } else {
                    go(Phase.RD_ISSUE);
                }
            }
            case LABEL -> {
                cmd_ready_o = true;
                if (cmd_valid_i) {
                    label_d = cmd_data_i & labelMask;
                    cnt_d = len_q;
                    if (Integer.compareUnsigned(cmd_data_i, nL) >= 0) {
                        status_d = Status.OUT_OF_RANGE.code();
                        go(Phase.DRAIN);
                    } else {
                        vbank_d = 0;
                        vaddr_d = 0;
                        go(Phase.IN_DATA);
                    }
                }
            }
            case IN_DATA -> {
                cmd_ready_o = true;
                if (cmd_valid_i) {
                    in_we_o = true;
                    nextValue(inBanks);
                    cnt_d = (cnt_q - 1) & countMask;
                    if (cnt_q == 1) {
                        go(Phase.FWD);
                        layer_d = 0;
                        passInit();
                    }
                }
            }
            case FWD -> forward();
            case OUT_ISSUE -> {
                if (rsp_free_i) go(Phase.OUT_SEND);
            }
            case OUT_SEND -> {
                boolean train = op_q == OP_TRAIN;
                rsp_push_o = true;
                rsp_data_o = eng.y_o(y_bank_o);
                err_we_o = train;
                nextValue(outBanks);
                cnt_d = (cnt_q + 1) & countMask;
                if (cnt_q == nL - 1) {
                    if (train) {
                        toUpdates();
                    } else {
                        done();
                    }
                } else {
                    go(Phase.OUT_ISSUE);
                }
            }
            case ST_SEND -> {
                rsp_data_o = statusWord(cnt_q);
                if (rsp_free_i) {
                    rsp_push_o = true;
                    cnt_d = (cnt_q + 1) & countMask;
                    if (cnt_q == Header.STATUS_WORDS - 1) done();
                }
            }
            case KEY -> {
                if (stochastic) key();
            }
            case UPD -> {
                if (spram) {
                    updateSpram();
                } else {
                    updateGeneric();
                }
            }
            case FINISH -> {
                sample_d = sample_q + 1;
                done();
            }
        }
    }

    private void go(Phase p) { state_d = p.code(); }

    /** A response sent: back to IDLE, counted as completed or rejected. */
    private void done() {
        go(Phase.IDLE);
        if (status_q == OK) {
            ok_cnt_d = ok_cnt_q + 1;
        } else {
            err_cnt_d = err_cnt_q + 1;
        }
    }

    private void idle(boolean valid, int data) {
        cmd_ready_o = true;
        if (!valid) return;
        int hOp = data >>> Header.OPCODE_SHIFT;
        int hArg = (data >>> Header.ARG_SHIFT) & Header.FIELD8;
        int hLen = data & Header.LENGTH_MASK;
        boolean isSet = hOp == OP_SET;
        boolean isLoad = hOp == OP_LOAD;
        boolean isRead = hOp == OP_READ;
        boolean isInfer = hOp == OP_INFER;
        boolean isTrain = hOp == OP_TRAIN;
        boolean isStatus = hOp == OP_STATUS;
        boolean known = isSet || isLoad || isRead || isInfer || isTrain || isStatus;
        boolean lenOk = isSet ? hLen == 1 : isLoad || isRead ? hLen != 0 : isInfer || isTrain ? hLen == n0 : hLen == 0;
        boolean argOk = isSet ? hArg == Param.SAMPLE_COUNTER.id() : isLoad || isRead ? matrixSelect[hArg] : hArg == 0;
        int hStatus = !known ? Status.UNKNOWN_OPCODE.code() : !lenOk ? Status.BAD_LENGTH.code()
                : !argOk ? Status.BAD_ARGUMENT.code() : OK;
        // Words after the header (Opcode.followingWords); an unknown opcode has none.
        int follow = isLoad || isTrain ? hLen + 1 : isRead ? 1 : known ? hLen : 0;
        op_d = hOp;
        len_d = hLen;
        layer_d = (hArg >>> 1) & layerMask;
        mat_d = hArg & 1;
        status_d = hStatus;
        rlen_d = 0;
        if (hStatus != OK) {
            cnt_d = follow;
            go(follow == 0 ? Phase.RSP_HDR : Phase.DRAIN);
            return;
        }
        if (isSet) go(Phase.SP_DATA);
        if (isLoad || isRead) go(Phase.ADDR);
        if (isInfer) {
            go(Phase.IN_DATA);
            cnt_d = hLen;
            vbank_d = 0;
            vaddr_d = 0;
        }
        if (isTrain) go(Phase.LABEL);
        if (isStatus) {
            go(Phase.RSP_HDR);
            rlen_d = Header.STATUS_WORDS;
        }
    }

    private void rspHeader(boolean free) {
        rsp_data_o = op_q << Header.OPCODE_SHIFT | status_q << Header.ARG_SHIFT | rlen_q;
        if (!free) return;
        rsp_push_o = true;
        if (status_q != OK || op_q == OP_SET || op_q == OP_LOAD) {
            done();
            return;
        }
        if (op_q == OP_READ) go(Phase.RD_ISSUE);
        if (op_q == OP_INFER || op_q == OP_TRAIN) {
            go(Phase.OUT_ISSUE);
            cnt_d = 0;
            vbank_d = 0;
            vaddr_d = 0;
        }
        if (op_q == OP_STATUS) {
            go(Phase.ST_SEND);
            cnt_d = 0;
        }
    }

    /** LOAD/READ_WEIGHTS: the start word and the range check. */
    private void address(boolean valid, int data) {
        cmd_ready_o = true;
        if (!valid) return;
        boolean load = op_q == OP_LOAD;
        if ((data & 0xFFFF_FFFFL) + len_q > size[layer_q][mat_q]) {
            status_d = Status.OUT_OF_RANGE.code();
            if (load) {
                cnt_d = len_q;
                go(Phase.DRAIN);
            } else {
                go(Phase.RSP_HDR);
            }
            return;
        }
        cnt_d = data & 0xFFFF_FFFFL & countMask;
        wc_d = 0;
        wl_d = 0;
        rc_d = 0;
        rl_d = 0;
        col_d = 0;
        if (!load) rlen_d = len_q;
        go(Phase.SEEK);
    }

    /** Walks from the matrix origin to the start: a row per cycle, then a column per cycle. */
    private void seek() {
        int rl = rowLen[layer_q][mat_q];
        if (cnt_q >= rl) {
            cnt_d = (cnt_q - rl) & countMask;
            nextRow();
        } else if (cnt_q != 0) {
            cnt_d = (cnt_q - 1) & countMask;
            col_d = (col_q + 1) & walkColMask;
            nextCol();
        } else {
            cnt_d = len_q;
            go(op_q == OP_LOAD ? Phase.LD_DATA : Phase.RSP_HDR);
        }
    }

    /** The next synapse of a load/read walk, logical row-major over W_k or B_k. */
    private void walk() {
        if (col_q == ((rowLen[layer_q][mat_q] - 1) & walkColMask)) {
            col_d = 0;
            nextRow();
        } else {
            col_d = (col_q + 1) & walkColMask;
            nextCol();
        }
    }

    private void nextRow() {
        int usedK = used[layer_q];
        int sum = rl_q + rowDl[layer_q][mat_q];
        int carry = sum >= usedK ? 1 : 0;
        int lane = (carry == 1 ? sum - usedK : sum) & laneMask;
        int chunk = (rc_q + rowDc[layer_q][mat_q] + carry) & chunkMask;
        rc_d = chunk;
        rl_d = lane;
        wc_d = chunk;
        wl_d = lane;
    }

    private void nextCol() {
        int usedK = used[layer_q];
        int sum = wl_q + colDl[layer_q][mat_q];
        int carry = sum >= usedK ? 1 : 0;
        wl_d = (carry == 1 ? sum - usedK : sum) & laneMask;
        wc_d = (wc_q + colDc[layer_q][mat_q] + carry) & chunkMask;
    }

    /** Values fill bank 0..B-1 of an address, then the next address. */
    private void nextValue(int banks) {
        if (vbank_q == banks - 1) {
            vbank_d = 0;
            vaddr_d = (vaddr_q + 1) & vaddrMask;
        } else {
            vbank_d = (vbank_q + 1) & vbankMask;
        }
    }

    private void passInit() {
        addr_d = 0;
        c_d = 0;
        t_d = 0;
        rowb_d = 0;
        colb_d = 0;
        gbank_d = 0;
        gaddr_d = 0;
        slot_d = 0;
        drain_d = 0;
    }

    private void nextGroup() {
        int next = (gbank_q + rpc[layer_q]) & ((groupBankMask << 1) | 1);
        if (next == groupBanks[layer_q]) {
            gbank_d = 0;
            gaddr_d = (gaddr_q + 1) & groupAddrMask;
        } else {
            gbank_d = next & groupBankMask;
        }
    }

    /** FWD: row-major over layer k's chunks, one per cycle, then one drain cycle. */
    private void forward() {
        cmp_o = pv_q == 1;
        if (drain_q == 0) {
            boolean endRow = c_q == lastCol[layer_q];
            issue_o = true;
            first_o = c_q == 0;
            last_o = endRow;
            pv_d = 1;
            addr_d = (addr_q + 1) & chunkMask;
            if (endRow) {
                c_d = 0;
                nextGroup();
            } else {
                c_d = (c_q + 1) & colMask;
            }
            if (addr_q == lastChunk[layer_q]) drain_d = 1;
        } else {
            pv_d = 0;
            if (layer_q == layers - 1) {
                go(Phase.RSP_HDR);
                rlen_d = nL;
            } else {
                layer_d = (layer_q + 1) & layerMask;
                passInit();
            }
        }
    }

    private void toUpdates() {
        layer_d = (layers - 1) & layerMask;
        passInit();
        cnt_d = 0;
        keyb_d = 0;
        go(stochastic ? Phase.KEY : Phase.UPD);
    }

    private int statusWord(long i) {
        return switch ((int) i) {
            case 0 -> Header.MAGIC;
            case 1 -> designId;
            case 2 -> sample_q;
            case 3 -> ok_cnt_q;
            case 4 -> err_cnt_q;
            default -> 0;
        };
    }

    /** KEY: the W key, then the B key if B is plastic; each a start, the rounds, a latch. */
    private void key() {
        key_start_o = cnt_q == 0;
        if (cnt_q == KEY_LAST) {
            key_w_o = keyb_q == 0;
            key_b_o = keyb_q == 1;
            cnt_d = 0;
            if (keyb_q == 0 && plasticK[layer_q]) {
                keyb_d = 1;
            } else {
                keyb_d = 0;
                go(Phase.UPD);
            }
        } else {
            cnt_d = (cnt_q + 1) & countMask;
        }
    }

    private void issueStep() {
        issue_o = true;
        first_o = t_q == 0;
        last_o = t_q == lastGroup[layer_q];
    }

    /**
     * The next chunk, column-major (chunk column c outer, row group t inner); true when the chunk
     * just issued was the pass's last.
     */
    private boolean advance() {
        if (t_q == lastGroup[layer_q]) {
            t_d = 0;
            if (stochastic) rowb_d = 0;
            gbank_d = 0;
            gaddr_d = 0;
            c_d = (c_q + 1) & colMask;
            // Past the last column the base wraps; nothing reads it before the next pass resets it.
            if (stochastic) colb_d = (colb_q + inW[layer_q]) & colIndexMask;
            addr_d = (c_q + 1) & chunkMask;
            return c_q == lastCol[layer_q];
        }
        t_d = (t_q + 1) & rowGroupMask;
        if (stochastic) rowb_d = (rowb_q + rpc[layer_q]) & rowIndexMask;
        addr_d = (addr_q + cpr[layer_q]) & chunkMask;
        nextGroup();
        return false;
    }

    private void passDone() {
        if (layer_q == 0) {
            go(Phase.FINISH);
            return;
        }
        layer_d = (layer_q - 1) & layerMask;
        passInit();
        cnt_d = 0;
        keyb_d = 0;
        go(stochastic ? Phase.KEY : Phase.UPD);
    }

    /** UPD with two-port memories: a chunk per cycle (compute and write back one cycle later), then a drain. */
    private void updateGeneric() {
        boolean pv = pv_q == 1;
        cmp_o = pv;
        we_w_o = pv;
        we_b_o = pv && plasticK[layer_q];
        waddr_o = paddr_q;
        if (drain_q == 0) {
            issueStep();
            pv_d = 1;
            paddr_d = addr_q;
            if (advance()) drain_d = 1;
        } else {
            pv_d = 0;
            passDone();
        }
    }

    /**
     * UPD with single-port SPRAM, a slot of cycles per chunk: 0 read W (issue); 1 read B (when there
     * are three or more slots) or compute; 2 compute; 3 write B'.
     */
    private void updateSpram() {
        int s = slot_q;
        int last = lastSlot[layer_q];
        boolean threeOrMore = last >= 2;
        if (s == 0) issueStep();
        if (s == 1 && threeOrMore) mat_o = true;
        if (threeOrMore ? s == 2 : s == 1) {
            cmp_o = true;
            uselat_o = threeOrMore;
            we_w_o = true;
        }
        if (s == 3) {
            we_b_o = true;
            useblat_o = true;
        }
        if (s == last) {
            slot_d = 0;
            if (advance()) passDone();
        } else {
            slot_d = (s + 1) & 3;
        }
    }

    void commit(boolean rst) {
        if (rst) {
            state_q = Phase.IDLE.code();
            op_q = len_q = status_q = rlen_q = 0;
            cnt_q = 0;
            layer_q = mat_q = wc_q = wl_q = rc_q = rl_q = col_q = addr_q = paddr_q = c_q = t_q = 0;
            rowb_q = colb_q = gbank_q = gaddr_q = slot_q = drain_q = pv_q = vbank_q = vaddr_q = label_q = keyb_q = 0;
            sample_q = ok_cnt_q = err_cnt_q = 0;
            return;
        }
        state_q = state_d;
        op_q = op_d;
        len_q = len_d;
        status_q = status_d;
        rlen_q = rlen_d;
        cnt_q = cnt_d;
        layer_q = layer_d;
        mat_q = mat_d;
        wc_q = wc_d;
        wl_q = wl_d;
        rc_q = rc_d;
        rl_q = rl_d;
        col_q = col_d;
        addr_q = addr_d;
        paddr_q = paddr_d;
        c_q = c_d;
        t_q = t_d;
        rowb_q = rowb_d;
        colb_q = colb_d;
        gbank_q = gbank_d;
        gaddr_q = gaddr_d;
        slot_q = slot_d;
        drain_q = drain_d;
        pv_q = pv_d;
        vbank_q = vbank_d;
        vaddr_q = vaddr_d;
        label_q = label_d;
        keyb_q = keyb_d;
        sample_q = sample_d;
        ok_cnt_q = ok_cnt_d;
        err_cnt_q = err_cnt_d;
    }

    void name(NamedState n, String at) {
        n.reg(at + "state_q", () -> state_q, (v, w) -> state_q = (int) v);
        n.reg(at + "op_q", () -> op_q, (v, w) -> op_q = (int) v);
        n.reg(at + "len_q", () -> len_q, (v, w) -> len_q = (int) v);
        n.reg(at + "status_q", () -> status_q, (v, w) -> status_q = (int) v);
        n.reg(at + "rlen_q", () -> rlen_q, (v, w) -> rlen_q = (int) v);
        n.reg(at + "cnt_q", () -> cnt_q, (v, w) -> cnt_q = v);
        n.reg(at + "layer_q", () -> layer_q, (v, w) -> layer_q = (int) v);
        n.reg(at + "mat_q", () -> mat_q, (v, w) -> mat_q = (int) v);
        n.reg(at + "wc_q", () -> wc_q, (v, w) -> wc_q = (int) v);
        n.reg(at + "wl_q", () -> wl_q, (v, w) -> wl_q = (int) v);
        n.reg(at + "rc_q", () -> rc_q, (v, w) -> rc_q = (int) v);
        n.reg(at + "rl_q", () -> rl_q, (v, w) -> rl_q = (int) v);
        n.reg(at + "col_q", () -> col_q, (v, w) -> col_q = (int) v);
        n.reg(at + "addr_q", () -> addr_q, (v, w) -> addr_q = (int) v);
        if (!spram) n.reg(at + "paddr_q", () -> paddr_q, (v, w) -> paddr_q = (int) v);
        n.reg(at + "c_q", () -> c_q, (v, w) -> c_q = (int) v);
        n.reg(at + "t_q", () -> t_q, (v, w) -> t_q = (int) v);
        if (stochastic) {
            n.reg(at + "rowb_q", () -> rowb_q, (v, w) -> rowb_q = (int) v);
            n.reg(at + "colb_q", () -> colb_q, (v, w) -> colb_q = (int) v);
        }
        n.reg(at + "gbank_q", () -> gbank_q, (v, w) -> gbank_q = (int) v);
        n.reg(at + "gaddr_q", () -> gaddr_q, (v, w) -> gaddr_q = (int) v);
        if (spram) n.reg(at + "slot_q", () -> slot_q, (v, w) -> slot_q = (int) v);
        n.reg(at + "drain_q", () -> drain_q, (v, w) -> drain_q = (int) v);
        n.reg(at + "pv_q", () -> pv_q, (v, w) -> pv_q = (int) v);
        n.reg(at + "vbank_q", () -> vbank_q, (v, w) -> vbank_q = (int) v);
        n.reg(at + "vaddr_q", () -> vaddr_q, (v, w) -> vaddr_q = (int) v);
        n.reg(at + "label_q", () -> label_q, (v, w) -> label_q = (int) v);
        if (stochastic) n.reg(at + "keyb_q", () -> keyb_q, (v, w) -> keyb_q = (int) v);
        n.reg(at + "sample_q", () -> sample_q, (v, w) -> sample_q = (int) v);
        n.reg(at + "ok_cnt_q", () -> ok_cnt_q, (v, w) -> ok_cnt_q = (int) v);
        n.reg(at + "err_cnt_q", () -> err_cnt_q, (v, w) -> err_cnt_q = (int) v);
    }
}
