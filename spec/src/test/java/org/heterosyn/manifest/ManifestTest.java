package org.heterosyn.manifest;

import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.heterosyn.spec.SpecJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class ManifestTest {

    @Test
    void defaultDesignLayout() {
        Layout lay = new Layout(SpecJson.readDefault());
        Layout.LayerLayout l0 = lay.layer(0);
        assertEquals(List.of(784, 4, 1, 196, 64, 12544, 4), List.of(l0.cols(), l0.inW(), l0.rpc(), l0.cpr(),
                l0.rowGroups(), l0.chunks(), l0.used()));
        Layout.LayerLayout l1 = lay.layer(1);
        assertEquals(List.of(10, 64, 4, 1, 16, 160), List.of(l1.rows(), l1.cols(), l1.inW(), l1.rpc(), l1.cpr(), l1.chunks()));
        assertTrue(l1.feedback() && l1.plastic());
        // W_0, W_1, B_1 one after the other in each lane's SPRAM bank: 12864 words, one block per lane.
        assertEquals(List.of(0, 12544, 12704), lay.regions().stream().map(Layout.Region::base).toList());
        assertEquals(12864, lay.bankWords());
        assertEquals(1, lay.spramsPerLane());
        assertEquals(List.of(4, 4, 1), lay.buffers().stream().map(Layout.BufferLayout::banks).toList());
        assertEquals(List.of(196, 16, 10), lay.buffers().stream().map(Layout.BufferLayout::depth).toList());
        assertEquals(4, lay.spramSlot(1));
        assertEquals(2, lay.spramSlot(0));
    }

    @Test
    void chunkShapesOfTheThreeTilings() {
        DesignSpec tiny = DesignSpec.tiny().withLayers(List.of(4, 4, 2));
        Layout within = new Layout(tiny.withLanes(2));
        assertEquals(List.of(2, 1, 2), List.of(within.layer(0).inW(), within.layer(0).rpc(), within.layer(0).cpr()));
        Layout rows = new Layout(tiny.withLanes(8));
        assertEquals(List.of(4, 2, 1, 2), List.of(rows.layer(0).inW(), rows.layer(0).rpc(), rows.layer(0).cpr(),
                rows.layer(0).chunks()));
        // Fully parallel: a 2x4 layer in 16 lanes is one chunk using 8 of them.
        Layout full = new Layout(tiny.withLanes(16));
        assertEquals(List.of(4, 2, 1, 8), List.of(full.layer(1).inW(), full.layer(1).rpc(), full.layer(1).chunks(),
                full.layer(1).used()));
        assertEquals(2, full.buffer(2).banks());
    }

    @Test
    void cycleModelOfTheDefaultDesign() {
        CycleModel cm = new CycleModel(SpecJson.readDefault());
        assertEquals(12545, cm.forward(0).value());
        assertEquals(161, cm.forward(1).value());
        assertEquals(2 + 784 + 12545 + 161 + 2 * 10, cm.infer().value());
        // Layer 0 (no B) is a staged two-slot layer: its last chunk is written in a drain pair.
        assertEquals(2 * 12544 + 2, cm.update(0).value());
        assertEquals(4 * 160, cm.update(1).value());
        assertEquals(15, Layout.KEY_CYCLES);
        assertEquals(15, cm.keys(0).value());
        assertEquals(2 * 15, cm.keys(1).value());
        assertEquals(cm.infer().value() + 2 + 15 + 25090 + 30 + 640, cm.train().value());
        assertEquals(40000 / 784 + 40000 % 784, cm.seek(0, 0, 40000));
        assertEquals(4 + 64 / 10 + 64 % 10 + 3, cm.load(1, 1, 64, 3));
        DesignSpec generic = SpecJson.readDefault().withMemory(MemoryStyle.GENERIC);
        assertEquals(12545, new CycleModel(generic).update(0).value());
    }

    /** The manifest writes each command's formula with the definitions of the terms it uses, and its value. */
    @Test
    void manifestCommandsCarryTheCycleModel() {
        Manifest m = Manifest.of(SpecJson.readDefault());
        Manifest.CommandInfo train = m.commands().stream().filter(c -> c.name().equals("TRAIN")).findFirst().orElseThrow();
        assertEquals("INFER + 2 + sum_k (keys_k + update_k); keys_k = 15 * (plastic_k ? 2 : 1); "
                + "update_k = slot_k * chunks_k + drain_k; slot_k = 2 + stores_B_k + plastic_B_k; "
                + "drain_k = shared && slot_k = 2 ? 2 : 0", train.cycles());
        assertEquals(39_289L, train.value());
        Manifest.CommandInfo load = m.commands().stream().filter(c -> c.name().equals("LOAD_WEIGHTS")).findFirst().orElseThrow();
        assertEquals("4 + seek + count; seek = floor(start / rowLength) + start mod rowLength", load.cycles());
        assertNull(load.value());
    }

    @Test
    void manifestRoundTripsThroughJson() throws IOException {
        for (DesignSpec s : List.of(SpecJson.readDefault(), DesignSpec.tiny())) {
            Manifest m = Manifest.of(s);
            assertEquals(m, ManifestJson.parse(ManifestJson.write(m)));
            assertEquals(SpecJson.parse(m.spec(), "manifest"), s);
        }
        Manifest tiny = Manifest.of(DesignSpec.tiny());
        assertTrue(tiny.files().simulationModels().isEmpty());
        assertFalse(Manifest.of(SpecJson.readDefault()).files().simulationModels().isEmpty());
    }

    @Test
    void stateNamesAreUniqueAndWidthsPositive() {
        for (DesignSpec s : List.of(SpecJson.readDefault(), DesignSpec.tiny(), DesignSpec.tiny().withLanes(12))) {
            List<StateMap.Reg> regs = StateMap.registers(s);
            assertEquals(regs.size(), regs.stream().map(StateMap.Reg::path).distinct().count());
            assertTrue(regs.stream().allMatch(r -> r.width() > 0));
        }
    }

    @Test
    void designIdDependsOnTheHardwareNotTheName() {
        DesignSpec s = SpecJson.readDefault();
        assertEquals(DesignId.of(s), DesignId.of(s.withName("other")));
        assertFalse(DesignId.of(s) == DesignId.of(s.withLanes(2)));
        assertFalse(DesignId.of(s) == DesignId.of(s.withSeed(2)));
    }
}
