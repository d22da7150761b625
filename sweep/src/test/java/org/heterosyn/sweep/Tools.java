package org.heterosyn.sweep;

import org.heterosyn.fpga.Tool;
import org.junit.jupiter.api.Assumptions;

/** Tests that need the FPGA tools are skipped, with the reason, where they are missing (CI installs them). */
final class Tools {
    private Tools() {}

    static void requireFpgaFlow() {
        for (Tool t : new Tool[] {Tool.YOSYS, Tool.NEXTPNR_ICE40}) {
            Assumptions.assumeTrue(t.installed(), "the sweep's resource estimate needs " + t.program);
        }
    }
}
