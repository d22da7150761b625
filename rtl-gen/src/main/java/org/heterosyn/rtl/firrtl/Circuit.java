package org.heterosyn.rtl.firrtl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A FIRRTL circuit: its modules and the main (top) module's name. */
public final class Circuit {
    public static final String VERSION = "3.3.0";
    private final String main;
    private final Map<String, ModuleDef> modules = new LinkedHashMap<>();

    public Circuit(String main) {
        Names.check(main);
        this.main = main;
    }

    public String main() { return main; }

    /**
     * Adds a finished module unless one with the same name is already there, and returns the one
     * kept: generators name modules by their shape, so the same name means the same module. A
     * module's unread inputs are pruned here, before any parent instantiates it.
     */
    public ModuleDef add(ModuleDef m) {
        if (m instanceof Module mod) mod.pruneUnusedInputs();
        return modules.computeIfAbsent(m.name(), n -> m);
    }

    public boolean has(String name) { return modules.containsKey(name); }

    public ModuleDef get(String name) {
        ModuleDef m = modules.get(name);
        if (m == null) throw new FirrtlException("circuit " + main + " has no module " + name);
        return m;
    }

    public List<ModuleDef> modules() { return new ArrayList<>(modules.values()); }

    public String emit() {
        if (!modules.containsKey(main)) throw new FirrtlException("circuit " + main + " lacks its main module");
        StringBuilder out = new StringBuilder();
        out.append("FIRRTL version ").append(VERSION).append('\n');
        out.append("circuit ").append(main).append(" :\n");
        for (ModuleDef m : modules.values()) {
            m.emit(out);
            out.append('\n');
        }
        return out.toString();
    }
}
