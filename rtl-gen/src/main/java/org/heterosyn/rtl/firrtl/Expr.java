package org.heterosyn.rtl.firrtl;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A typed FIRRTL expression. Every operation computes its result type with the FIRRTL 3 width rules,
 * so generators can reason about exact widths in Java and the printed circuit never relies on
 * firtool's width inference.
 */
public abstract sealed class Expr permits Expr.Ref, Expr.Lit, Expr.Prim, Expr.Mux {
    private final Type type;

    Expr(Type type) { this.type = type; }

    public Type type() { return type; }

    public int width() { return type.width(); }

    public boolean signed() { return type.signed(); }

    /** FIRRTL text of this expression. */
    public abstract String emit();

    /** Calls {@code f} with the path of every reference inside this expression. */
    abstract void refs(java.util.function.Consumer<String> f);

    @Override public String toString() { return emit(); }

    // ---- references and literals ----

    /** A named value: port, wire, register, node, instance or memory port field. */
    public static final class Ref extends Expr {
        private final String path;
        private final boolean sink;

        Ref(String path, Type type, boolean sink) {
            super(type);
            this.path = path;
            this.sink = sink;
        }

        public String path() { return path; }

        /** True when this value may appear on the left of a connect. */
        public boolean isSink() { return sink; }

        @Override public String emit() { return path; }

        @Override void refs(java.util.function.Consumer<String> f) { f.accept(path); }
    }

    public static final class Lit extends Expr {
        private final BigInteger value;

        Lit(BigInteger value, Type type) {
            super(type);
            this.value = value;
        }

        public BigInteger value() { return value; }

        @Override public String emit() { return type().emit() + "(" + value + ")"; }

        @Override void refs(java.util.function.Consumer<String> f) {}
    }

    public static final class Prim extends Expr {
        private final String op;
        private final List<Expr> args;
        private final List<Integer> consts;

        Prim(String op, List<Expr> args, List<Integer> consts, Type type) {
            super(type);
            this.op = op;
            this.args = args;
            this.consts = consts;
        }

        @Override public String emit() {
            String a = args.stream().map(Expr::emit).collect(Collectors.joining(", "));
            String c = consts.stream().map(String::valueOf).collect(Collectors.joining(", "));
            return op + "(" + a + (consts.isEmpty() ? "" : ", " + c) + ")";
        }

        @Override void refs(java.util.function.Consumer<String> f) {
            for (Expr e : args) e.refs(f);
        }
    }

    public static final class Mux extends Expr {
        private final Expr cond;
        private final Expr a;
        private final Expr b;

        Mux(Expr cond, Expr a, Expr b, Type type) {
            super(type);
            this.cond = cond;
            this.a = a;
            this.b = b;
        }

        @Override public String emit() { return "mux(" + cond.emit() + ", " + a.emit() + ", " + b.emit() + ")"; }

        @Override void refs(java.util.function.Consumer<String> f) {
            cond.refs(f);
            a.refs(f);
            b.refs(f);
        }
    }

    // ---- literal factories ----

    public static Lit u(long value, int width) { return u(BigInteger.valueOf(value), width); }

    public static Lit u(BigInteger value, int width) {
        if (value.signum() < 0 || value.bitLength() > width) {
            throw new FirrtlException("UInt<" + width + "> literal " + value + " out of range");
        }
        return new Lit(value, Type.uint(width));
    }

    /** The narrowest UInt literal for a non-negative value. */
    public static Lit u(long value) { return u(value, Math.max(1, 64 - Long.numberOfLeadingZeros(value))); }

    public static Lit s(long value, int width) {
        BigInteger v = BigInteger.valueOf(value);
        if (v.bitLength() + 1 > width) throw new FirrtlException("SInt<" + width + "> literal " + value + " out of range");
        return new Lit(v, Type.sint(width));
    }

    public static final Lit TRUE = new Lit(BigInteger.ONE, Type.uint(1));
    public static final Lit FALSE = new Lit(BigInteger.ZERO, Type.uint(1));

    // ---- primitive operations (FIRRTL 3 result types) ----

    private void sameSign(Expr o, String op) {
        if (signed() != o.signed() || type instanceof Type.Clock || o.type instanceof Type.Clock) {
            throw new FirrtlException(op + ": operands " + type.emit() + " and " + o.type.emit() + " differ in kind");
        }
    }

    private Prim prim(String op, Type t, Expr... args) { return new Prim(op, List.of(args), List.of(), t); }

    public Expr add(Expr o) {
        sameSign(o, "add");
        return prim("add", type.withWidth(Math.max(width(), o.width()) + 1), this, o);
    }

    public Expr sub(Expr o) {
        sameSign(o, "sub");
        return prim("sub", type.withWidth(Math.max(width(), o.width()) + 1), this, o);
    }

    public Expr mul(Expr o) {
        sameSign(o, "mul");
        return prim("mul", type.withWidth(width() + o.width()), this, o);
    }

    private Expr cmp(String op, Expr o) {
        sameSign(o, op);
        return prim(op, Type.bool(), this, o);
    }

    public Expr lt(Expr o) { return cmp("lt", o); }

    public Expr leq(Expr o) { return cmp("leq", o); }

    public Expr gt(Expr o) { return cmp("gt", o); }

    public Expr geq(Expr o) { return cmp("geq", o); }

    public Expr eq(Expr o) { return cmp("eq", o); }

    public Expr neq(Expr o) { return cmp("neq", o); }

    /** A literal of this expression's kind holding v, at least as wide as needed. */
    public Lit lit(long v) {
        return signed() ? s(v, Math.max(width(), BigInteger.valueOf(v).bitLength() + 1)) : u(v, Math.max(width(), bitsFor(v)));
    }

    public Expr eq(long v) { return eq(lit(v)); }

    public Expr neq(long v) { return neq(lit(v)); }

    public Expr lt(long v) { return lt(lit(v)); }

    public Expr gt(long v) { return gt(lit(v)); }

    public Expr geq(long v) { return geq(lit(v)); }

    /** Sign- or zero-extends to {@code w} bits (no-op when already at least that wide). */
    public Expr pad(int w) {
        return w <= width() ? this : new Prim("pad", List.of(this), List.of(w), type.withWidth(w));
    }

    public Expr asUInt() { return signed() ? prim("asUInt", Type.uint(width()), this) : this; }

    public Expr asSInt() { return signed() ? this : prim("asSInt", Type.sint(width()), this); }

    public Expr shl(int n) {
        return n == 0 ? this : new Prim("shl", List.of(this), List.of(n), type.withWidth(width() + n));
    }

    /** Arithmetic for SInt (floor division by 2^n), logical for UInt. */
    public Expr shr(int n) {
        return n == 0 ? this : new Prim("shr", List.of(this), List.of(n), type.withWidth(Math.max(width() - n, 1)));
    }

    /** UInt to SInt by adding a zero sign bit; SInt unchanged. */
    public Expr cvt() { return signed() ? this : prim("cvt", Type.sint(width() + 1), this); }

    public Expr neg() { return prim("neg", Type.sint(width() + 1), this); }

    public Expr not() { return prim("not", Type.uint(width()), this); }

    private Expr bitwise(String op, Expr o) {
        sameSign(o, op);
        return prim(op, Type.uint(Math.max(width(), o.width())), this, o);
    }

    public Expr and(Expr o) { return bitwise("and", o); }

    public Expr or(Expr o) { return bitwise("or", o); }

    public Expr xor(Expr o) { return bitwise("xor", o); }

    public Expr andr() { return prim("andr", Type.bool(), this); }

    public Expr orr() { return prim("orr", Type.bool(), this); }

    public Expr cat(Expr o) {
        return new Prim("cat", List.of(this, o), List.of(), Type.uint(width() + o.width()));
    }

    /** Bits hi..lo as UInt. */
    public Expr bits(int hi, int lo) {
        if (hi < lo || lo < 0 || hi >= width()) {
            throw new FirrtlException("bits(" + hi + ", " + lo + ") of a " + type.emit());
        }
        return new Prim("bits", List.of(this), List.of(hi, lo), Type.uint(hi - lo + 1));
    }

    public Expr bit(int i) { return bits(i, i); }

    /** The low {@code w} bits with the signedness kept (two's complement truncation). */
    public Expr low(int w) {
        if (w == width()) return this;
        Expr b = bits(w - 1, 0);
        return signed() ? b.asSInt() : b;
    }

    /** Exactly {@code w} bits: extended or truncated, signedness kept. */
    public Expr resize(int w) { return w >= width() ? pad(w) : low(w); }

    public static Expr mux(Expr cond, Expr a, Expr b) {
        if (cond.width() != 1 || cond.signed()) throw new FirrtlException("mux condition must be UInt<1>, got " + cond.type());
        a.sameSign(b, "mux");
        return new Mux(cond, a, b, a.type.withWidth(Math.max(a.width(), b.width())));
    }

    /** Bits needed for the unsigned value v (at least 1). */
    public static int bitsFor(long v) {
        if (v < 0) throw new FirrtlException("bitsFor of negative " + v);
        return Math.max(1, 64 - Long.numberOfLeadingZeros(v));
    }
}
