package org.heterosyn.rtl.firrtl;

import java.util.List;

/** Anything that can be instantiated: a module built here or an external (black-box) module. */
public sealed interface ModuleDef permits Module, ExtModule {
    String name();

    List<Port> ports();

    void emit(StringBuilder out);

    /** True when the input was removed because nothing in the module reads it. */
    default boolean pruned(String port) { return false; }

    default Port port(String name) {
        for (Port p : ports()) {
            if (p.name().equals(name)) return p;
        }
        throw new FirrtlException("module " + name() + " has no port " + name);
    }
}
