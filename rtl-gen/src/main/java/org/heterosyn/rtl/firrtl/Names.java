package org.heterosyn.rtl.firrtl;

import java.util.Set;
import java.util.regex.Pattern;

/** FIRRTL identifiers that also survive as SystemVerilog names. */
final class Names {
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Set<String> RESERVED = Set.of(
            // FIRRTL keywords
            "circuit", "module", "extmodule", "input", "output", "wire", "reg", "regreset", "node", "inst", "of",
            "mem", "when", "else", "skip", "connect", "invalidate", "with", "reset", "is", "invalid", "defname",
            "mux", "validif", "UInt", "SInt", "Clock", "Reset", "AsyncReset", "Analog", "flip", "read", "write",
            // SystemVerilog keywords likely to collide with short signal names
            "begin", "end", "assign", "always", "logic", "case", "default", "if", "for", "and", "or",
            "xor", "not", "buf", "inout", "endmodule", "parameter", "localparam", "int",
            "bit", "byte", "shortint", "longint", "time", "event", "initial", "final", "task", "function", "do",
            "while", "repeat", "forever", "break", "continue", "return", "type", "string", "const", "static");

    private Names() {}

    static void check(String name) {
        if (!ID.matcher(name).matches() || RESERVED.contains(name)) {
            throw new FirrtlException("'" + name + "' is not a usable FIRRTL/SystemVerilog identifier");
        }
    }
}
