package org.heterosyn.sweep;

import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.SpecJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grid files: axes into points, the spec's own names and checks, and what makes a point a failure. */
class GridTest {
    private static final String BASE = "\"base\": {\"name\": \"t\", \"layers\": [4, 3, 2], \"rule\": \"kp\", \"seed\": 3}";

    @Test
    void axesMultiplyInOrderAndSetSpecAndNumericsFields() throws Exception {
        Grid g = SmallSweep.grid("{" + BASE + ", \"grid\": {\"lanes\": [1, 2], \"etaShift\": [6, 7, 8]}}");
        assertEquals(6, g.points().size());
        DesignSpec last = SpecJson.parse(g.points().get(5).specJson(), "test");
        assertEquals(2, last.lanes());
        assertEquals(8, last.numerics().etaShift());
        assertEquals("7", g.points().get(1).fields().get("etaShift"));
        assertEquals(1, SpecJson.parse(g.points().get(1).specJson(), "test").lanes());
    }

    @Test
    void anObjectValuedAxisSetsSeveralFieldsAtOnce() throws Exception {
        Grid g = SmallSweep.grid("{" + BASE + ", \"grid\": {\"format\": [{\"valueBits\": 12, \"valueFrac\": 8, "
                + "\"weightBits\": 12, \"weightFrac\": 8}, {\"clockMhz\": 48}]}}");
        DesignSpec narrow = SpecJson.parse(g.points().get(0).specJson(), "test");
        assertEquals(List.of(12, 8, 12, 8), List.of(narrow.numerics().valueBits(), narrow.numerics().valueFrac(),
                narrow.numerics().weightBits(), narrow.numerics().weightFrac()));
        assertEquals(48, g.points().get(1).clockMhz());
    }

    @Test
    void anUnknownFieldIsRejectedWithTheAllowedNames() {
        GridException e = assertThrows(GridException.class,
                () -> SmallSweep.grid("{" + BASE + ", \"grid\": {\"lane\": [1, 2]}}"));
        assertTrue(e.getMessage().startsWith("lane: not a field a sweep can vary; allowed: [layers, rule, "), e.getMessage());
    }

    @Test
    void theSameDesignTwiceIsOnePointAndTrainingChangesTheKey() throws Exception {
        assertEquals(1, SmallSweep.grid("{" + BASE + ", \"points\": [{\"lanes\": 1}, {}]}").points().size());
        String a = SmallSweep.grid("{" + BASE + ", \"training\": {\"epochs\": 1}}").points().get(0).key();
        String b = SmallSweep.grid("{" + BASE + ", \"training\": {\"epochs\": 2}}").points().get(0).key();
        assertNotEquals(a, b);
    }

    @Test
    void aDesignTheSpecRejectsIsAFailedPointNotAFailedSweep() throws Exception {
        // 4-3-2 has 18 synapses: 32 lanes is more than the fully parallel array.
        Grid g = SmallSweep.grid("{" + BASE + ", \"grid\": {\"lanes\": [1, 32]}, "
                + "\"training\": {\"dataset\": \"teacher\", \"teacherTrain\": 10, \"teacherTest\": 10}}");
        assertEquals(2, g.points().size());
        PointResult r = PointRun.run(g.points().get(1), new ResourceEstimator() {
            @Override public String name() { return "never"; }

            @Override public Resources estimate(DesignSpec spec, String board, double clockMhz) {
                throw new AssertionError("a rejected design is never estimated");
            }
        }, "test", "here");
        assertEquals(PointResult.FAILED, r.status());
        assertTrue(r.error().contains("lanes: 32 exceeds the design's 18 synapses"), r.error());
        assertNull(r.testAccuracy());
    }
}
