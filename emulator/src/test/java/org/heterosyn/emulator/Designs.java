package org.heterosyn.emulator;

import org.heterosyn.manifest.Layout;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.Rule;
import org.heterosyn.spec.SpecException;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small random designs for the emulator's tests. */
public final class Designs {
    private Designs() {}

    /**
     * Number formats: the default; 8-bit values and weights that saturate often; weights with more
     * fraction bits than values; and no fraction bits at all (the update rounds nothing away).
     */
    public static Numerics numerics(int variant, Rounding r) {
        return switch (variant) {
            case 0 -> Numerics.defaults().withRounding(r);
            case 1 -> new Numerics(8, 4, 8, 5, 2, 3, 2, r);
            case 2 -> new Numerics(12, 6, 10, 9, 4, 5, 3, r);
            default -> new Numerics(6, 0, 6, 0, 0, 0, 0, r);
        };
    }

    /** Every lanes value the spec accepts for these layers, up to one more than the largest layer's synapses. */
    static List<Integer> lanes(List<Integer> layers) {
        long most = 0;
        for (int k = 0; k + 1 < layers.size(); k++) most = Math.max(most, (long) layers.get(k) * layers.get(k + 1));
        List<Integer> out = new ArrayList<>();
        for (int l = 1; l <= most + 1; l++) {
            try {
                new Layout(DesignSpec.tiny().withLayers(layers).withLanes(l));
                out.add(l);
            } catch (SpecException e) {
                // more lanes than the design has synapses
            }
        }
        return out;
    }

    /** A random design: one to three weight layers of up to six neurons, any rule, format, lanes and memory. */
    public static DesignSpec random(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 2 + rng.nextInt(3);
        List<Integer> layers = new ArrayList<>();
        for (int i = 0; i < n; i++) layers.add(1 + rng.nextInt(6));
        List<Integer> lanes = lanes(layers);
        Rounding r = Rounding.values()[rng.nextInt(2)];
        return new DesignSpec("random-" + Long.toHexString(seed), layers, Rule.hardware().get(rng.nextInt(Rule.hardware().size())),
                numerics(rng.nextInt(4), r), lanes.get(rng.nextInt(lanes.size())),
                MemoryStyle.values()[rng.nextInt(2)], rng.nextLong(DesignSpec.MAX_SEED + 1));
    }

    public static String describe(DesignSpec s) {
        return s.layers() + " " + s.rule().id() + " " + s.numerics().rounding().id() + " lanes " + s.lanes() + " "
                + s.memory().id() + " numerics " + s.numerics() + " seed " + s.seed();
    }
}
