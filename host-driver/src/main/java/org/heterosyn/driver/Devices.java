package org.heterosyn.driver;

import org.heterosyn.spec.DesignSpec;

import java.nio.file.Path;

/**
 * Opens a {@link Device} by URI:
 * <pre>
 *   fast              the fixed-point fast model, executing commands at command boundaries
 *   verilator:DIR     the generated design in DIR under Verilator (built and cached on first use)
 * </pre>
 */
public final class Devices {
    public static final String SCHEMES = "fast, verilator:DIR";

    private Devices() {}

    /**
     * @param spec the design for devices that do not carry their own (fast); a design directory
     *             carries its spec in its manifest, and a different {@code spec} is an error
     */
    public static Device open(String uri, DesignSpec spec) {
        String[] parts = uri.split(":", 2);
        String arg = parts.length > 1 ? parts[1] : "";
        Device d = switch (parts[0]) {
            case "fast" -> new FastDevice(uri, need(spec, uri));
            case "verilator" -> new VerilatorDevice(uri, Path.of(nonEmpty(arg, uri, "a design directory")));
            default -> throw new DeviceException("unknown device '" + uri + "'; allowed: " + SCHEMES);
        };
        if (spec != null && !spec.equals(d.spec())) {
            d.close();
            throw new DeviceException(uri + " holds design " + d.spec().name() + ", not the requested " + spec.name()
                    + " (regenerate it, or omit --spec)");
        }
        return d;
    }

    private static DesignSpec need(DesignSpec spec, String uri) {
        if (spec == null) throw new DeviceException(uri + " needs a spec (--spec)");
        return spec;
    }

    private static String nonEmpty(String s, String uri, String what) {
        if (s.isEmpty()) throw new DeviceException(uri + ": missing " + what + " after ':'");
        return s;
    }

}
