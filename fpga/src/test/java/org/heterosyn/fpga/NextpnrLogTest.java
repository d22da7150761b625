package org.heterosyn.fpga;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class NextpnrLogTest {
    private static final String LOG = """
            Info: Device utilisation:
            Info: \t         ICESTORM_LC:  5199/ 5280    98%
            Info: \t        ICESTORM_RAM:    14/   30    46%
            Info: \t        ICESTORM_DSP:     8/    8   100%
            Info: \t      ICESTORM_SPRAM:     4/    4   100%
            Info: Max frequency for clock 'osc_i$SB_IO_IN_$glb_clk': 31.50 MHz (PASS at 24.00 MHz)
            Info: Max frequency for clock 'osc_i$SB_IO_IN_$glb_clk': 22.75 MHz (FAIL at 24.00 MHz)
            """;

    @Test
    void readsTheUtilisationAndTheFinalFmax() {
        NextpnrLog n = NextpnrLog.parse(LOG);
        assertEquals(5199, n.used("ICESTORM_LC"));
        assertEquals(new Usage(5199, 8, 14, 4), Usage.ofNextpnr(n));
        // placement's estimate is printed first, the routed figure last: the last one holds
        assertEquals(22.75, n.fmaxMhz().getAsDouble());
    }

    @Test
    void packingAloneHasNoFmaxAndALogWithoutUtilisationIsAnError() {
        assertTrue(NextpnrLog.parse(LOG.lines().limit(5).reduce("", (a, b) -> a + b + "\n")).fmaxMhz().isEmpty());
        assertThrows(FpgaException.class, () -> NextpnrLog.parse("ERROR: something\n"));
    }
}
