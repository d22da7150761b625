package org.heterosyn.cli;

import org.heterosyn.driver.DeviceEngine;
import org.heterosyn.driver.Devices;
import org.heterosyn.learning.FastEngine;
import org.heterosyn.learning.LearningEngine;
import org.heterosyn.learning.ReferenceEngine;
import org.heterosyn.spec.DesignSpec;

/**
 * What `--engine` and `--device` name. Engines run in-process at command boundaries; a device is
 * driven through the command protocol, exactly as the hardware would be (docs/protocol.md).
 */
final class Engines {
    static final String NAMES = "reference, fast, emu";

    private Engines() {}

    static LearningEngine create(String name, DesignSpec spec) {
        return switch (name) {
            case "reference" -> new ReferenceEngine(spec);
            case "fast" -> new FastEngine(spec);
            // The cycle emulator trains through the command protocol, exactly as the hardware would.
            case "emu" -> new DeviceEngine(Devices.open("emu", spec));
            default -> throw new IllegalArgumentException("--engine: unknown engine '" + name + "'; allowed: " + NAMES
                    + " (or --device " + Devices.SCHEMES + ")");
        };
    }

    /** The learning engine for a command line: --device wins over --engine. */
    static LearningEngine select(String engine, String device, SpecOptions specOptions) {
        if (device == null) return create(engine, specOptions.load());
        // A design directory carries its own spec; every other device runs the spec of the command line.
        boolean ownSpec = device.startsWith("verilator:") && !specOptions.given();
        return new DeviceEngine(Devices.open(device, ownSpec ? null : specOptions.load()));
    }
}
