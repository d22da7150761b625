package org.heterosyn.manifest;

import java.util.Locale;

/**
 * The ports of the top module, in declaration order: the host link only (docs/protocol.md). rtl-gen's
 * Top declares them from this list, the manifest lists them, the emulator traces them. Port names end
 * in _i or _o (STYLE.md); the suffix is the direction.
 */
public enum TopPort {
    CLK_I(1, "clock, rising edge"),
    RST_I(1, "synchronous reset, active high"),
    CMD_VALID_I(1, "command word valid"),
    CMD_READY_O(1, "command word accepted when valid and ready"),
    CMD_DATA_I(Layout.WORD_BITS, "command word (docs/protocol.md)"),
    RSP_VALID_O(1, "response word valid"),
    RSP_READY_I(1, "response word taken when valid and ready"),
    RSP_DATA_O(Layout.WORD_BITS, "response word (docs/protocol.md)");

    private final int width;
    private final String role;

    TopPort(int width, String role) {
        this.width = width;
        this.role = role;
    }

    /** The port's name in the RTL, e.g. "cmd_data_i". */
    public String port() { return name().toLowerCase(Locale.ROOT); }

    public boolean input() { return name().endsWith("_I"); }

    public int width() { return width; }

    public String role() { return role; }

    /** The port called {@code port}, or null for none. */
    public static TopPort of(String port) {
        for (TopPort p : values()) {
            if (p.port().equals(port)) return p;
        }
        return null;
    }
}
