package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.Bundles;
import org.heterosyn.manifest.Layout;
import org.heterosyn.spec.DesignSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The emulator's bundle classes carry exactly the declared signals, in the declared order, flags as booleans. */
@Tag("unit")
class BundlesTest {
    @Test
    void engineControlIsTheDeclaredBundle() {
        check(EngineControl.class, Bundles.engineControl(new Layout(DesignSpec.fashionMnist())));
    }

    @Test
    void memoryControlIsTheDeclaredBundle() {
        check(MemoryControl.class, Bundles.memoryControl(new Layout(DesignSpec.fashionMnist())));
    }

    private static void check(Class<?> bundle, List<Bundles.Signal> declared) {
        List<String> fields = new ArrayList<>();
        for (Field f : bundle.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            fields.add(f.getName() + ":" + f.getType().getSimpleName());
        }
        List<String> expected = new ArrayList<>();
        for (Bundles.Signal s : declared) expected.add(s.name() + ":" + (s.flag() ? "boolean" : "int"));
        assertEquals(expected, fields, bundle.getSimpleName() + " against Bundles");
    }
}
