package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Hierarchy;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Registers;
import org.heterosyn.numerics.DitherHash;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Numerics;

import java.util.ArrayList;
import java.util.List;

/**
 * The folded datapath shared by all weight layers (docs/architecture.md): the neuron value buffers,
 * {@code lanes} update units, the accumulators with their rescale (round half up, saturate), the
 * error unit and the dither key unit. The controller runs it one pass at a time.
 *
 * <p>Timing: in an issue cycle (issue_i) the controller presents a chunk's coordinates; the
 * engine addresses the value buffers with them and keeps them in its p_* registers (the controller
 * holds them until the next issue, so the buffers keep reading the same words). In the compute
 * cycle (cmp_i) the weight-memory and value-buffer data of that chunk are valid: the units compute,
 * the new weights go to wd_*_o, the accumulators update (a sum starts at Layout.accBias, so the
 * rescale rounds by a shift), and on the chunk that ends a row (forward) or a column (feedback) the
 * rescaled results are written to the next buffer.
 */
public final class LayerEngine {
    private LayerEngine() {}

    public static String name(Layout lay) {
        return "heterosyn_layer_engine_L" + lay.lanes() + "_W" + lay.weightBits() + "_V" + lay.valueBits();
    }

    public static ModuleDef build(Circuit c, Layout lay) {
        String name = name(lay);
        if (c.has(name)) return c.get(name);
        DesignSpec spec = lay.spec();
        Numerics n = spec.numerics();
        int lanes = lay.lanes();
        int vb = n.valueBits();
        int wb = n.weightBits();
        int layers = lay.weightLayers();
        boolean stochastic = lay.stochastic();
        boolean plastic = lay.anyPlastic();
        boolean fb = lay.anyFeedback();
        int accN = lay.accumulators();
        int errN = lay.hiddenErrorLanes();

        ModuleDef errDef = ErrorUnit.build(c, errN, vb, n.valueFrac());
        ModuleDef keyDef = stochastic ? DitherKey.build(c, spec.seed()) : null;
        List<ModuleDef> hDefs = new ArrayList<>();
        for (Layout.BufferLayout b : lay.buffers()) hDefs.add(ValueBuffer.build(c, b.banks(), b.depth(), vb));

        Module m = new Module(name);
        Type value = Type.sint(vb);
        Type weight = Type.sint(wb);
        Expr clk = m.input("clk_i", Type.clock());
        Expr rst = m.input("rst_i", Type.bool());
        Expr layer = m.input("layer_i", Type.uint(lay.layerBits()));
        Expr fwd = m.input("fwd_i", Type.bool());
        Expr issue = m.input("issue_i", Type.bool());
        Expr cmp = m.input("cmp_i", Type.bool());
        Expr row = m.input("row_i", Type.uint(lay.rowIndexBits()));
        Expr col = m.input("col_i", Type.uint(lay.colIndexBits()));
        Expr vaddr = m.input("vaddr_i", Type.uint(lay.colAddrBits()));
        Expr gaddr = m.input("gaddr_i", Type.uint(lay.groupAddrBits()));
        Expr gbank = m.input("gbank_i", Type.uint(lay.groupBankBits()));
        Expr first = m.input("first_i", Type.bool());
        Expr last = m.input("last_i", Type.bool());
        Expr useLat = m.input("uselat_i", Type.bool());
        Expr useBLat = m.input("useblat_i", Type.bool());
        Expr stage = m.input("stage_i", Type.bool());
        Expr dithW = m.input("dith_w_i", Type.bool());
        Expr inWe = m.input("in_we_i", Type.bool());
        Expr inBank = m.input("in_bank_i", Type.uint(lay.inBankBits()));
        Expr inAddr = m.input("in_addr_i", Type.uint(lay.inAddrBits()));
        Expr inData = m.input("in_data_i", value);
        Expr yAddr = m.input("y_addr_i", Type.uint(lay.outAddrBits()));
        Expr yBank = m.input("y_bank_i", Type.uint(lay.outBankBits()));
        Expr errWe = m.input("err_we_i", Type.bool());
        Expr hit = m.input("hit_i", Type.bool());
        Expr keyStart = m.input("key_start_i", Type.bool());
        Expr keySite = m.input("key_site_i", Type.uint(DitherHash.SITE_BITS));
        Expr keyLatchW = m.input("key_w_i", Type.bool());
        Expr keyLatchB = m.input("key_b_i", Type.bool());
        Expr sample = m.input("sample_i", Type.uint(Layout.WORD_BITS));
        Expr[] rdW = new Expr[lanes];
        Expr[] rdB = new Expr[lanes];
        for (int l = 0; l < lanes; l++) rdW[l] = m.input("rd_w_" + l + "_i", weight);
        if (fb) {
            for (int l = 0; l < lanes; l++) rdB[l] = m.input("rd_b_" + l + "_i", weight);
        }
        Expr.Ref[] wdW = new Expr.Ref[lanes];
        Expr.Ref[] wdB = new Expr.Ref[lanes];
        for (int l = 0; l < lanes; l++) wdW[l] = m.output("wd_w_" + l + "_o", weight);
        boolean[] laneB = new boolean[lanes];
        for (int l = 0; l < lanes; l++) {
            final int lane = l;
            laneB[l] = lay.spram() || lay.layers().stream().anyMatch(k -> k.feedback() && k.used() > lane);
            if (plastic && laneB[l]) wdB[l] = m.output("wd_b_" + l + "_o", weight);
        }
        Expr.Ref yOut = m.output("y_o", value);

        // ---- chunk coordinates, kept from the issue cycle to the compute cycle ----
        // Synapse coordinates only feed the dither hash.
        List<Registers.Decl> regs = Registers.layerEngine(lay);
        Expr.Ref pRow = pipe(m, Registers.find(regs, "p_row"), clk, issue, row);
        Expr.Ref pCol = pipe(m, Registers.find(regs, "p_col"), clk, issue, col);
        // Only the hidden error buffers are written at the issued column address.
        Registers.Decl vaddrReg = Registers.find(regs, "p_vaddr");
        Expr.Ref pVaddr = pipe(m, vaddrReg, clk, issue, vaddr.resize(vaddrReg.width()));
        Expr.Ref pGaddr = pipe(m, Registers.find(regs, "p_gaddr"), clk, issue, gaddr);
        Expr.Ref pGbank = pipe(m, Registers.find(regs, "p_gbank"), clk, issue, gbank);
        Expr.Ref pFirst = pipe(m, Registers.find(regs, "p_first"), clk, issue, first);
        Expr.Ref pLast = pipe(m, Registers.find(regs, "p_last"), clk, issue, last);
        // The sums and writes of a compute cycle select on the issued chunk's pass, a register, not
        // on fwd_i, which the controller decodes from its phase in the same cycle.
        Expr.Ref pFwd = pipe(m, Registers.find(regs, "p_fwd"), clk, issue, fwd);
        // The controller holds vaddr_i and gaddr_i for a whole SPRAM slot, so the value buffers read
        // at them directly (a read address equal to the p_* register would let Yosys merge the two
        // and then miss the block-RAM address register).
        Expr fwdWrite = m.node("fwd_write", cmp.and(pFwd).and(pLast));
        Expr bwdWrite = layers > 1 ? m.node("bwd_write", cmp.and(pFwd.not()).and(pLast)) : null;

        // ---- value buffers: u_h_m (activations, h_L = y) and u_e_m (errors) ----
        List<Module.Instance> hBuf = new ArrayList<>();
        List<Module.Instance> eBuf = new ArrayList<>();
        for (int mm = 0; mm <= layers; mm++) {
            hBuf.add(m.instance("u_h_" + mm, hDefs.get(mm)));
            eBuf.add(mm == 0 ? null : m.instance("u_e_" + mm, hDefs.get(mm)));
        }
        List<Expr> sumFwd = new ArrayList<>();
        List<Expr> sumBwd = new ArrayList<>();
        List<List<Expr>> hOps = new ArrayList<>();
        List<List<Expr>> eOps = new ArrayList<>();
        List<List<Expr>> rowIdx = new ArrayList<>();
        List<List<Expr>> colIdx = new ArrayList<>();
        // The chunk's coordinates in its issue cycle, straight from the sequencer (staged W dither).
        List<List<Expr>> rowIssue = new ArrayList<>();
        List<List<Expr>> colIssue = new ArrayList<>();
        for (Layout.LayerLayout k : lay.layers()) {
            Module.Instance hIn = hBuf.get(k.k());
            Module.Instance eOut = eBuf.get(k.k() + 1);
            int groupBanks = lay.buffer(k.k() + 1).banks();
            List<Expr> h = new ArrayList<>();
            List<Expr> e = new ArrayList<>();
            List<Expr> ro = new ArrayList<>();
            List<Expr> co = new ArrayList<>();
            List<Expr> ri = new ArrayList<>();
            List<Expr> ci = new ArrayList<>();
            for (int l = 0; l < lanes; l++) {
                boolean used = l < k.used();
                h.add(used ? hIn.port("rd_" + k.laneCol(l) + "_o") : Expr.s(0, vb));
                e.add(used ? groupValue(eOut, pGbank, groupBanks, k.rpc(), k.laneRow(l)) : Expr.s(0, vb));
                if (stochastic) {
                    ro.add(offset(pRow, used ? k.laneRow(l) : 0, k.rpc()));
                    co.add(offset(pCol, used ? k.laneCol(l) : 0, k.inW()));
                    ri.add(offset(row, used ? k.laneRow(l) : 0, k.rpc()));
                    ci.add(offset(col, used ? k.laneCol(l) : 0, k.inW()));
                }
            }
            hOps.add(h);
            eOps.add(e);
            rowIdx.add(ro);
            colIdx.add(co);
            rowIssue.add(ri);
            colIssue.add(ci);
        }

        // ---- keys ----
        Expr.Ref keyW = null;
        Expr.Ref keyB = null;
        if (stochastic) {
            Module.Instance key = m.instance(Hierarchy.KEY, keyDef);
            m.connectIn(key, "clk_i", clk);
            m.connectIn(key, "rst_i", rst);
            m.connectIn(key, "start_i", keyStart);
            m.connectIn(key, "sample_i", sample);
            m.connectIn(key, "site_i", keySite);
            keyW = pipe(m, Registers.find(regs, "key_w"), clk, keyLatchW, key.port("key_o"));
            keyB = pipe(m, Registers.find(regs, "key_b"), clk, keyLatchB, key.port("key_o"));
        }

        // ---- update units ----
        boolean shared = lay.sharedUpdate();
        // A shared unit registers the dither of the next stage 1: W's in slot 0 (dith_w_i; the issue
        // slot of an update pass), with the sequencer's coordinates; B's otherwise, with the issued
        // chunk's swapped (B[j][i] is the synapse (row j, col i) of B). Without any B (a single weight
        // layer) the W key stands in.
        Expr keySel = shared && keyW != null ? m.node("key_sel", Expr.mux(dithW, keyW, keyB != null ? keyB : keyW)) : null;
        Expr[] mac = new Expr[lanes];
        for (int l = 0; l < lanes; l++) {
            // A lane past every layer's used lanes holds no synapse: it gets no unit, and an update
            // pass writes the words it read back unchanged.
            Module.Instance u = l < lay.activeLanes() ? m.instance("u_unit_" + l, UpdateUnit.build(c, spec, laneB[l])) : null;
            Expr w = rdW[l];
            Expr b = rdB[l];
            if (lay.spram() && (fb || shared)) {
                // SPRAM reads W and B one after the other; W waits in wlat for the compute slot.
                // (Without any B every slot computes from the word just read.)
                // Staged: W is latched on its stage-1 cycle, to wait for its write slot.
                Expr.Ref lat = m.reg("wlat_" + l + "_q", weight, clk);
                if (shared) {
                    Expr read = rdW[l];
                    m.when(stage, () -> m.connect(lat, read));
                } else {
                    m.connect(lat, rdW[l]);
                }
                w = Expr.mux(useLat, lat, rdW[l]);
            }
            if (shared) {
                // B, read for the compute slot, is updated one slot later through the same datapath.
                Expr.Ref lat = m.reg("blat_" + l + "_q", weight, clk);
                Expr readB = rdB[l] != null ? rdB[l] : Hw.zero(weight);
                m.connect(lat, readB);
                b = Expr.mux(useBLat, lat, readB);
                if (u != null) m.connectIn(u, "bsel_i", useBLat);
            }
            if (u == null) {
                m.connect(wdW[l], w);
                if (wdB[l] != null) m.connect(wdB[l], b != null ? b : Hw.zero(weight));
                continue;
            }
            m.connectIn(u, "w_i", w);
            if (b != null) m.connectIn(u, "b_i", b);
            // A lane that no feedback matrix reaches (e.g. a single weight layer, which has no B) reads zero.
            else if (u.has("b_i")) m.connectIn(u, "b_i", Hw.zero(weight));
            m.connectIn(u, "h_i", byLayer(layer, hOps, l));
            m.connectIn(u, "e_i", byLayer(layer, eOps, l));
            m.connectIn(u, "fwd_i", fwd);
            if (shared && keyW != null) {
                m.connectIn(u, "key_i", keySel);
            } else {
                if (keyW != null) m.connectIn(u, "key_w_i", keyW);
                if (keyB != null) m.connectIn(u, "key_b_i", keyB);
            }
            if (shared) {
                m.connectIn(u, "clk_i", clk);
                m.connectIn(u, "stage_i", stage);
            }
            if (stochastic && shared) {
                m.connectIn(u, "row_i", Expr.mux(dithW, byLayer(layer, rowIssue, l), byLayer(layer, colIdx, l)));
                m.connectIn(u, "col_i", Expr.mux(dithW, byLayer(layer, colIssue, l), byLayer(layer, rowIdx, l)));
            } else if (stochastic) {
                m.connectIn(u, "row_i", byLayer(layer, rowIdx, l));
                m.connectIn(u, "col_i", byLayer(layer, colIdx, l));
            }
            mac[l] = u.port("mac_o");
            m.connect(wdW[l], u.port("w_o"));
            if (wdB[l] != null) m.connect(wdB[l], u.port(shared ? "w_o" : "b_o"));
        }

        // ---- accumulators: row sums (forward) or column sums (feedback) of the lane products ----
        int accBits = lay.accBits();
        Expr[] r = new Expr[accN];
        for (int x = 0; x < accN; x++) {
            List<Expr> fs = new ArrayList<>();
            List<Expr> bs = new ArrayList<>();
            for (Layout.LayerLayout k : lay.layers()) {
                Expr f = Expr.s(0, 1);
                if (x < k.rpc()) {
                    List<Expr> terms = new ArrayList<>();
                    for (int j = 0; j < k.inW(); j++) terms.add(mac[x * k.inW() + j]);
                    f = Hw.sumTree(terms);
                }
                Expr b = Expr.s(0, 1);
                if (k.k() >= 1 && x < k.inW()) {
                    List<Expr> terms = new ArrayList<>();
                    for (int q = 0; q < k.rpc(); q++) terms.add(mac[q * k.inW() + x]);
                    b = Hw.sumTree(terms);
                }
                fs.add(f.resize(accBits));
                bs.add(b.resize(accBits));
            }
            Expr sum = m.node("sum_" + x, Expr.mux(pFwd, Hw.select(layer, fs), Hw.select(layer, bs)));
            Expr.Ref acc = m.reg("acc_" + x + "_q", Type.sint(accBits), clk);
            Expr bias = Expr.s(lay.accBias(), Layout.bits(lay.accBias()) + 1);
            Expr next = m.node("acc_" + x + "_d", Expr.mux(pFirst, bias, acc).add(sum).low(accBits));
            m.when(cmp, () -> m.connect(acc, next));
            // The sum started at accBias, so the rescale's round half up is this shift.
            r[x] = m.node("r_" + x, Hw.saturate(next.shr(n.weightFrac()), vb));
        }

        // ---- forward results into h_{k+1}: relu on hidden layers, linear output ----
        Expr hidden = layer.neq(layers - 1);
        for (int mm = 1; mm <= layers; mm++) {
            Layout.LayerLayout k = lay.layer(mm - 1);
            Module.Instance buf = hBuf.get(mm);
            Layout.BufferLayout bl = lay.buffer(mm);
            connectAddr(m, buf, "raddr_i", mm < layers ? vaddr : yAddr);
            connectAddr(m, buf, "waddr_i", pGaddr);
            Expr mine = fwdWrite.and(layer.eq(k.k()));
            // A ragged last row group (rpc not dividing the rows) has idle rows. Their sums are of
            // weights nobody loads (arbitrary on an SPRAM), so their padded slots are not written and
            // keep their power-up 0 (docs/architecture.md, "Ragged chunks").
            int tailStart = (k.rowGroups() - 1) * k.rpc();
            int tailRows = k.rows() - tailStart;
            Expr tailGroup = null;
            if (tailRows < k.rpc()) {
                if (pGaddr == null) throw new IllegalStateException("a ragged row group needs an addressed buffer");
                tailGroup = m.node("tail_" + k.k(), pGaddr.eq(tailStart / bl.banks()));
            }
            for (int b = 0; b < bl.banks(); b++) {
                int groupStart = b / k.rpc() * k.rpc();
                Expr we = mine.and(pGbank.eq(groupStart));
                if (tailGroup != null && groupStart == tailStart % bl.banks() && b - groupStart >= tailRows) {
                    we = we.and(tailGroup.not());
                }
                m.connectIn(buf, "we_" + b + "_i", we);
                Expr v = r[b % k.rpc()];
                m.connectIn(buf, "wd_" + b + "_i", mm < layers ? Expr.mux(hidden, Hw.relu(v), v) : v);
            }
            m.connectIn(buf, "clk_i", clk);
        }
        Module.Instance in = hBuf.get(0);
        connectAddr(m, in, "raddr_i", vaddr);
        connectAddr(m, in, "waddr_i", inAddr);
        for (int b = 0; b < lay.buffer(0).banks(); b++) {
            m.connectIn(in, "we_" + b + "_i", inWe.and(inBank.eq(b)));
            m.connectIn(in, "wd_" + b + "_i", inData);
        }
        m.connectIn(in, "clk_i", clk);

        List<Expr> ys = new ArrayList<>();
        for (int b = 0; b < lay.buffer(layers).banks(); b++) ys.add(hBuf.get(layers).port("rd_" + b + "_o"));
        m.connect(yOut, Hw.select(yBank, ys));

        // ---- errors: e_L from y and the label, hidden e_k masked by h_k > 0 ----
        Module.Instance err = m.instance("u_err", errDef);
        m.connectIn(err, "y_i", yOut);
        m.connectIn(err, "hit_i", hit);
        for (int x = 0; x < errN; x++) {
            m.connectIn(err, "r_" + x + "_i", r[x]);
            List<List<Expr>> mask = new ArrayList<>();
            for (Layout.LayerLayout k : lay.layers()) {
                mask.add(List.of(x < k.inW() ? hBuf.get(k.k()).port("rd_" + x + "_o") : Expr.s(0, vb)));
            }
            m.connectIn(err, "h_" + x + "_i", byLayer(layer, mask, 0));
        }
        for (int mm = 1; mm <= layers; mm++) {
            Module.Instance buf = eBuf.get(mm);
            Layout.BufferLayout bl = lay.buffer(mm);
            connectAddr(m, buf, "raddr_i", gaddr);
            m.connectIn(buf, "clk_i", clk);
            if (mm == layers) {
                connectAddr(m, buf, "waddr_i", yAddr);
                for (int b = 0; b < bl.banks(); b++) {
                    m.connectIn(buf, "we_" + b + "_i", errWe.and(yBank.eq(b)));
                    m.connectIn(buf, "wd_" + b + "_i", err.port("e_out_o"));
                }
            } else {
                connectAddr(m, buf, "waddr_i", pVaddr);
                Expr mine = bwdWrite.and(layer.eq(mm));
                for (int b = 0; b < bl.banks(); b++) {
                    m.connectIn(buf, "we_" + b + "_i", mine);
                    m.connectIn(buf, "wd_" + b + "_i", err.port("e_hid_" + b + "_o"));
                }
            }
        }
        c.add(m);
        return m;
    }

    /** A register that takes {@code in} on {@code en} and holds otherwise. */
    /** A register that takes {@code in} when {@code en}, as its table declares it; null where this design has none. */
    private static Expr.Ref pipe(Module m, Registers.Decl r, Expr clk, Expr en, Expr in) {
        if (!r.present()) return null;
        Expr.Ref q = m.reg(r.q(), Type.uint(r.width()), clk);
        m.when(en, () -> m.connect(q, in));
        return q;
    }

    /**
     * base + off for a chunk coordinate: base is a multiple of align, so for a power-of-two align
     * the offset just fills the low bits (no adder).
     */
    private static Expr offset(Expr base, int off, int align) {
        if (off == 0) return base;
        if (Integer.bitCount(align) == 1) {
            int lo = Integer.numberOfTrailingZeros(align);
            // A base narrower than the alignment is always 0.
            if (lo >= base.width()) return Expr.u(off, lo);
            return base.bits(base.width() - 1, lo).cat(Expr.u(off, lo));
        }
        return base.add(Expr.u(off, Layout.bits(off))).low(base.width());
    }

    /** Lane l's operand for the current layer. */
    private static Expr byLayer(Expr layer, List<List<Expr>> perLayer, int l) {
        List<Expr> opts = new ArrayList<>();
        for (List<Expr> k : perLayer) opts.add(k.get(l));
        return Hw.select(layer, opts);
    }

    /**
     * Value q of the group that starts at bank gbank of a buffer with {@code banks} banks, groups of
     * {@code rpc} values: bank gbank + q, as a mux over the possible group starts.
     */
    private static Expr groupValue(Module.Instance buf, Expr gbank, int banks, int rpc, int q) {
        if (banks == rpc) return buf.port("rd_" + q + "_o");
        Expr out = null;
        for (int g = 0; g + rpc <= banks; g += rpc) {
            Expr term = Expr.mux(gbank.eq(g), buf.port("rd_" + (g + q) + "_o"), Expr.s(0, 1)).asUInt();
            out = out == null ? term : out.or(term);
        }
        return out.asSInt();
    }

    /** Drives a buffer address port with the low bits it needs (absent for depth-1 buffers). */
    private static void connectAddr(Module m, Module.Instance buf, String port, Expr addr) {
        if (!buf.has(port)) return;
        if (addr == null) throw new IllegalStateException(port + " of " + buf.name() + " has no address source");
        int w = buf.port(port).width();
        m.connect(buf.port(port), addr.width() > w ? addr.bits(w - 1, 0) : addr);
    }
}
