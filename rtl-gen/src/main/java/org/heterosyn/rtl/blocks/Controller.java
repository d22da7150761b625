package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.DesignId;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Phase;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.Param;
import org.heterosyn.protocol.Status;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;
import org.heterosyn.spec.DesignSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Command decoder and sequencer (docs/architecture.md, "Controller" and "Schedules"). It decodes
 * each command header, rejects malformed commands before they change any state, walks weight
 * matrices for loads and reads, and steps the layer engine through the forward, output, key and
 * update phases of infer and train. Every register is a _d/_q pair; state_q holds a {@link Phase}.
 */
public final class Controller {
    private static final int WORD = Layout.WORD_BITS;
    private static final int FIELD = 8;
    private static final int LEN = 16;
    /** Cycles of one dither key: the start cycle, the rounds, the latch cycle. */
    public static final int KEY_LAST = Layout.KEY_CYCLES - 1;

    private Controller() {}

    /** One controller per circuit; its constants come from the design, its shape does not. */
    public static final String NAME = "heterosyn_controller";

    public static ModuleDef build(Circuit c, Layout lay) {
        if (c.has(NAME)) return c.get(NAME);
        return new Controller.Builder(lay).build(c);
    }

    /** One build: the module and the handles the phase logic shares. */
    private static final class Builder {
        final Layout lay;
        final DesignSpec spec;
        final Module m;
        final int L;
        final int lanes;
        Expr clk;
        Expr rst;
        Hw.DQ state;
        Expr cmdValid;
        Expr cmdData;
        Expr rspFree;

        Builder(Layout lay) {
            this.lay = lay;
            this.spec = lay.spec();
            this.m = new Module(NAME);
            this.L = lay.weightLayers();
            this.lanes = lay.lanes();
        }

        Expr in(Phase p) { return state.q().eq(p.code()); }

        void go(Phase p) { m.connect(state.d(), Expr.u(p.code(), Phase.BITS)); }

        Hw.DQ reg(String n, int w) { return Hw.dq(m, n, Type.uint(w), clk, rst, Expr.u(0, w)); }

        /** Per-layer constant of the current layer. */
        Expr perLayer(Expr layer, Function<Layout.LayerLayout, Long> f, int w) {
            List<Expr> opts = new ArrayList<>();
            for (Layout.LayerLayout k : lay.layers()) opts.add(Expr.u(f.apply(k), w));
            return Hw.select(layer, opts);
        }

        /** Per-matrix constant: B's value if it differs and mat selects B. */
        Expr perMatrix(Expr layer, Expr mat, Function<Layout.LayerLayout, Long> fw,
                       Function<Layout.LayerLayout, Long> fb, int w) {
            Expr wv = perLayer(layer, fw, w);
            if (!WeightMemory.hasFeedback(lay)) return wv;
            return Expr.mux(mat, perLayer(layer, k -> k.feedback() ? fb.apply(k) : fw.apply(k), w), wv);
        }

        ModuleDef build(Circuit c) {
            int vb = lay.valueBits();
            int wb = lay.weightBits();
            int layerBits = lay.layerBits();
            int chunkBits = lay.chunkBits();
            int laneBits = lay.laneBits();
            int n0 = spec.inputs();
            int nL = spec.outputs();

            clk = m.input("clk_i", Type.clock());
            rst = m.input("rst_i", Type.bool());
            cmdValid = m.input("cmd_valid_i", Type.bool());
            cmdData = m.input("cmd_data_i", Type.uint(WORD));
            rspFree = m.input("rsp_free_i", Type.bool());
            Expr y = m.input("y_i", Type.sint(vb));
            Expr rdOne = m.input("rd_one_i", Type.sint(wb));
            Expr.Ref cmdReady = m.output("cmd_ready_o", Type.bool());
            Expr.Ref rspPush = m.output("rsp_push_o", Type.bool());
            Expr.Ref rspData = m.output("rsp_data_o", Type.uint(WORD));
            Expr.Ref layerO = m.output("layer_o", Type.uint(layerBits));
            Expr.Ref fwdO = m.output("fwd_o", Type.bool());
            Expr.Ref issueO = m.output("issue_o", Type.bool());
            Expr.Ref cmpO = m.output("cmp_o", Type.bool());
            Expr.Ref rowO = m.output("row_o", Type.uint(lay.rowIndexBits()));
            Expr.Ref colO = m.output("col_o", Type.uint(lay.colIndexBits()));
            Expr.Ref vaddrO = m.output("vaddr_o", Type.uint(lay.colAddrBits()));
            Expr.Ref gaddrO = m.output("gaddr_o", Type.uint(lay.groupAddrBits()));
            Expr.Ref gbankO = m.output("gbank_o", Type.uint(lay.groupBankBits()));
            Expr.Ref firstO = m.output("first_o", Type.bool());
            Expr.Ref lastO = m.output("last_o", Type.bool());
            Expr.Ref useLatO = m.output("uselat_o", Type.bool());
            Expr.Ref useBLatO = m.output("useblat_o", Type.bool());
            Expr.Ref inWeO = m.output("in_we_o", Type.bool());
            Expr.Ref inBankO = m.output("in_bank_o", Type.uint(lay.inBankBits()));
            Expr.Ref inAddrO = m.output("in_addr_o", Type.uint(lay.inAddrBits()));
            Expr.Ref inDataO = m.output("in_data_o", Type.sint(vb));
            Expr.Ref yAddrO = m.output("y_addr_o", Type.uint(lay.outAddrBits()));
            Expr.Ref yBankO = m.output("y_bank_o", Type.uint(lay.outBankBits()));
            Expr.Ref errWeO = m.output("err_we_o", Type.bool());
            Expr.Ref hitO = m.output("hit_o", Type.bool());
            Expr.Ref keyStartO = m.output("key_start_o", Type.bool());
            Expr.Ref keySiteO = m.output("key_site_o", Type.uint(Layout.INDEX_BITS));
            Expr.Ref keyWO = m.output("key_w_o", Type.bool());
            Expr.Ref keyBO = m.output("key_b_o", Type.bool());
            Expr.Ref sampleO = m.output("sample_o", Type.uint(WORD));
            Expr.Ref matO = m.output("mat_o", Type.bool());
            Expr.Ref raddrO = m.output("raddr_o", Type.uint(chunkBits));
            Expr.Ref waddrO = m.output("waddr_o", Type.uint(chunkBits));
            Expr.Ref weWO = m.output("we_w_o", Type.bool());
            Expr.Ref weBO = m.output("we_b_o", Type.bool());
            Expr.Ref ldO = m.output("ld_o", Type.bool());
            Expr.Ref ldLaneO = m.output("ld_lane_o", Type.uint(laneBits));
            Expr.Ref ldDataO = m.output("ld_data_o", Type.sint(wb));

            // ---- registers ----
            state = Hw.dq(m, "state", Type.uint(Phase.BITS), clk, rst, Expr.u(Phase.IDLE.code(), Phase.BITS));
            Hw.DQ op = reg("op", FIELD);
            Hw.DQ len = reg("len", LEN);
            Hw.DQ status = reg("status", Layout.bits(Status.values().length - 1));
            Hw.DQ rlen = reg("rlen", LEN);
            int cw0 = lay.countBits();
            Hw.DQ cnt = reg("cnt", cw0);
            Hw.DQ layer = reg("layer", layerBits);
            Hw.DQ mat = reg("mat", 1);
            Hw.DQ wc = reg("wc", chunkBits);
            Hw.DQ wl = reg("wl", laneBits);
            Hw.DQ rc = reg("rc", chunkBits);
            Hw.DQ rl = reg("rl", laneBits);
            Hw.DQ col = reg("col", lay.walkColBits());
            Hw.DQ addr = reg("addr", chunkBits);
            boolean sr = lay.stochastic();
            Hw.DQ paddr = lay.spram() ? null : reg("paddr", chunkBits);
            Hw.DQ cc = reg("c", lay.colAddrBits());
            Hw.DQ t = reg("t", lay.rowGroupBits());
            // Synapse coordinates feed only the dither hash.
            Hw.DQ rowb = sr ? reg("rowb", lay.rowIndexBits()) : null;
            Hw.DQ colb = sr ? reg("colb", lay.colIndexBits()) : null;
            Hw.DQ gbank = reg("gbank", lay.groupBankBits());
            Hw.DQ gaddr = reg("gaddr", lay.groupAddrBits());
            Hw.DQ slot = lay.spram() ? reg("slot", 2) : null;
            Hw.DQ drain = reg("drain", 1);
            Hw.DQ pv = reg("pv", 1);
            int vbW = Math.max(lay.inBankBits(), lay.outBankBits());
            int vaW = Math.max(lay.inAddrBits(), lay.outAddrBits());
            Hw.DQ vbank = reg("vbank", vbW);
            Hw.DQ vaddr = reg("vaddr", vaW);
            Hw.DQ label = reg("label", Layout.bits(nL - 1));
            Hw.DQ keyb = sr ? reg("keyb", 1) : null;
            Hw.DQ sample = reg("sample", WORD);
            Hw.DQ okCnt = reg("ok_cnt", WORD);
            Hw.DQ errCnt = reg("err_cnt", WORD);

            // ---- per-layer constants of the current layer ----
            Expr lq = layer.q();
            int cw = Layout.bits(lay.maxChunks());
            int iw = Layout.INDEX_BITS;
            Expr lastChunk = perLayer(lq, k -> (long) k.chunks() - 1, chunkBits);
            Expr lastCol = perLayer(lq, k -> (long) k.cpr() - 1, lay.colAddrBits());
            Expr cprK = perLayer(lq, k -> (long) k.cpr(), cw);
            Expr lastGroup = perLayer(lq, k -> (long) k.rowGroups() - 1, lay.rowGroupBits());
            Expr rpcK = perLayer(lq, k -> (long) k.rpc(), iw);
            Expr inWK = perLayer(lq, k -> (long) k.inW(), iw);
            Expr groupBanks = perLayer(lq, k -> (long) lay.buffer(k.k() + 1).banks(), lay.groupBankBits() + 1);
            Expr plasticK = perLayer(lq, k -> k.plastic() ? 1L : 0L, 1);
            Expr lastSlot = perLayer(lq, k -> (long) lay.spramSlot(k.k()) - 1, 2);
            Expr lastLayer = layer.q().eq(L - 1);

            // ---- defaults ----
            m.connect(cmdReady, Expr.FALSE);
            m.connect(rspPush, Expr.FALSE);
            m.connect(layerO, lq);
            m.connect(fwdO, in(Phase.FWD));
            m.connect(issueO, Expr.FALSE);
            m.connect(cmpO, Expr.FALSE);
            m.connect(rowO, sr ? rowb.q() : Expr.u(0, lay.rowIndexBits()));
            m.connect(colO, sr ? colb.q() : Expr.u(0, lay.colIndexBits()));
            m.connect(vaddrO, cc.q());
            m.connect(gaddrO, gaddr.q());
            m.connect(gbankO, gbank.q());
            m.connect(firstO, Expr.FALSE);
            m.connect(lastO, Expr.FALSE);
            m.connect(useLatO, Expr.FALSE);
            m.connect(useBLatO, Expr.FALSE);
            m.connect(inWeO, Expr.FALSE);
            m.connect(inBankO, vbank.q().bits(lay.inBankBits() - 1, 0));
            m.connect(inAddrO, vaddr.q().bits(lay.inAddrBits() - 1, 0));
            m.connect(inDataO, cmdData.bits(vb - 1, 0).asSInt());
            m.connect(yAddrO, vaddr.q().bits(lay.outAddrBits() - 1, 0));
            m.connect(yBankO, vbank.q().bits(lay.outBankBits() - 1, 0));
            m.connect(errWeO, Expr.FALSE);
            m.connect(hitO, cnt.q().eq(label.q()));
            m.connect(keyStartO, Expr.FALSE);
            m.connect(keySiteO, sr ? lq.pad(FIELD).cat(keyb.q().pad(FIELD)) : Expr.u(0, Layout.INDEX_BITS));
            m.connect(keyWO, Expr.FALSE);
            m.connect(keyBO, Expr.FALSE);
            m.connect(sampleO, sample.q());
            // Matrix select: B only for a B load/read and the B read slot of an SPRAM update.
            m.connect(matO, Expr.FALSE);
            m.connect(raddrO, addr.q());
            m.connect(waddrO, addr.q());
            m.connect(weWO, Expr.FALSE);
            m.connect(weBO, Expr.FALSE);
            m.connect(ldO, Expr.FALSE);
            m.connect(ldLaneO, wl.q());
            m.connect(ldDataO, cmdData.bits(wb - 1, 0).asSInt());
            m.connect(rspData, Expr.u(0, WORD));

            Runnable done = () -> {
                go(Phase.IDLE);
                m.whenElse(status.q().eq(Status.OK.code()),
                        () -> m.connect(okCnt.d(), Hw.inc(okCnt.q())),
                        () -> m.connect(errCnt.d(), Hw.inc(errCnt.q())));
            };

            // ---- the matrix walk of LOAD/READ_WEIGHTS (logical row-major over W_k or B_k) ----
            // A step of D synapses in W_k's chunked layout adds D / used chunks and D % used lanes,
            // with a carry from lane into chunk. W: column = 1 synapse, row = stride (n_k padded to
            // whole chunks); B (stored transposed): column = stride synapses, row = 1.
            Expr matQ = mat.q();
            Expr usedK = perLayer(lq, k -> (long) k.used(), laneBits + 1);
            Expr rowLen = perMatrix(lq, matQ, k -> (long) k.cols(), k -> (long) k.rows(), lay.walkColBits() + 1);
            // A step's chunk part is at most stride / used <= chunks_k (unused steps of one-row matrices too).
            int dcBits = Layout.bits(lay.maxChunks());
            Expr colDc = perMatrix(lq, matQ, k -> 1L / k.used(), k -> (long) k.stride() / k.used(), dcBits);
            Expr colDl = perMatrix(lq, matQ, k -> 1L % k.used(), k -> (long) k.stride() % k.used(), laneBits);
            Expr rowDc = perMatrix(lq, matQ, k -> (long) k.stride() / k.used(), k -> 1L / k.used(), dcBits);
            Expr rowDl = perMatrix(lq, matQ, k -> (long) k.stride() % k.used(), k -> 1L % k.used(), laneBits);
            Expr[] colStep = step(wc.q(), wl.q(), colDc, colDl, usedK, chunkBits, laneBits);
            Expr[] rowStart = step(rc.q(), rl.q(), rowDc, rowDl, usedK, chunkBits, laneBits);
            Runnable nextRow = () -> {
                m.connect(rc.d(), rowStart[0]);
                m.connect(rl.d(), rowStart[1]);
                m.connect(wc.d(), rowStart[0]);
                m.connect(wl.d(), rowStart[1]);
            };
            Runnable nextCol = () -> {
                m.connect(wc.d(), colStep[0]);
                m.connect(wl.d(), colStep[1]);
            };
            Runnable walk = () -> m.whenElse(col.q().eq(rowLen.sub(Expr.u(1, 1)).low(lay.walkColBits())), () -> {
                m.connect(col.d(), Hw.zero(col.q().type()));
                nextRow.run();
            }, () -> {
                m.connect(col.d(), Hw.inc(col.q()));
                nextCol.run();
            });

            // ---- IDLE: decode a header ----
            Expr hOp = m.node("hdr_op", cmdData.bits(WORD - 1, Header.OPCODE_SHIFT));
            Expr hArg = m.node("hdr_arg", cmdData.bits(Header.OPCODE_SHIFT - 1, Header.ARG_SHIFT));
            Expr hLen = m.node("hdr_len", cmdData.bits(Header.ARG_SHIFT - 1, 0));
            Expr known = Expr.FALSE;
            for (Opcode o : Opcode.values()) known = known.or(hOp.eq(o.code()));
            Expr isSet = hOp.eq(Opcode.SET_PARAM.code());
            Expr isLoad = hOp.eq(Opcode.LOAD_WEIGHTS.code());
            Expr isRead = hOp.eq(Opcode.READ_WEIGHTS.code());
            Expr isInfer = hOp.eq(Opcode.INFER.code());
            Expr isTrain = hOp.eq(Opcode.TRAIN.code());
            Expr isStatus = hOp.eq(Opcode.STATUS.code());
            Expr lenOk = Expr.mux(isSet, hLen.eq(1),
                    Expr.mux(isLoad.or(isRead), hLen.neq(0),
                            Expr.mux(isInfer.or(isTrain), hLen.eq(n0), hLen.eq(0))));
            Expr selOk = Expr.FALSE;
            for (Layout.LayerLayout k : lay.layers()) {
                selOk = selOk.or(hArg.eq(Header.matrixSelect(k.k(), 0)));
                if (k.feedback()) selOk = selOk.or(hArg.eq(Header.matrixSelect(k.k(), 1)));
            }
            Expr argOk = Expr.mux(isSet, hArg.eq(Param.SAMPLE_COUNTER.id()),
                    Expr.mux(isLoad.or(isRead), selOk, hArg.eq(0)));
            Expr hStatus = m.node("hdr_status", Expr.mux(known.not(), code(Status.UNKNOWN_OPCODE),
                    Expr.mux(lenOk.not(), code(Status.BAD_LENGTH),
                            Expr.mux(argOk.not(), code(Status.BAD_ARGUMENT), code(Status.OK)))));
            // Words after the header (Opcode.followingWords); an unknown opcode has none.
            Expr follow = m.node("hdr_follow", Expr.mux(isLoad.or(isTrain), hLen.add(Expr.u(1, 1)),
                    Expr.mux(isRead, Expr.u(1, 1), Expr.mux(known, hLen, Expr.u(0, 1)))));

            m.when(in(Phase.IDLE), () -> {
                m.connect(cmdReady, Expr.TRUE);
                m.when(cmdValid, () -> {
                    m.connect(op.d(), hOp);
                    m.connect(len.d(), hLen);
                    m.connect(layer.d(), hArg.bits(layerBits, 1));
                    m.connect(mat.d(), hArg.bit(0));
                    m.connect(status.d(), hStatus);
                    m.connect(rlen.d(), Expr.u(0, LEN));
                    m.whenElse(hStatus.neq(Status.OK.code()), () -> {
                        m.connect(cnt.d(), follow);
                        m.whenElse(follow.eq(0), () -> go(Phase.RSP_HDR), () -> go(Phase.DRAIN));
                    }, () -> {
                        m.when(isSet, () -> go(Phase.SP_DATA));
                        m.when(isLoad.or(isRead), () -> go(Phase.ADDR));
                        m.when(isInfer, () -> {
                            go(Phase.IN_DATA);
                            m.connect(cnt.d(), hLen);
                            m.connect(vbank.d(), Expr.u(0, vbW));
                            m.connect(vaddr.d(), Expr.u(0, vaW));
                        });
                        m.when(isTrain, () -> go(Phase.LABEL));
                        m.when(isStatus, () -> {
                            go(Phase.RSP_HDR);
                            m.connect(rlen.d(), Expr.u(Header.STATUS_WORDS, LEN));
                        });
                    });
                });
            });

            // ---- DRAIN: skip a rejected command's words ----
            m.when(in(Phase.DRAIN), () -> {
                m.connect(cmdReady, Expr.TRUE);
                m.when(cmdValid, () -> {
                    m.connect(cnt.d(), cnt.q().sub(Expr.u(1, 1)).low(cw0));
                    m.when(cnt.q().eq(1), () -> go(Phase.RSP_HDR));
                });
            });

            // ---- RSP_HDR ----
            Expr isOk = status.q().eq(Status.OK.code());
            Expr opQ = op.q();
            m.when(in(Phase.RSP_HDR), () -> {
                m.connect(rspData, opQ.cat(status.q().pad(FIELD)).cat(rlen.q()));
                m.when(rspFree, () -> {
                    m.connect(rspPush, Expr.TRUE);
                    m.whenElse(isOk.not().or(opQ.eq(Opcode.SET_PARAM.code())).or(opQ.eq(Opcode.LOAD_WEIGHTS.code())),
                            done, () -> {
                                m.when(opQ.eq(Opcode.READ_WEIGHTS.code()), () -> go(Phase.RD_ISSUE));
                                m.when(opQ.eq(Opcode.INFER.code()).or(opQ.eq(Opcode.TRAIN.code())), () -> {
                                    go(Phase.OUT_ISSUE);
                                    m.connect(cnt.d(), Expr.u(0, cw0));
                                    m.connect(vbank.d(), Expr.u(0, vbW));
                                    m.connect(vaddr.d(), Expr.u(0, vaW));
                                });
                                m.when(opQ.eq(Opcode.STATUS.code()), () -> {
                                    go(Phase.ST_SEND);
                                    m.connect(cnt.d(), Expr.u(0, cw0));
                                });
                            });
                });
            });

            // ---- SET_PARAM ----
            m.when(in(Phase.SP_DATA), () -> {
                m.connect(cmdReady, Expr.TRUE);
                m.when(cmdValid, () -> {
                    m.connect(sample.d(), cmdData);
                    go(Phase.RSP_HDR);
                });
            });

            // ---- LOAD/READ_WEIGHTS: start word and range check ----
            Expr size = perMatrix(lq, matQ, k -> k.synapses(), k -> k.synapses(), WORD);
            Expr isLoadQ = opQ.eq(Opcode.LOAD_WEIGHTS.code());
            // start + count > elements, as a 33-bit sum would say: a start with any bit set above the
            // counter's width is at least 2^countBits, past every matrix.
            Expr startLow = cmdData.bits(cw0 - 1, 0);
            Expr startHigh = cw0 < WORD ? cmdData.bits(WORD - 1, cw0).orr() : Expr.FALSE;
            Expr outOfRange = m.node("out_of_range", startHigh.or(startLow.add(len.q()).gt(size)));
            m.when(in(Phase.ADDR), () -> {
                m.connect(cmdReady, Expr.TRUE);
                m.when(cmdValid, () -> m.whenElse(outOfRange, () -> {
                    m.connect(status.d(), code(Status.OUT_OF_RANGE));
                    m.whenElse(isLoadQ, () -> {
                        m.connect(cnt.d(), len.q());
                        go(Phase.DRAIN);
                    }, () -> go(Phase.RSP_HDR));
                }, () -> {
                    m.connect(cnt.d(), cmdData.bits(cw0 - 1, 0));
                    for (Hw.DQ r : List.of(wc, wl, rc, rl, col)) m.connect(r.d(), Hw.zero(r.q().type()));
                    m.when(isLoadQ.not(), () -> m.connect(rlen.d(), len.q()));
                    go(Phase.SEEK);
                }));
            });
            m.when(in(Phase.SEEK), () -> m.whenElse(cnt.q().geq(rowLen), () -> {
                m.connect(cnt.d(), cnt.q().sub(rowLen).low(cw0));
                nextRow.run();
            }, () -> m.whenElse(cnt.q().neq(0), () -> {
                m.connect(cnt.d(), cnt.q().sub(Expr.u(1, 1)).low(cw0));
                m.connect(col.d(), Hw.inc(col.q()));
                nextCol.run();
            }, () -> {
                m.connect(cnt.d(), len.q());
                m.whenElse(isLoadQ, () -> go(Phase.LD_DATA), () -> go(Phase.RSP_HDR));
            })));
            m.when(in(Phase.LD_DATA), () -> {
                m.connect(cmdReady, Expr.TRUE);
                m.connect(matO, matQ);
                m.connect(ldO, Expr.TRUE);
                m.connect(waddrO, wc.q());
                m.when(cmdValid, () -> {
                    m.connect(weWO, matQ.not());
                    m.connect(weBO, matQ);
                    walk.run();
                    m.connect(cnt.d(), cnt.q().sub(Expr.u(1, 1)).low(cw0));
                    m.when(cnt.q().eq(1), () -> go(Phase.RSP_HDR));
                });
            });
            m.when(in(Phase.RD_ISSUE), () -> {
                m.connect(raddrO, wc.q());
                m.connect(matO, matQ);
                m.when(rspFree, () -> go(Phase.RD_SEND));
            });
            m.when(in(Phase.RD_SEND), () -> {
                m.connect(raddrO, wc.q());
                m.connect(matO, matQ);
                m.connect(rspPush, Expr.TRUE);
                m.connect(rspData, rdOne.pad(WORD).asUInt());
                walk.run();
                m.connect(cnt.d(), cnt.q().sub(Expr.u(1, 1)).low(cw0));
                m.whenElse(cnt.q().eq(1), done, () -> go(Phase.RD_ISSUE));
            });

            // ---- INFER/TRAIN: label and inputs ----
            m.when(in(Phase.LABEL), () -> {
                m.connect(cmdReady, Expr.TRUE);
                m.when(cmdValid, () -> {
                    m.connect(label.d(), cmdData.bits(label.q().width() - 1, 0));
                    m.connect(cnt.d(), len.q());
                    m.whenElse(cmdData.geq(Expr.u(nL, WORD)), () -> {
                        m.connect(status.d(), code(Status.OUT_OF_RANGE));
                        go(Phase.DRAIN);
                    }, () -> {
                        m.connect(vbank.d(), Expr.u(0, vbW));
                        m.connect(vaddr.d(), Expr.u(0, vaW));
                        go(Phase.IN_DATA);
                    });
                });
            });
            Runnable nextValue = () -> {
                // Values fill bank 0..B-1 of an address, then the next address.
                m.whenElse(vbank.q().eq(lay.buffer(0).banks() - 1).and(in(Phase.IN_DATA))
                                .or(vbank.q().eq(lay.buffer(L).banks() - 1).and(in(Phase.OUT_SEND))), () -> {
                    m.connect(vbank.d(), Expr.u(0, vbW));
                    m.connect(vaddr.d(), Hw.inc(vaddr.q()));
                }, () -> m.connect(vbank.d(), Hw.inc(vbank.q())));
            };
            Runnable passInit = () -> {
                for (Hw.DQ r : java.util.Arrays.asList(addr, cc, t, rowb, colb, gbank, gaddr, slot, drain)) {
                    if (r != null) m.connect(r.d(), Hw.zero(r.q().type()));
                }
            };
            m.when(in(Phase.IN_DATA), () -> {
                m.connect(cmdReady, Expr.TRUE);
                m.when(cmdValid, () -> {
                    m.connect(inWeO, Expr.TRUE);
                    nextValue.run();
                    m.connect(cnt.d(), cnt.q().sub(Expr.u(1, 1)).low(cw0));
                    m.when(cnt.q().eq(1), () -> {
                        go(Phase.FWD);
                        m.connect(layer.d(), Expr.u(0, layerBits));
                        passInit.run();
                    });
                });
            });

            // ---- chunk-group bookkeeping shared by the passes ----
            Expr gbankNext = gbank.q().add(rpcK).low(lay.groupBankBits() + 1);
            Runnable nextGroup = () -> m.whenElse(gbankNext.eq(groupBanks), () -> {
                m.connect(gbank.d(), Hw.zero(gbank.q().type()));
                m.connect(gaddr.d(), Hw.inc(gaddr.q()));
            }, () -> m.connect(gbank.d(), gbankNext.low(lay.groupBankBits())));

            // ---- FWD: row-major over layer k's chunks, one per cycle, then one drain cycle ----
            m.when(in(Phase.FWD), () -> {
                m.connect(cmpO, pv.q());
                m.whenElse(drain.q().not(), () -> {
                    Expr endRow = cc.q().eq(lastCol);
                    m.connect(issueO, Expr.TRUE);
                    m.connect(firstO, cc.q().eq(0));
                    m.connect(lastO, endRow);
                    m.connect(pv.d(), Expr.TRUE);
                    m.connect(addr.d(), Hw.inc(addr.q()));
                    m.whenElse(endRow, () -> {
                        m.connect(cc.d(), Hw.zero(cc.q().type()));
                        nextGroup.run();
                    }, () -> m.connect(cc.d(), Hw.inc(cc.q())));
                    m.when(addr.q().eq(lastChunk), () -> m.connect(drain.d(), Expr.TRUE));
                }, () -> {
                    m.connect(pv.d(), Expr.FALSE);
                    m.whenElse(lastLayer, () -> {
                        go(Phase.RSP_HDR);
                        m.connect(rlen.d(), Expr.u(nL, LEN));
                    }, () -> {
                        m.connect(layer.d(), Hw.inc(layer.q()));
                        passInit.run();
                    });
                });
            });

            // ---- OUT: one output word per two cycles; TRAIN also writes e_L ----
            Expr isTrainQ = opQ.eq(Opcode.TRAIN.code());
            Runnable toUpdates = () -> {
                m.connect(layer.d(), Expr.u(L - 1, layerBits));
                passInit.run();
                m.connect(cnt.d(), Expr.u(0, cw0));
                if (sr) m.connect(keyb.d(), Expr.FALSE);
                go(sr ? Phase.KEY : Phase.UPD);
            };
            m.when(in(Phase.OUT_ISSUE), () -> m.when(rspFree, () -> go(Phase.OUT_SEND)));
            m.when(in(Phase.OUT_SEND), () -> {
                m.connect(rspPush, Expr.TRUE);
                m.connect(rspData, y.pad(WORD).asUInt());
                m.connect(errWeO, isTrainQ);
                nextValue.run();
                m.connect(cnt.d(), Hw.inc(cnt.q()));
                m.whenElse(cnt.q().eq(nL - 1), () -> m.whenElse(isTrainQ, toUpdates, done),
                        () -> go(Phase.OUT_ISSUE));
            });

            // ---- STATUS ----
            List<Expr> words = List.of(Expr.u(Header.MAGIC & 0xFFFF_FFFFL, WORD),
                    Expr.u(DesignId.of(spec) & 0xFFFF_FFFFL, WORD), sample.q(), okCnt.q(), errCnt.q());
            m.when(in(Phase.ST_SEND), () -> {
                m.connect(rspData, Hw.select(cnt.q(), words));
                m.when(rspFree, () -> {
                    m.connect(rspPush, Expr.TRUE);
                    m.connect(cnt.d(), Hw.inc(cnt.q()));
                    m.when(cnt.q().eq(Header.STATUS_WORDS - 1), done);
                });
            });

            // ---- KEY: W key, then B key if B is plastic; each start, rounds, latch ----
            if (sr) m.when(in(Phase.KEY), () -> {
                m.connect(keyStartO, cnt.q().eq(0));
                m.whenElse(cnt.q().eq(KEY_LAST), () -> {
                    m.connect(keyWO, keyb.q().not());
                    m.connect(keyBO, keyb.q());
                    m.connect(cnt.d(), Expr.u(0, cw0));
                    m.whenElse(keyb.q().not().and(plasticK), () -> m.connect(keyb.d(), Expr.TRUE), () -> {
                        m.connect(keyb.d(), Expr.FALSE);
                        go(Phase.UPD);
                    });
                }, () -> m.connect(cnt.d(), Hw.inc(cnt.q())));
            });

            // ---- UPD: column-major over layer k's chunks (c outer, row group t inner) ----
            Runnable issueStep = () -> {
                Expr endCol = t.q().eq(lastGroup);
                m.connect(issueO, Expr.TRUE);
                m.connect(firstO, t.q().eq(0));
                m.connect(lastO, endCol);
            };
            // Advances to the next chunk; returns through `after` when the pass is complete.
            java.util.function.Consumer<Runnable> advance = after -> m.whenElse(t.q().eq(lastGroup), () -> {
                m.connect(t.d(), Hw.zero(t.q().type()));
                if (sr) m.connect(rowb.d(), Hw.zero(rowb.q().type()));
                m.connect(gbank.d(), Hw.zero(gbank.q().type()));
                m.connect(gaddr.d(), Hw.zero(gaddr.q().type()));
                m.connect(cc.d(), Hw.inc(cc.q()));
                // Past the last column the base wraps; nothing reads it before the next pass resets it.
                if (sr) m.connect(colb.d(), colb.q().add(inWK).low(lay.colIndexBits()));
                m.connect(addr.d(), cc.q().pad(chunkBits).add(Expr.u(1, 1)).low(chunkBits));
                m.when(cc.q().eq(lastCol), after);
            }, () -> {
                m.connect(t.d(), Hw.inc(t.q()));
                if (sr) m.connect(rowb.d(), rowb.q().add(rpcK).low(lay.rowIndexBits()));
                m.connect(addr.d(), addr.q().add(cprK).low(chunkBits));
                nextGroup.run();
            });
            Runnable passDone = () -> m.whenElse(layer.q().eq(0), () -> go(Phase.FINISH), () -> {
                m.connect(layer.d(), layer.q().sub(Expr.u(1, 1)).low(layerBits));
                passInit.run();
                m.connect(cnt.d(), Expr.u(0, cw0));
                if (sr) m.connect(keyb.d(), Expr.FALSE);
                go(sr ? Phase.KEY : Phase.UPD);
            });
            m.when(in(Phase.UPD), () -> {
                if (lay.spram()) {
                    // Slots: 0 read W (issue); 1 read B or compute; 2 compute; 3 write B'.
                    Expr s = slot.q();
                    Expr threeOrMore = lastSlot.geq(Expr.u(2, 2));
                    m.when(s.eq(0), issueStep);
                    m.when(s.eq(1).and(threeOrMore), () -> m.connect(matO, Expr.TRUE));
                    Expr computeSlot = Expr.mux(threeOrMore, s.eq(2), s.eq(1));
                    m.when(computeSlot, () -> {
                        m.connect(cmpO, Expr.TRUE);
                        m.connect(useLatO, threeOrMore);
                        m.connect(weWO, Expr.TRUE);
                    });
                    m.when(s.eq(3), () -> {
                        m.connect(weBO, Expr.TRUE);
                        m.connect(useBLatO, Expr.TRUE);
                    });
                    m.whenElse(s.eq(lastSlot), () -> {
                        m.connect(slot.d(), Expr.u(0, 2));
                        advance.accept(passDone);
                    }, () -> m.connect(slot.d(), Hw.inc(s)));
                } else {
                    m.connect(cmpO, pv.q());
                    m.connect(weWO, pv.q());
                    m.connect(weBO, pv.q().and(plasticK));
                    m.connect(waddrO, paddr.q());
                    m.whenElse(drain.q().not(), () -> {
                        issueStep.run();
                        m.connect(pv.d(), Expr.TRUE);
                        m.connect(paddr.d(), addr.q());
                        advance.accept(() -> m.connect(drain.d(), Expr.TRUE));
                    }, () -> {
                        m.connect(pv.d(), Expr.FALSE);
                        passDone.run();
                    });
                }
            });

            m.when(in(Phase.FINISH), () -> {
                m.connect(sample.d(), Hw.inc(sample.q()));
                done.run();
            });

            c.add(m);
            return m;
        }

        Expr code(Status s) { return Expr.u(s.code(), Layout.bits(Status.values().length - 1)); }

        /** (chunk, lane) + (dc, dl) in the mixed radix (chunks, used lanes). */
        Expr[] step(Expr chunk, Expr lane, Expr dc, Expr dl, Expr used, int chunkBits, int laneBits) {
            Expr sum = lane.add(dl);
            Expr carry = sum.geq(used);
            Expr newLane = Expr.mux(carry, sum.sub(used).low(sum.width()), sum).low(laneBits);
            Expr newChunk = chunk.add(dc).add(carry).low(chunkBits);
            return new Expr[] {newChunk, newLane};
        }
    }
}
