package org.heterosyn.rtl.firrtl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A FIRRTL module under construction. Declarations return typed references; {@link #when} opens a
 * conditional block for the statements made inside its body. Every wire, output, instance input
 * and memory port field must get an unconditional default connect (checked when printed), the
 * style that keeps firtool's initialization check and Verilator's latch lint quiet.
 */
public final class Module implements ModuleDef {
    private final String name;
    private final List<Port> ports = new ArrayList<>();
    private final List<Stmt> body = new ArrayList<>();
    private final Deque<List<Stmt>> blocks = new ArrayDeque<>();
    private final Set<String> names = new HashSet<>();
    private final Set<String> pruned = new HashSet<>();
    /** Sinks that need a default, mapped to whether they got an unconditional connect. */
    private final Map<String, Boolean> sinks = new LinkedHashMap<>();

    public Module(String name) {
        Names.check(name);
        this.name = name;
        blocks.push(body);
    }

    @Override public String name() { return name; }

    @Override public List<Port> ports() { return List.copyOf(ports); }

    private void declare(String n) {
        Names.check(n);
        if (!names.add(n)) throw new FirrtlException(name + ": duplicate name " + n);
    }

    private void add(Stmt s) { blocks.peek().add(s); }

    private boolean topLevel() { return blocks.size() == 1; }

    // ---- declarations ----

    public Expr.Ref input(String n, Type t) {
        if (!body.isEmpty()) throw new FirrtlException(name + ": port " + n + " declared after the body started");
        declare(n);
        ports.add(new Port(n, Port.Direction.INPUT, t));
        return new Expr.Ref(n, t, false);
    }

    public Expr.Ref output(String n, Type t) {
        if (!body.isEmpty()) throw new FirrtlException(name + ": port " + n + " declared after the body started");
        declare(n);
        ports.add(new Port(n, Port.Direction.OUTPUT, t));
        sinks.put(n, false);
        return new Expr.Ref(n, t, true);
    }

    public Expr.Ref wire(String n, Type t) {
        declare(n);
        add(new Stmt.Line(List.of("wire " + n + " : " + t.emit()), List.of()));
        sinks.put(n, false);
        return new Expr.Ref(n, t, true);
    }

    /** A register without reset (datapath state that is always written before it is read). */
    public Expr.Ref reg(String n, Type t, Expr clock) {
        requireClock(clock);
        declare(n);
        add(new Stmt.Line(List.of("reg " + n + " : " + t.emit() + ", " + clock.emit()), List.of(clock)));
        return new Expr.Ref(n, t, true);
    }

    /** A register with a synchronous reset to {@code init}. */
    public Expr.Ref regReset(String n, Type t, Expr clock, Expr reset, Expr init) {
        requireClock(clock);
        if (reset.width() != 1 || reset.signed()) throw new FirrtlException(n + ": reset must be UInt<1>");
        Expr i = fit(init, t, n);
        declare(n);
        add(new Stmt.Line(List.of("regreset " + n + " : " + t.emit() + ", " + clock.emit() + ", " + reset.emit()
                + ", " + i.emit()), List.of(clock, reset, i)));
        return new Expr.Ref(n, t, true);
    }

    /** A named value; firtool keeps it (with --preserve-values=named) so it shows in waveforms. */
    public Expr.Ref node(String n, Expr e) {
        declare(n);
        add(new Stmt.Line(List.of("node " + n + " = " + e.emit()), List.of(e)));
        return new Expr.Ref(n, e.type(), false);
    }

    public Instance instance(String n, ModuleDef def) {
        declare(n);
        add(new Stmt.Line(List.of("inst " + n + " of " + def.name()), List.of()));
        Instance inst = new Instance(n, def);
        for (Port p : def.ports()) {
            if (p.direction() == Port.Direction.INPUT) sinks.put(n + "." + p.name(), false);
        }
        return inst;
    }

    /**
     * A memory with combinational read ports (read-latency 0) and one-cycle write ports; callers
     * register the read data, which Yosys merges into a block RAM's read port.
     */
    public Mem mem(String n, Type data, int depth, int readers, int writers) {
        if (depth < 2) throw new FirrtlException(n + ": firtool rejects memories of depth " + depth + "; use a register");
        declare(n);
        List<String> lines = new ArrayList<>();
        lines.add("mem " + n + " :");
        lines.add("data-type => " + data.emit());
        lines.add("depth => " + depth);
        lines.add("read-latency => 0");
        lines.add("write-latency => 1");
        Mem m = new Mem(n, data, depth);
        for (int r = 0; r < readers; r++) {
            lines.add("reader => r" + r);
            for (String f : List.of("addr", "en", "clk")) sinks.put(n + ".r" + r + "." + f, false);
        }
        for (int w = 0; w < writers; w++) {
            lines.add("writer => w" + w);
            for (String f : List.of("addr", "en", "clk", "data", "mask")) sinks.put(n + ".w" + w + "." + f, false);
        }
        lines.add("read-under-write => undefined");
        add(new Stmt.Line(lines, List.of()));
        return m;
    }

    // ---- connections and conditions ----

    public void connect(Expr.Ref sink, Expr source) {
        if (!sink.isSink()) throw new FirrtlException(name + ": " + sink.path() + " cannot be driven");
        add(new Stmt.Connect(sink, fit(source, sink.type(), sink.path())));
        if (topLevel() && sinks.containsKey(sink.path())) sinks.put(sink.path(), true);
    }

    /** Statements made by {@code then} apply only while cond is true. */
    public void when(Expr cond, Runnable then) {
        whenElse(cond, then, null);
    }

    public void whenElse(Expr cond, Runnable then, Runnable otherwise) {
        if (cond.width() != 1 || cond.signed()) throw new FirrtlException(name + ": when condition must be UInt<1>");
        Stmt.When w = new Stmt.When(cond);
        add(w);
        blocks.push(w.then);
        try {
            then.run();
        } finally {
            blocks.pop();
        }
        if (otherwise != null) {
            blocks.push(w.otherwise);
            try {
                otherwise.run();
            } finally {
                blocks.pop();
            }
        }
    }

    /** A source adapted to a sink type: same kind, never wider; narrower values are extended. */
    private Expr fit(Expr source, Type sinkType, String where) {
        if (sinkType instanceof Type.Clock || source.type() instanceof Type.Clock) {
            if (!(sinkType instanceof Type.Clock && source.type() instanceof Type.Clock)) {
                throw new FirrtlException(name + ": " + where + ": clock connected to " + source.type().emit());
            }
            return source;
        }
        if (sinkType.signed() != source.signed()) {
            throw new FirrtlException(name + ": " + where + ": " + source.type().emit() + " into " + sinkType.emit());
        }
        if (source.width() > sinkType.width()) {
            throw new FirrtlException(name + ": " + where + ": " + source.type().emit() + " is wider than "
                    + sinkType.emit() + " (" + source.emit() + ")");
        }
        return source.pad(sinkType.width());
    }

    private static void requireClock(Expr clock) {
        if (!(clock.type() instanceof Type.Clock)) throw new FirrtlException("register clock must be a Clock");
    }

    /**
     * Drops input ports nothing reads, so a design variant that has no use for an input does not
     * carry a port that lint reports as unused. Call once the body is complete, before the module
     * is instantiated; parents connect only the ports that remain ({@link Instance#has}).
     */
    public Module pruneUnusedInputs() {
        Set<String> read = new HashSet<>();
        for (Stmt s : body) s.reads(p -> read.add(p));
        for (Port p : ports) {
            if (p.direction() == Port.Direction.INPUT && !read.contains(p.name())) pruned.add(p.name());
        }
        ports.removeIf(p -> pruned.contains(p.name()));
        return this;
    }

    @Override public boolean pruned(String port) { return pruned.contains(port); }

    /** Connects an instance input, or does nothing if the child pruned that input as unused. */
    public void connectIn(Instance inst, String port, Expr source) {
        if (inst.has(port)) {
            connect(inst.port(port), source);
        } else if (!inst.def().pruned(port)) {
            throw new FirrtlException(name + ": " + inst.def().name() + " has no port " + port);
        }
    }

    @Override public void emit(StringBuilder out) {
        for (Map.Entry<String, Boolean> s : sinks.entrySet()) {
            if (!s.getValue()) {
                throw new FirrtlException(name + ": " + s.getKey() + " has no unconditional default connect");
            }
        }
        out.append("  module ").append(name).append(" :\n");
        for (Port p : ports) out.append("    ").append(p.emit()).append('\n');
        out.append('\n');
        for (Stmt s : body) s.emit(out, 2);
    }

    /** An instance; its inputs are sinks, its outputs sources. */
    public static final class Instance {
        private final String name;
        private final ModuleDef def;

        Instance(String name, ModuleDef def) {
            this.name = name;
            this.def = def;
        }

        public String name() { return name; }

        public ModuleDef def() { return def; }

        public boolean has(String p) {
            return def.ports().stream().anyMatch(x -> x.name().equals(p));
        }

        public Expr.Ref port(String p) {
            Port port = def.port(p);
            return new Expr.Ref(name + "." + p, port.type(), port.direction() == Port.Direction.INPUT);
        }
    }

    /** A memory; ports are r0.. and w0.. in declaration order. */
    public static final class Mem {
        private final String name;
        private final Type data;
        private final int depth;

        Mem(String name, Type data, int depth) {
            this.name = name;
            this.data = data;
            this.depth = depth;
        }

        public int depth() { return depth; }

        public int addrWidth() { return Expr.bitsFor(depth - 1); }

        public Expr.Ref readAddr(int r) { return new Expr.Ref(name + ".r" + r + ".addr", Type.uint(addrWidth()), true); }

        public Expr.Ref readEn(int r) { return new Expr.Ref(name + ".r" + r + ".en", Type.bool(), true); }

        public Expr.Ref readClk(int r) { return new Expr.Ref(name + ".r" + r + ".clk", Type.clock(), true); }

        public Expr.Ref readData(int r) { return new Expr.Ref(name + ".r" + r + ".data", data, false); }

        public Expr.Ref writeAddr(int w) { return new Expr.Ref(name + ".w" + w + ".addr", Type.uint(addrWidth()), true); }

        public Expr.Ref writeEn(int w) { return new Expr.Ref(name + ".w" + w + ".en", Type.bool(), true); }

        public Expr.Ref writeClk(int w) { return new Expr.Ref(name + ".w" + w + ".clk", Type.clock(), true); }

        public Expr.Ref writeData(int w) { return new Expr.Ref(name + ".w" + w + ".data", data, true); }

        public Expr.Ref writeMask(int w) { return new Expr.Ref(name + ".w" + w + ".mask", Type.bool(), true); }
    }
}
