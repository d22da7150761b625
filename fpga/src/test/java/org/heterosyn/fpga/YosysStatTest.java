package org.heterosyn.fpga;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class YosysStatTest {
    private static final String FLAT = """
            21. Printing statistics.

            === heterosyn_top ===

               Number of wires:               1234
               Number of cells:               7225
                 SB_CARRY                     1874
                 SB_DFFE                       411
                 SB_LUT4                      4565
                 SB_MAC16                        8
            """;

    private static final String HIER = """
            === heterosyn_rsp_stream ===

               Number of cells:                 35
                 SB_DFFE                        32
                 SB_DFFSR                        1
                 SB_LUT4                         2

            === heterosyn_top ===

               Number of cells:                  2
                 heterosyn_rsp_stream            1
                 SB_LUT4                         1

            === design hierarchy ===

               heterosyn_top                     1
                 heterosyn_rsp_stream            1

               Number of cells:                 36
                 SB_DFFE                        32
                 SB_DFFSR                        1
                 SB_LUT4                         3
            """;

    @Test
    void aFlatReportsModuleIsTheTotal() {
        YosysStat s = YosysStat.parse(FLAT);
        assertEquals(4565, s.count("SB_LUT4"));
        assertEquals(8, s.count("SB_MAC16"));
        assertEquals(0, s.count("SB_RAM40_4K"));
        assertEquals(411, s.countPrefix("SB_DFF"));
    }

    @Test
    void withHierarchyTheTotalCoversEveryInstanceAndModulesKeepTheirOwnCells() {
        YosysStat s = YosysStat.parse(HIER);
        assertEquals(3, s.count("SB_LUT4"));
        assertEquals(33, s.countPrefix("SB_DFF"));
        assertEquals(Map.of("SB_DFFE", 32, "SB_DFFSR", 1, "SB_LUT4", 2), s.modules().get("heterosyn_rsp_stream"));
        assertEquals(1, s.modules().get("heterosyn_top").get("heterosyn_rsp_stream"));
    }
}
