package org.heterosyn.rtl.blocks;

import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.FirrtlException;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.Type;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Registers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.ToLongFunction;

/** Expression idioms shared by the block generators (the numerics of docs/numerics.md in hardware). */
final class Hw {
    private Hw() {}

    /**
     * x clamped to the signed {@code bits}-bit range, as SInt<bits>. x fits when its bits from
     * {@code bits - 1} up are all equal (all sign); otherwise its sign picks the bound. Written as that
     * reduction rather than two comparisons with the bounds: the same function, but Yosys builds a
     * compare as a carry chain (about 45 carries and 49 LUTs for a 31-bit value) and the reduction as
     * about 25 LUTs, off the carry chains of the datapath (docs/fpga.md, "Where the cells go").
     */
    static Expr saturate(Expr x, int bits) {
        if (!x.signed()) throw new FirrtlException("saturate expects a signed value");
        if (x.width() <= bits) return x.pad(bits);
        long max = (1L << (bits - 1)) - 1;
        long min = -(1L << (bits - 1));
        Expr top = x.bits(x.width() - 1, bits - 1);
        Expr fits = top.andr().or(top.orr().not());
        Expr bound = Expr.mux(x.bit(x.width() - 1), Expr.s(min, bits), Expr.s(max, bits));
        return Expr.mux(fits, x.low(bits), bound);
    }

    /** max(0, x). */
    static Expr relu(Expr x) {
        // The sign bit, not a compare with 0, which Yosys would build as a carry chain.
        return Expr.mux(x.bit(x.width() - 1), Expr.s(0, x.width()), x);
    }

    /**
     * options.get(sel), or 0 for a select past the end, as an AND-OR of one-hot terms. A mux chain
     * over sel == i would do, but firtool 1.62 folds such chains into array indexing, which it then
     * cannot lower under disallowPackedArrays (needed for Yosys).
     */
    static Expr select(Expr sel, List<? extends Expr> options) {
        if (options.isEmpty()) throw new FirrtlException("select of nothing");
        if (options.size() == 1) return options.get(0);
        boolean signed = options.get(0).signed();
        int w = options.stream().mapToInt(Expr::width).max().orElseThrow();
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            terms.add(Expr.mux(sel.eq(i), options.get(i).pad(w), zero(options.get(i).type().withWidth(w))).asUInt());
        }
        Expr out = tree(terms, Expr::or);
        return signed ? out.asSInt() : out;
    }

    /** A register pair: x_q holds the state, x_d its next value (defaults to x_q). */
    record DQ(Expr.Ref d, Expr.Ref q) {}

    static DQ dq(Module m, String base, Type t, Expr clk, Expr rst, Expr init) {
        Expr.Ref q = m.regReset(base + "_q", t, clk, rst, init);
        Expr.Ref d = m.wire(base + "_d", t);
        m.connect(d, q);
        m.connect(q, d);
        return new DQ(d, q);
    }

    /** A register pair without reset, for datapath state written before it is read. */
    static DQ dq(Module m, String base, Type t, Expr clk) {
        Expr.Ref q = m.reg(base + "_q", t, clk);
        Expr.Ref d = m.wire(base + "_d", t);
        m.connect(d, q);
        m.connect(q, d);
        return new DQ(d, q);
    }

    /** A block's registers from its {@link Registers} table: a pair per present entry. */
    static final class Regs {
        private final Map<String, DQ> byName = new HashMap<>();

        Regs(Module m, List<Registers.Decl> table, Expr clk, Expr rst) {
            for (Registers.Decl r : table) {
                if (!r.present()) continue;
                Type t = Type.uint(r.width());
                byName.put(r.name(), r.reset() == null ? dq(m, r.name(), t, clk)
                        : dq(m, r.name(), t, clk, rst, Expr.u(r.reset(), r.width())));
            }
        }

        /** A register the table declares present in this design. */
        DQ get(String name) {
            DQ r = byName.get(name);
            if (r == null) throw new FirrtlException("no register " + name + " in this design");
            return r;
        }

        /** A register, or null where this design has none. */
        DQ opt(String name) { return byName.get(name); }
    }

    /** Layer k's constant f(k) for the layer selected by {@code layer} (0 past the last layer). */
    static Expr perLayer(Layout lay, Expr layer, ToLongFunction<Layout.LayerLayout> f, int w) {
        List<Expr> opts = new ArrayList<>();
        for (Layout.LayerLayout k : lay.layers()) opts.add(Expr.u(f.applyAsLong(k), w));
        return select(layer, opts);
    }

    /**
     * Per-matrix constant: fb for B when {@code mat} selects B and the layer stores one; W's
     * constant otherwise (and everywhere when the design stores no B at all).
     */
    static Expr perMatrix(Layout lay, Expr layer, Expr mat, ToLongFunction<Layout.LayerLayout> fw,
                          ToLongFunction<Layout.LayerLayout> fb, int w) {
        Expr wv = perLayer(lay, layer, fw, w);
        if (!lay.anyFeedback()) return wv;
        return Expr.mux(mat, perLayer(lay, layer, k -> k.feedback() ? fb.applyAsLong(k) : fw.applyAsLong(k), w), wv);
    }

    static Expr zero(Type t) {
        return t.signed() ? Expr.s(0, t.width()) : Expr.u(0, t.width());
    }

    /** The sum of the terms as a balanced adder tree (exact: every add widens by one bit). */
    static Expr sumTree(List<Expr> terms) {
        if (terms.isEmpty()) throw new FirrtlException("sum of nothing");
        return tree(terms, Expr::add);
    }

    /**
     * The terms combined pairwise, level by level: depth log2(n), not n. A chain as deep as the
     * lanes overflowed the Java stack when emitted (recursively) past about a thousand lanes.
     */
    private static Expr tree(List<Expr> terms, BinaryOperator<Expr> op) {
        List<Expr> level = terms;
        while (level.size() > 1) {
            List<Expr> next = new ArrayList<>();
            for (int i = 0; i + 1 < level.size(); i += 2) next.add(op.apply(level.get(i), level.get(i + 1)));
            if (level.size() % 2 == 1) next.add(level.get(level.size() - 1));
            level = next;
        }
        return level.get(0);
    }

    /** x + 1 truncated back to x's width (a wrapping counter step). */
    static Expr inc(Expr x) {
        return x.add(Expr.u(1, 1)).low(x.width());
    }
}
