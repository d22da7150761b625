package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Bundles;
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
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The controller's state machine (docs/architecture.md, "Controller"): one {@link Phase} per
 * state_q value. It accepts command words, answers, counts, and drives its four sub-blocks:
 * {@link CommandDecode} (u_decode) judges each header before any state changes, {@link MatrixWalk}
 * (u_walk) walks a matrix for loads and reads, {@link PassSequencer} (u_seq) steps the forward
 * and update passes, {@link InputTable} (u_itab) turns packed input codes into values. Its outputs
 * are the engine and memory bundles of {@link Bundles}.
 */
public final class Controller {
    public static final String NAME = "heterosyn_controller";
    private static final int WORD = Layout.WORD_BITS;
    /** The last cycle of one dither key: the start cycle, the rounds, the latch cycle. */
    private static final int KEY_LAST = Layout.KEY_CYCLES - 1;

    private Controller() {}

    public static ModuleDef build(Circuit c, Layout lay) {
        if (c.has(NAME)) return c.get(NAME);
        return new Builder(lay).build(c);
    }

    /** One build: the module, its registers and the sub-block instances the phases share. */
    private static final class Builder {
        final Layout lay;
        final Module m = new Module(NAME);
        final int L;
        final boolean sr;
        final Map<String, Expr.Ref> out = new HashMap<>();
        Hw.Regs r;
        Expr cmdValid;
        Expr cmdData;
        Expr rspFree;
        Expr.Ref cmdReady;
        Expr.Ref rspPush;
        Expr.Ref rspData;
        Module.Instance dec;
        Module.Instance walk;
        Module.Instance seq;
        Module.Instance itab;

        Builder(Layout lay) {
            this.lay = lay;
            this.L = lay.weightLayers();
            this.sr = lay.stochastic();
        }

        Hw.DQ reg(String n) { return r.get(n); }

        Expr q(String n) { return r.get(n).q(); }

        void set(String n, Expr v) { m.connect(r.get(n).d(), v); }

        void clear(String n) { set(n, Hw.zero(q(n).type())); }

        Expr in(Phase p) { return q("state").eq(p.code()); }

        void go(Phase p) { set("state", Expr.u(p.code(), Phase.BITS)); }

        Expr.Ref o(String n) { return out.get(n); }

        void decrement() { set("cnt", q("cnt").sub(Expr.u(1, 1)).low(lay.countBits())); }

        ModuleDef build(Circuit c) {
            Expr clk = m.input("clk_i", Type.clock());
            Expr rst = m.input("rst_i", Type.bool());
            cmdValid = m.input("cmd_valid_i", Type.bool());
            cmdData = m.input("cmd_data_i", Type.uint(WORD));
            rspFree = m.input("rsp_free_i", Type.bool());
            Expr y = m.input("y_i", Type.sint(lay.valueBits()));
            Expr rdOne = m.input("rd_one_i", Type.sint(lay.weightBits()));
            cmdReady = m.output("cmd_ready_o", Type.bool());
            rspPush = m.output("rsp_push_o", Type.bool());
            rspData = m.output("rsp_data_o", Type.uint(WORD));
            for (List<Bundles.Signal> b : List.of(Bundles.engineControl(lay), Bundles.memoryControl(lay))) {
                for (Bundles.Signal s : b) {
                    if (!out.containsKey(s.name())) {
                        out.put(s.name(), m.output(s.name() + "_o", s.signed() ? Type.sint(s.width()) : Type.uint(s.width())));
                    }
                }
            }
            r = new Hw.Regs(m, Registers.controller(lay), clk, rst);
            dec = m.instance(Hierarchy.DECODE, CommandDecode.build(c, lay));
            walk = m.instance(Hierarchy.WALK, MatrixWalk.build(c, lay));
            seq = m.instance(Hierarchy.SEQUENCER, PassSequencer.build(c, lay));
            itab = m.instance(Hierarchy.INPUT_TABLE, InputTable.build(c, lay.valueBits()));
            for (Module.Instance i : List.of(walk, seq)) {
                m.connectIn(i, "clk_i", clk);
                m.connectIn(i, "rst_i", rst);
                m.connectIn(i, "layer_i", q("layer"));
            }
            m.connectIn(dec, "hdr_i", cmdData);
            m.connectIn(walk, "mat_i", q("mat"));
            for (String p : List.of("clear_i", "row_i", "col_i", "step_i")) m.connectIn(walk, p, Expr.FALSE);
            m.connectIn(seq, "init_i", Expr.FALSE);
            m.connectIn(seq, "fwd_i", in(Phase.FWD));
            m.connectIn(seq, "upd_i", in(Phase.UPD));
            inputTablePorts(clk);

            defaults();
            idle();
            loadRead(rdOne);
            inference(y);
            packed();
            passes();
            status();
            c.add(m);
            return m;
        }

        /** Outputs in every phase; the phases below override some (FIRRTL's last connect wins). */
        void defaults() {
            Expr reading = in(Phase.RD_ISSUE).or(in(Phase.RD_SEND));
            Expr walking = reading.or(in(Phase.LD_DATA));
            m.connect(cmdReady, Expr.FALSE);
            m.connect(rspPush, Expr.FALSE);
            m.connect(rspData, Expr.u(0, WORD));
            m.connect(o("layer"), q("layer"));
            m.connect(o("fwd"), in(Phase.FWD));
            for (String s : List.of("issue", "first", "last", "cmp", "uselat", "useblat", "stage", "dith_w", "row", "col", "vaddr",
                    "gaddr", "gbank")) {
                m.connect(o(s), seq.port(s + "_o"));
            }
            m.connect(o("in_we"), Expr.FALSE);
            m.connect(o("in_bank"), q("vbank").bits(lay.inBankBits() - 1, 0));
            m.connect(o("in_addr"), q("vaddr").bits(lay.inAddrBits() - 1, 0));
            m.connect(o("in_data"), Expr.mux(in(Phase.PK_DATA), itab.port("rd_o"), cmdValue()));
            m.connect(o("y_addr"), q("vaddr").bits(lay.outAddrBits() - 1, 0));
            m.connect(o("y_bank"), q("vbank").bits(lay.outBankBits() - 1, 0));
            m.connect(o("err_we"), Expr.FALSE);
            m.connect(o("hit"), q("cnt").eq(q("label")));
            m.connect(o("key_start"), Expr.FALSE);
            m.connect(o("key_site"), sr ? DitherKey.site(q("layer"), q("keyb")) : Expr.u(0, DitherHash.SITE_BITS));
            m.connect(o("key_w"), Expr.FALSE);
            m.connect(o("key_b"), Expr.FALSE);
            m.connect(o("sample"), q("sample"));
            // Matrix select: B only for a B load/read and the B read slot of an SPRAM update.
            m.connect(o("mat"), Expr.mux(walking, q("mat"), seq.port("read_b_o")));
            m.connect(o("raddr"), Expr.mux(reading, walk.port("chunk_o"), seq.port("addr_o")));
            m.connect(o("waddr"), Expr.mux(in(Phase.LD_DATA), walk.port("chunk_o"), seq.port("waddr_o")));
            m.connect(o("we_w"), seq.port("we_w_o"));
            m.connect(o("we_b"), seq.port("we_b_o"));
            m.connect(o("ld"), Expr.FALSE);
            m.connect(o("ld_lane"), walk.port("lane_o"));
            m.connect(o("ld_data"), cmdData.bits(lay.weightBits() - 1, 0).asSInt());
        }

        /** The value in the low valueBits bits of the command word. */
        Expr cmdValue() { return cmdData.bits(lay.valueBits() - 1, 0).asSInt(); }

        /**
         * u_itab: TB_DATA writes entry 256 - cnt (cnt counts the table words down from 256), PK_DATA
         * looks up byte pk of the command word.
         */
        void inputTablePorts(Expr clk) {
            List<Expr> codes = new ArrayList<>();
            for (int b = 0; b < PackedInputs.CODES_PER_WORD; b++) {
                codes.add(cmdData.bits(PackedInputs.CODE_BITS * (b + 1) - 1, PackedInputs.CODE_BITS * b));
            }
            m.connectIn(itab, "clk_i", clk);
            m.connectIn(itab, "we_i", Expr.FALSE);
            m.connectIn(itab, "waddr_i", Expr.u(0, 1).sub(q("cnt")).low(PackedInputs.CODE_BITS));
            m.connectIn(itab, "wd_i", cmdValue());
            m.connectIn(itab, "raddr_i", Hw.select(q("pk"), codes));
        }

        /** A response sent: back to IDLE, counted as completed or rejected. */
        void done() {
            go(Phase.IDLE);
            m.whenElse(q("status").eq(Status.OK.code()),
                    () -> set("ok_cnt", Hw.inc(q("ok_cnt"))),
                    () -> set("err_cnt", Hw.inc(q("err_cnt"))));
        }

        /** IDLE takes a header as u_decode judges it; DRAIN skips a rejected command's words; RSP_HDR answers. */
        void idle() {
            m.when(in(Phase.IDLE), () -> {
                m.connect(cmdReady, Expr.TRUE);
                m.when(cmdValid, () -> {
                    for (String f : List.of("op", "len", "layer", "mat", "status", "rlen")) set(f, dec.port(f + "_o"));
                    set("state", dec.port("next_o"));
                    m.when(dec.port("status_o").neq(Status.OK.code()), () -> set("cnt", dec.port("follow_o")));
                    Expr next = dec.port("next_o");
                    m.when(next.eq(Phase.IN_DATA.code()).or(next.eq(Phase.PK_DATA.code())).or(next.eq(Phase.TB_DATA.code())),
                            () -> {
                                set("cnt", dec.port("len_o"));
                                startInputs();
                            });
                });
            });
            m.when(in(Phase.DRAIN), () -> {
                m.connect(cmdReady, Expr.TRUE);
                m.when(cmdValid, () -> {
                    decrement();
                    m.when(q("cnt").eq(1), () -> go(Phase.RSP_HDR));
                });
            });
            Expr op = q("op");
            m.when(in(Phase.RSP_HDR), () -> {
                m.connect(rspData, op.cat(q("status").pad(8)).cat(q("rlen")));
                m.when(rspFree, () -> {
                    m.connect(rspPush, Expr.TRUE);
                    Expr finished = q("status").neq(Status.OK.code()).or(op.eq(Opcode.SET_PARAM.code()))
                            .or(op.eq(Opcode.LOAD_WEIGHTS.code())).or(op.eq(Opcode.LOAD_INPUT_TABLE.code()));
                    m.whenElse(finished, this::done, () -> {
                        m.when(op.eq(Opcode.READ_WEIGHTS.code()), () -> go(Phase.RD_ISSUE));
                        m.when(isInference(op), () -> {
                            go(Phase.OUT_ISSUE);
                            clear("cnt");
                            clear("vbank");
                            clear("vaddr");
                        });
                        m.when(op.eq(Opcode.STATUS.code()), () -> {
                            go(Phase.ST_SEND);
                            clear("cnt");
                        });
                    });
                });
            });
            m.when(in(Phase.SP_DATA), () -> {
                m.connect(cmdReady, Expr.TRUE);
                m.when(cmdValid, () -> {
                    set("sample", cmdData);
                    go(Phase.RSP_HDR);
                });
            });
        }

        /** LOAD/READ_WEIGHTS: the start word and range check, the seek, then a word per cycle. */
        void loadRead(Expr rdOne) {
            int cw = lay.countBits();
            Expr isLoad = q("op").eq(Opcode.LOAD_WEIGHTS.code());
            Expr rowLen = walk.port("row_len_o");
            // start + count > elements, as a 33-bit sum would say: a start with any bit set above the
            // counter's width is at least 2^countBits, past every matrix.
            Expr startLow = cmdData.bits(cw - 1, 0);
            Expr startHigh = cw < WORD ? cmdData.bits(WORD - 1, cw).orr() : Expr.FALSE;
            Expr outOfRange = m.node("out_of_range", startHigh.or(startLow.add(q("len")).gt(walk.port("size_o"))));
            m.when(in(Phase.ADDR), () -> {
                m.connect(cmdReady, Expr.TRUE);
                m.when(cmdValid, () -> m.whenElse(outOfRange, () -> {
                    set("status", code(Status.OUT_OF_RANGE));
                    m.whenElse(isLoad, () -> {
                        set("cnt", q("len"));
                        go(Phase.DRAIN);
                    }, () -> go(Phase.RSP_HDR));
                }, () -> {
                    set("cnt", startLow);
                    m.connectIn(walk, "clear_i", Expr.TRUE);
                    m.when(isLoad.not(), () -> set("rlen", q("len")));
                    go(Phase.SEEK);
                }));
            });
            m.when(in(Phase.SEEK), () -> m.whenElse(q("cnt").geq(rowLen), () -> {
                set("cnt", q("cnt").sub(rowLen).low(cw));
                m.connectIn(walk, "row_i", Expr.TRUE);
            }, () -> m.whenElse(q("cnt").neq(0), () -> {
                decrement();
                m.connectIn(walk, "col_i", Expr.TRUE);
            }, () -> {
                set("cnt", q("len"));
                m.whenElse(isLoad, () -> go(Phase.LD_DATA), () -> go(Phase.RSP_HDR));
            })));
            m.when(in(Phase.LD_DATA), () -> {
                m.connect(cmdReady, Expr.TRUE);
                m.connect(o("ld"), Expr.TRUE);
                m.when(cmdValid, () -> {
                    m.connect(o("we_w"), q("mat").not());
                    m.connect(o("we_b"), q("mat"));
                    m.connectIn(walk, "step_i", Expr.TRUE);
                    decrement();
                    m.when(q("cnt").eq(1), () -> go(Phase.RSP_HDR));
                });
            });
            m.when(in(Phase.RD_ISSUE), () -> m.when(rspFree, () -> go(Phase.RD_SEND)));
            m.when(in(Phase.RD_SEND), () -> {
                m.connect(rspPush, Expr.TRUE);
                m.connect(rspData, rdOne.pad(WORD).asUInt());
                m.connectIn(walk, "step_i", Expr.TRUE);
                decrement();
                m.whenElse(q("cnt").eq(1), this::done, () -> go(Phase.RD_ISSUE));
            });
        }

        /** INFER, TRAIN or their packed forms. */
        Expr isInference(Expr op) {
            return op.eq(Opcode.INFER.code()).or(op.eq(Opcode.INFER_PACKED.code())).or(isTrain(op));
        }

        Expr isTrain(Expr op) { return op.eq(Opcode.TRAIN.code()).or(op.eq(Opcode.TRAIN_PACKED.code())); }

        /** Inputs (or table values) start: h_0 from its first value, packed codes from byte 0. */
        void startInputs() {
            clear("vbank");
            clear("vaddr");
            clear("pk");
            clear("pv");
        }

        /** Values fill bank 0..B-1 of an address, then the next address. */
        void nextValue(int banks) {
            m.whenElse(q("vbank").eq(banks - 1), () -> {
                clear("vbank");
                set("vaddr", Hw.inc(q("vaddr")));
            }, () -> set("vbank", Hw.inc(q("vbank"))));
        }

        /** A pass over q("layer") starts: u_seq rewinds. */
        void passInit() { m.connectIn(seq, "init_i", Expr.TRUE); }

        /** INFER/TRAIN: the label, the inputs into h_0, the forward passes and the outputs. */
        void inference(Expr y) {
            int nL = lay.spec().outputs();
            m.when(in(Phase.LABEL), () -> {
                m.connect(cmdReady, Expr.TRUE);
                m.when(cmdValid, () -> {
                    set("label", cmdData.bits(q("label").width() - 1, 0));
                    Expr packed = q("op").eq(Opcode.TRAIN_PACKED.code());
                    m.whenElse(cmdData.geq(Expr.u(nL, WORD)), () -> {
                        set("status", code(Status.OUT_OF_RANGE));
                        // The input words still to come: n_0 values or ceil(n_0 / 4) code words.
                        int n0 = lay.spec().inputs();
                        set("cnt", Expr.mux(packed, Expr.u(Opcode.TRAIN_PACKED.followingWords(n0) - 1, lay.countBits()),
                                Expr.u(Opcode.TRAIN.followingWords(n0) - 1, lay.countBits())));
                        go(Phase.DRAIN);
                    }, () -> {
                        set("cnt", q("len"));
                        startInputs();
                        set("state", Expr.mux(packed, Expr.u(Phase.PK_DATA.code(), Phase.BITS),
                                Expr.u(Phase.IN_DATA.code(), Phase.BITS)));
                    });
                });
            });
            m.when(in(Phase.IN_DATA), () -> {
                m.connect(cmdReady, Expr.TRUE);
                m.when(cmdValid, () -> {
                    m.connect(o("in_we"), Expr.TRUE);
                    nextValue(lay.buffer(0).banks());
                    decrement();
                    m.when(q("cnt").eq(1), this::startForward);
                });
            });
            m.when(in(Phase.FWD).and(seq.port("done_o")), () -> m.whenElse(q("layer").eq(L - 1), () -> {
                go(Phase.RSP_HDR);
                set("rlen", Expr.u(nL, 16));
            }, () -> {
                set("layer", Hw.inc(q("layer")));
                passInit();
            }));
            Expr isTrain = isTrain(q("op"));
            m.when(in(Phase.OUT_ISSUE), () -> m.when(rspFree, () -> go(Phase.OUT_SEND)));
            m.when(in(Phase.OUT_SEND), () -> {
                m.connect(rspPush, Expr.TRUE);
                m.connect(rspData, y.pad(WORD).asUInt());
                m.connect(o("err_we"), isTrain);
                nextValue(lay.buffer(L).banks());
                set("cnt", Hw.inc(q("cnt")));
                m.whenElse(q("cnt").eq(nL - 1), () -> m.whenElse(isTrain, () -> {
                    set("layer", Expr.u(L - 1, lay.layerBits()));
                    startLayerUpdate();
                }, this::done), () -> go(Phase.OUT_ISSUE));
            });
        }

        /** The inputs are in h_0: the forward pass of layer 0 starts. */
        void startForward() {
            go(Phase.FWD);
            clear("layer");
            passInit();
        }

        /**
         * LOAD_INPUT_TABLE: a table value per cycle. INFER/TRAIN_PACKED: a code per cycle into
         * u_itab's read port, the command word taken after its last code; the value the table
         * gives a cycle later goes into h_0, so the last one is written in a cycle of its own
         * (cnt = 0).
         */
        void packed() {
            m.when(in(Phase.TB_DATA), () -> {
                m.connect(cmdReady, Expr.TRUE);
                m.when(cmdValid, () -> {
                    m.connectIn(itab, "we_i", Expr.TRUE);
                    decrement();
                    m.when(q("cnt").eq(1), () -> go(Phase.RSP_HDR));
                });
            });
            m.when(in(Phase.PK_DATA), () -> {
                Expr codesLeft = q("cnt").neq(0);
                Expr lookup = cmdValid.and(codesLeft);
                m.connect(cmdReady, codesLeft.and(q("pk").eq(PackedInputs.CODES_PER_WORD - 1).or(q("cnt").eq(1))));
                set("pv", lookup);
                m.when(q("pv"), () -> {
                    m.connect(o("in_we"), Expr.TRUE);
                    nextValue(lay.buffer(0).banks());
                });
                m.when(lookup, () -> {
                    decrement();
                    set("pk", Hw.inc(q("pk")));
                });
                m.when(codesLeft.not(), this::startForward);
            });
        }

        /** The update of q("layer") (as set this cycle) starts: its keys first under stochastic rounding. */
        void startLayerUpdate() {
            passInit();
            clear("cnt");
            if (sr) clear("keyb");
            go(sr ? Phase.KEY : Phase.UPD);
        }

        /** TRAIN after the outputs: per layer, top down, the dither keys then the update pass. */
        void passes() {
            if (sr) m.when(in(Phase.KEY), () -> {
                Expr plastic = Hw.perLayer(lay, q("layer"), k -> k.plastic() ? 1L : 0L, 1);
                m.connect(o("key_start"), q("cnt").eq(0));
                m.whenElse(q("cnt").eq(KEY_LAST), () -> {
                    m.connect(o("key_w"), q("keyb").not());
                    m.connect(o("key_b"), q("keyb"));
                    clear("cnt");
                    m.whenElse(q("keyb").not().and(plastic), () -> set("keyb", Expr.TRUE), () -> {
                        clear("keyb");
                        go(Phase.UPD);
                    });
                }, () -> set("cnt", Hw.inc(q("cnt"))));
            });
            m.when(in(Phase.UPD).and(seq.port("done_o")), () -> m.whenElse(q("layer").eq(0), () -> go(Phase.FINISH), () -> {
                set("layer", q("layer").sub(Expr.u(1, 1)).low(lay.layerBits()));
                startLayerUpdate();
            }));
            m.when(in(Phase.FINISH), () -> {
                set("sample", Hw.inc(q("sample")));
                done();
            });
        }

        /** STATUS: the status words, one per cycle the response stream has room. */
        void status() {
            List<Expr> words = new ArrayList<>();
            for (StatusWord w : StatusWord.values()) {
                words.add(switch (w) {
                    case MAGIC -> Expr.u(Header.MAGIC & 0xFFFF_FFFFL, WORD);
                    case DESIGN_ID -> Expr.u(DesignId.of(lay.spec()) & 0xFFFF_FFFFL, WORD);
                    case SAMPLE_COUNTER -> q("sample");
                    case COMMANDS_OK -> q("ok_cnt");
                    case COMMANDS_REJECTED -> q("err_cnt");
                });
            }
            m.when(in(Phase.ST_SEND), () -> {
                // cnt counts 0 .. STATUS_WORDS - 1 here: its low bits alone pick the word.
                Expr idx = q("cnt").bits(Layout.bits(Header.STATUS_WORDS - 1) - 1, 0);
                m.connect(rspData, Hw.select(idx, words));
                m.when(rspFree, () -> {
                    m.connect(rspPush, Expr.TRUE);
                    set("cnt", Hw.inc(q("cnt")));
                    m.when(q("cnt").eq(Header.STATUS_WORDS - 1), this::done);
                });
            });
        }

        Expr code(Status s) { return Expr.u(s.code(), Registers.statusBits()); }
    }
}
