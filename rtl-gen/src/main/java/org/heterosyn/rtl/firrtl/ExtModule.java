package org.heterosyn.rtl.firrtl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An external module: a vendor primitive (e.g. SB_SPRAM256KA) that synthesis tools know by name, or a
 * leaf whose Verilog the generator writes itself ({@link #verilog()}) because firtool's lowering of it
 * would map badly.
 */
public final class ExtModule implements ModuleDef {
    private final String name;
    private final String defname;
    private final List<Port> ports = new ArrayList<>();
    private String verilog;
    private final List<String> params = new ArrayList<>();

    public ExtModule(String name, String defname) {
        Names.check(name);
        this.name = name;
        this.defname = defname;
    }

    public ExtModule input(String port, Type t) {
        ports.add(new Port(port, Port.Direction.INPUT, t));
        return this;
    }

    public ExtModule output(String port, Type t) {
        ports.add(new Port(port, Port.Direction.OUTPUT, t));
        return this;
    }

    /** The module's own Verilog source, written beside the firtool output; none for a vendor primitive. */
    public ExtModule verilog(String source) {
        this.verilog = source;
        return this;
    }

    public Optional<String> verilog() { return Optional.ofNullable(verilog); }
    /** A Verilog parameter of the instance (vendor primitives are configured this way). */
    public ExtModule param(String n, long value) {
        Names.check(n);
        params.add(n + " = " + value);
        return this;
    }

    public ExtModule param(String n, String value) {
        Names.check(n);
        if (value.contains("\"")) throw new FirrtlException(n + ": string parameter with a quote");
        params.add(n + " = \"" + value + "\"");
        return this;
    }

    @Override public String name() { return name; }

    @Override public List<Port> ports() { return List.copyOf(ports); }

    @Override public void emit(StringBuilder out) {
        out.append("  extmodule ").append(name).append(" :\n");
        for (Port p : ports) out.append("    ").append(p.emit()).append('\n');
        out.append("    defname = ").append(defname).append('\n');
        for (String p : params) out.append("    parameter ").append(p).append('\n');
    }
}
