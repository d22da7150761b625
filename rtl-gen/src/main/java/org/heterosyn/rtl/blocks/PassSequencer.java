package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Registers;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

/**
 * The chunk order of a forward or update pass over layer_i's weights (docs/architecture.md,
 * "Schedules"), and the engine and memory strobes of each cycle. fwd_i: row-major, one chunk per
 * cycle, then a drain cycle. upd_i: column-major (chunk column c outer, row group t inner); with
 * two-port memories a chunk per cycle, computed and written back one cycle later, then a drain;
 * with single-port SPRAM a slot of cycles per chunk (0 read W; 1 read B or compute; 2 compute;
 * 3 write B'). A staged update (Layout.sharedUpdate) computes stage 1 in the cycle after each read
 * (stage_o; dith_w_o: slot 0, where the dither to register is W's) and writes in the next write slot: a two-slot layer writes chunk n in the second slot of
 * chunk n+1 (at paddr), then drains one pair. done_o marks the pass's last cycle. init_i (the
 * controller's pass start) rewinds to the first chunk and wins over the pass's own steps.
 */
public final class PassSequencer {
    public static final String NAME = "heterosyn_pass_sequencer";

    private PassSequencer() {}

    public static ModuleDef build(Circuit c, Layout lay) {
        if (c.has(NAME)) return c.get(NAME);
        return new Builder(lay).build(c);
    }

    private static final class Builder {
        final Layout lay;
        final Module m = new Module(NAME);
        final boolean sr;
        Hw.DQ addr;
        Hw.DQ paddr;
        Hw.DQ cc;
        Hw.DQ t;
        Hw.DQ rowb;
        Hw.DQ colb;
        Hw.DQ gbank;
        Hw.DQ gaddr;
        Hw.DQ slot;
        Hw.DQ drain;
        Hw.DQ pv;
        Expr layer;

        Builder(Layout lay) {
            this.lay = lay;
            this.sr = lay.stochastic();
        }

        Expr perLayer(java.util.function.ToLongFunction<Layout.LayerLayout> f, int w) {
            return Hw.perLayer(lay, layer, f, w);
        }

        ModuleDef build(Circuit c) {
            int chunkBits = lay.chunkBits();
            Expr clk = m.input("clk_i", Type.clock());
            Expr rst = m.input("rst_i", Type.bool());
            layer = m.input("layer_i", Type.uint(lay.layerBits()));
            Expr init = m.input("init_i", Type.bool());
            Expr fwd = m.input("fwd_i", Type.bool());
            Expr upd = m.input("upd_i", Type.bool());
            Expr.Ref issueO = m.output("issue_o", Type.bool());
            Expr.Ref firstO = m.output("first_o", Type.bool());
            Expr.Ref lastO = m.output("last_o", Type.bool());
            Expr.Ref cmpO = m.output("cmp_o", Type.bool());
            Expr.Ref useLatO = m.output("uselat_o", Type.bool());
            Expr.Ref useBLatO = m.output("useblat_o", Type.bool());
            Expr.Ref stageO = m.output("stage_o", Type.bool());
            Expr.Ref dithWO = m.output("dith_w_o", Type.bool());
            Expr.Ref readBO = m.output("read_b_o", Type.bool());
            Expr.Ref weWO = m.output("we_w_o", Type.bool());
            Expr.Ref weBO = m.output("we_b_o", Type.bool());
            Expr.Ref addrO = m.output("addr_o", Type.uint(chunkBits));
            Expr.Ref waddrO = m.output("waddr_o", Type.uint(chunkBits));
            Expr.Ref rowO = m.output("row_o", Type.uint(lay.rowIndexBits()));
            Expr.Ref colO = m.output("col_o", Type.uint(lay.colIndexBits()));
            Expr.Ref vaddrO = m.output("vaddr_o", Type.uint(lay.colAddrBits()));
            Expr.Ref gaddrO = m.output("gaddr_o", Type.uint(lay.groupAddrBits()));
            Expr.Ref gbankO = m.output("gbank_o", Type.uint(lay.groupBankBits()));
            Expr.Ref doneO = m.output("done_o", Type.bool());

            Hw.Regs r = new Hw.Regs(m, Registers.passSequencer(lay), clk, rst);
            addr = r.get("addr");
            paddr = r.opt("paddr");
            cc = r.get("c");
            t = r.get("t");
            rowb = r.opt("rowb");
            colb = r.opt("colb");
            gbank = r.get("gbank");
            gaddr = r.get("gaddr");
            slot = r.opt("slot");
            drain = r.get("drain");
            pv = r.get("pv");

            for (Expr.Ref o : new Expr.Ref[] {issueO, firstO, lastO, cmpO, useLatO, useBLatO, stageO, readBO, weWO, weBO}) {
                m.connect(o, Expr.FALSE);
            }
            m.connect(addrO, addr.q());
            m.connect(waddrO, addr.q());
            m.connect(rowO, sr ? rowb.q() : Expr.u(0, lay.rowIndexBits()));
            m.connect(colO, sr ? colb.q() : Expr.u(0, lay.colIndexBits()));
            m.connect(vaddrO, cc.q());
            m.connect(gaddrO, gaddr.q());
            m.connect(gbankO, gbank.q());
            m.connect(doneO, Expr.FALSE);
            // The staged dither takes W's coordinates in slot 0 (the issue slot of an update pass): a
            // register compare, not the phase decode behind issue_o.
            m.connect(dithWO, slot != null && lay.sharedUpdate() ? slot.q().eq(0) : Expr.FALSE);

            Strobes s = new Strobes(issueO, firstO, lastO, cmpO, useLatO, useBLatO, stageO, readBO, weWO, weBO, waddrO, doneO);
            m.when(fwd, () -> forward(s));
            m.when(upd, () -> {
                if (lay.spram() && lay.sharedUpdate()) {
                    updateStaged(s);
                } else if (lay.spram()) {
                    updateSpram(s);
                } else {
                    updateGeneric(s);
                }
            });
            m.when(init, () -> {
                for (Hw.DQ x : new Hw.DQ[] {addr, cc, t, rowb, colb, gbank, gaddr, slot, drain, pv}) {
                    if (x != null) m.connect(x.d(), Hw.zero(x.q().type()));
                }
            });
            c.add(m);
            return m;
        }

        record Strobes(Expr.Ref issue, Expr.Ref first, Expr.Ref last, Expr.Ref cmp, Expr.Ref useLat,
                       Expr.Ref useBLat, Expr.Ref stage, Expr.Ref readB, Expr.Ref weW, Expr.Ref weB, Expr.Ref waddr,
                       Expr.Ref done) {}

        /** The next row group's place in layer k+1's value buffers: rpc banks on, or the next address. */
        void nextGroup() {
            Expr groupBanks = perLayer(k -> lay.buffer(k.k() + 1).banks(), lay.groupBankBits() + 1);
            Expr next = gbank.q().add(perLayer(k -> k.rpc(), neuronBits())).low(lay.groupBankBits() + 1);
            m.whenElse(next.eq(groupBanks), () -> {
                m.connect(gbank.d(), Hw.zero(gbank.q().type()));
                m.connect(gaddr.d(), Hw.inc(gaddr.q()));
            }, () -> m.connect(gbank.d(), next.low(lay.groupBankBits())));
        }

        /** FWD: row-major over the layer's chunks, one per cycle, then one drain cycle. */
        void forward(Strobes s) {
            m.connect(s.cmp(), pv.q());
            m.connect(s.done(), drain.q());
            m.whenElse(drain.q().not(), () -> {
                Expr endRow = cc.q().eq(perLayer(k -> k.cpr() - 1L, lay.colAddrBits()));
                m.connect(s.issue(), Expr.TRUE);
                m.connect(s.first(), cc.q().eq(0));
                m.connect(s.last(), endRow);
                m.connect(pv.d(), Expr.TRUE);
                m.connect(addr.d(), Hw.inc(addr.q()));
                m.whenElse(endRow, () -> {
                    m.connect(cc.d(), Hw.zero(cc.q().type()));
                    nextGroup();
                }, () -> m.connect(cc.d(), Hw.inc(cc.q())));
                m.when(addr.q().eq(perLayer(k -> k.chunks() - 1L, lay.chunkBits())), () -> m.connect(drain.d(), Expr.TRUE));
            }, () -> m.connect(pv.d(), Expr.FALSE));
        }

        /** Wide enough for rpc and inW, which count neurons of one layer. */
        int neuronBits() { return Layout.bits(lay.maxNeurons()); }

        Expr lastGroup() { return perLayer(k -> k.rowGroups() - 1L, lay.rowGroupBits()); }

        void issueStep(Strobes s) {
            m.connect(s.issue(), Expr.TRUE);
            m.connect(s.first(), t.q().eq(0));
            m.connect(s.last(), t.q().eq(lastGroup()));
        }

        /** Column-major to the next chunk: the next row group, or row group 0 of the next column. */
        void advance() {
            int chunkBits = lay.chunkBits();
            m.whenElse(t.q().eq(lastGroup()), () -> {
                m.connect(t.d(), Hw.zero(t.q().type()));
                if (sr) m.connect(rowb.d(), Hw.zero(rowb.q().type()));
                m.connect(gbank.d(), Hw.zero(gbank.q().type()));
                m.connect(gaddr.d(), Hw.zero(gaddr.q().type()));
                m.connect(cc.d(), Hw.inc(cc.q()));
                // Past the last column the base wraps; nothing reads it before the next pass rewinds it.
                if (sr) {
                    Expr inW = perLayer(k -> k.inW(), neuronBits());
                    m.connect(colb.d(), colb.q().add(inW).low(lay.colIndexBits()));
                }
                m.connect(addr.d(), cc.q().pad(chunkBits).add(Expr.u(1, 1)).low(chunkBits));
            }, () -> {
                m.connect(t.d(), Hw.inc(t.q()));
                if (sr) m.connect(rowb.d(), rowb.q().add(perLayer(k -> k.rpc(), neuronBits())).low(lay.rowIndexBits()));
                m.connect(addr.d(), addr.q().add(perLayer(k -> k.cpr(), Layout.bits(lay.maxChunks()))).low(chunkBits));
                nextGroup();
            });
        }

        /** The chunk just issued is the pass's last. */
        Expr lastChunk() {
            return t.q().eq(lastGroup()).and(cc.q().eq(perLayer(k -> k.cpr() - 1L, lay.colAddrBits())));
        }

        /** Two-port memories: a chunk per cycle (compute and write back one cycle later), then a drain. */
        void updateGeneric(Strobes s) {
            Expr plastic = perLayer(k -> k.plastic() ? 1L : 0L, 1);
            m.connect(s.cmp(), pv.q());
            m.connect(s.weW(), pv.q());
            m.connect(s.weB(), pv.q().and(plastic));
            m.connect(s.waddr(), paddr.q());
            m.connect(s.done(), drain.q());
            m.whenElse(drain.q().not(), () -> {
                issueStep(s);
                m.connect(pv.d(), Expr.TRUE);
                m.connect(paddr.d(), addr.q());
                advance();
                m.when(lastChunk(), () -> m.connect(drain.d(), Expr.TRUE));
            }, () -> m.connect(pv.d(), Expr.FALSE));
        }

        /** SPRAM: a slot of cycles per chunk; the pass ends with the last chunk's last slot. */
        void updateSpram(Strobes s) {
            Expr q = slot.q();
            Expr lastSlot = perLayer(k -> lay.spramSlot(k.k()) - 1L, 2);
            Expr threeOrMore = lastSlot.geq(Expr.u(2, 2));
            m.when(q.eq(0), () -> issueStep(s));
            m.when(q.eq(1).and(threeOrMore), () -> m.connect(s.readB(), Expr.TRUE));
            m.when(Expr.mux(threeOrMore, q.eq(2), q.eq(1)), () -> {
                m.connect(s.cmp(), Expr.TRUE);
                m.connect(s.useLat(), threeOrMore);
                m.connect(s.weW(), Expr.TRUE);
            });
            m.when(q.eq(3), () -> {
                m.connect(s.weB(), Expr.TRUE);
                m.connect(s.useBLat(), Expr.TRUE);
            });
            m.whenElse(q.eq(lastSlot), () -> {
                m.connect(slot.d(), Expr.u(0, 2));
                m.connect(s.done(), lastChunk());
                advance();
            }, () -> m.connect(slot.d(), Hw.inc(q)));
        }

        /**
         * SPRAM with the staged update. Four slots (W and plastic B): as {@link #updateSpram}, with
         * stage 1 of W in slot 1 and of B in slot 2. Two slots (no B): slot 0 reads chunk n, slot 1
         * runs its stage 1 and writes chunk n-1 (pv: one is waiting) at paddr; a drain pair writes the last.
         */
        void updateStaged(Strobes s) {
            Expr q = slot.q();
            Expr four = perLayer(k -> lay.spramSlot(k.k()) == 4 ? 1L : 0L, 1);
            Expr live = drain.q().not();
            m.when(q.eq(0).and(live), () -> issueStep(s));
            m.whenElse(four, () -> {
                m.when(q.eq(1), () -> m.connect(s.readB(), Expr.TRUE));
                m.when(q.eq(1).or(q.eq(2)), () -> m.connect(s.stage(), Expr.TRUE));
                m.when(q.eq(2), () -> {
                    m.connect(s.cmp(), Expr.TRUE);
                    m.connect(s.useLat(), Expr.TRUE);
                    m.connect(s.weW(), Expr.TRUE);
                });
                m.when(q.eq(3), () -> {
                    m.connect(s.weB(), Expr.TRUE);
                    m.connect(s.useBLat(), Expr.TRUE);
                });
                m.whenElse(q.eq(3), () -> {
                    m.connect(slot.d(), Expr.u(0, 2));
                    m.connect(s.done(), lastChunk());
                    advance();
                }, () -> m.connect(slot.d(), Hw.inc(q)));
            }, () -> {
                m.connect(s.waddr(), paddr.q());
                m.whenElse(q.eq(1), () -> {
                    m.connect(s.cmp(), live);
                    m.connect(s.stage(), live);
                    m.connect(s.useLat(), Expr.TRUE);
                    m.connect(s.weW(), pv.q());
                    m.connect(s.done(), drain.q());
                    m.connect(slot.d(), Expr.u(0, 2));
                    m.connect(pv.d(), live);
                    m.connect(paddr.d(), addr.q());
                    m.when(live, () -> {
                        m.when(lastChunk(), () -> m.connect(drain.d(), Expr.TRUE));
                        advance();
                    });
                }, () -> m.connect(slot.d(), Hw.inc(q)));
            });
        }
    }
}
