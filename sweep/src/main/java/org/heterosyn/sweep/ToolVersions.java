package org.heterosyn.sweep;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * The tools a row was computed with. The outside tools are asked once per JVM (where the point ran);
 * the toolkit's own version comes from the driver, which knows its checkout.
 */
public record ToolVersions(String yosys, String nextpnr, String verilator, String java, String heterosyn)
        implements Serializable {
    private static final Supplier<String> YOSYS = once("yosys", "-V");
    private static final Supplier<String> NEXTPNR = once("nextpnr-ice40", "--version");
    private static final Supplier<String> VERILATOR = once("verilator", "--version");

    /** This JVM's tools, with the driver's heterosyn version. */
    public static ToolVersions here(String heterosyn) {
        return new ToolVersions(YOSYS.get(), NEXTPNR.get(), VERILATOR.get(), System.getProperty("java.version"), heterosyn);
    }

    /** `git describe` of the working directory's checkout, or "unknown" outside one. */
    public static String heterosynVersion() {
        String d = ExternalTools.firstLine("git", "describe", "--always", "--dirty", "--tags");
        return d.equals(ExternalTools.MISSING) ? "unknown" : d;
    }

    private static Supplier<String> once(String... command) {
        return new Supplier<>() {
            private volatile String value;

            @Override
            public String get() {
                if (value == null) value = ExternalTools.firstLine(command);
                return value;
            }
        };
    }
}
