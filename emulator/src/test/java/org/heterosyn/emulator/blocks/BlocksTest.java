package org.heterosyn.emulator.blocks;

import net.jqwik.api.ForAll;
import org.heterosyn.emulator.Designs;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.heterosyn.numerics.DitherHash;
import org.heterosyn.numerics.SynapseUpdate;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rounding;
import org.heterosyn.spec.Rule;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The blocks one at a time, against the numerics they implement and their handshake contracts. */
@Tag("unit")
class BlocksTest {
    @Property(tries = 2000)
    void ditherMixIsTheDitherHash(@ForAll int key, @ForAll @IntRange(max = 65535) int row, @ForAll @IntRange(max = 65535) int col) {
        assertEquals(DitherHash.dither(key, row, col), DitherMix.dither(key, row, col));
    }

    /** start, 13 rounds, then key_o holds DitherHash.sampleKey; the unit idles after reset. */
    @Property(tries = 300)
    void ditherKeyComputesTheSampleKeyInThirteenRounds(@ForAll @LongRange(max = DesignSpec.MAX_SEED) long seed, @ForAll int sample,
                                                       @ForAll @IntRange(max = 127) int layer, @ForAll boolean feedback) {
        DitherKey u = new DitherKey(seed);
        u.eval(false, 0, 0);
        u.commit(true);
        assertEquals(DitherHash.ROUNDS, u.round_q(), "reset leaves the unit done");
        int site = DitherHash.site(layer, feedback ? DitherHash.MATRIX_B : DitherHash.MATRIX_W);
        u.eval(true, sample, site);
        u.commit(false);
        for (int r = 0; r < DitherHash.ROUNDS; r++) {
            assertEquals(r, u.round_q());
            u.eval(false, 0, 0);
            u.commit(false);
        }
        int key = DitherHash.sampleKey(seed, sample, layer, feedback ? DitherHash.MATRIX_B : DitherHash.MATRIX_W);
        assertEquals(key, u.key_o());
        u.eval(false, 0, 0);
        u.commit(false);
        assertEquals(key, u.key_o(), "a done unit holds its key");
    }

    /** The unit's narrow update equals SynapseUpdate for every format, rounding and rule. */
    @Property(tries = 3000)
    void updateUnitIsTheSynapseUpdate(@ForAll @IntRange(max = 3) int format, @ForAll boolean stochastic, @ForAll boolean decays,
                                      @ForAll long seed) {
        Numerics n = Designs.numerics(format, stochastic ? Rounding.STOCHASTIC : Rounding.NEAREST);
        DesignSpec spec = DesignSpec.tiny().withNumerics(n).withRule(decays ? Rule.KP : Rule.URF);
        UpdateUnit unit = new UpdateUnit(new org.heterosyn.manifest.Layout(spec));
        SynapseUpdate ref = new SynapseUpdate(n, decays);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < 20; i++) {
            int w = (int) pick(rng, n.weightMin(), n.weightMax());
            int e = (int) pick(rng, n.valueMin(), n.valueMax());
            int h = (int) pick(rng, n.valueMin(), n.valueMax());
            int key = rng.nextInt();
            int row = rng.nextInt(1 << 16);
            int col = rng.nextInt(1 << 16);
            long expected = ref.apply(w, (long) e * h, DitherHash.dither(key, row, col));
            assertEquals(expected, unit.update(w, (long) e * h, key, row, col), () -> n + " w " + w + " e " + e + " h " + h);
        }
    }

    /** Sign symmetry: the feedback product is sign(W) * e * 2^(weightFrac - feedbackShift). */
    @Property(tries = 500)
    void signSymmetricFeedbackProduct(@ForAll short w, @ForAll short e) {
        Numerics n = Numerics.defaults();
        UpdateUnit unit = new UpdateUnit(new org.heterosyn.manifest.Layout(DesignSpec.tiny().withRule(Rule.SS)));
        long unitScale = 1L << (n.weightFrac() - n.feedbackShift());
        assertEquals(Integer.signum(w) * unitScale * e, unit.mac_o(false, w, 0, 0, e));
        assertEquals((long) w * e, unit.mac_o(true, w, 0, e, 0), "forward is W*h");
    }

    /**
     * Under any valid/ready pattern the command stream delivers exactly the words the host handed
     * over, in order; its ready is the inverse of the skid register.
     */
    @Property(tries = 300)
    void cmdStreamLosesAndReordersNothing(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        CmdStream s = new CmdStream();
        s.commit(true);
        Deque<Integer> host = new ArrayDeque<>();
        for (int i = 0; i < 50; i++) host.add(rng.nextInt());
        List<Integer> sent = new ArrayList<>(host);
        List<Integer> got = new ArrayList<>();
        for (int c = 0; c < 400 && got.size() < sent.size(); c++) {
            boolean valid = !host.isEmpty() && rng.nextInt(4) != 0;
            boolean ready = rng.nextInt(3) != 0;
            int data = valid ? host.peek() : 0;
            boolean took = valid && s.in_ready_o();
            if (s.out_valid_o() && ready) got.add(s.out_data_o());
            s.eval(valid, data, ready);
            s.commit(false);
            if (took) host.poll();
        }
        assertEquals(sent, got);
    }

    /** The response register: free when empty or being read; a push always lands. */
    @Property(tries = 300)
    void rspStreamDeliversEveryPushOnce(@ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        RspStream s = new RspStream();
        s.commit(true);
        List<Integer> pushed = new ArrayList<>();
        List<Integer> got = new ArrayList<>();
        for (int c = 0; c < 300; c++) {
            boolean ready = rng.nextBoolean();
            boolean push = s.free_o(ready) && rng.nextBoolean();
            int data = rng.nextInt();
            if (s.out_valid_o() && ready) got.add(s.out_data_o());
            if (push) pushed.add(data);
            s.eval(push, data, ready);
            s.commit(false);
        }
        if (s.out_valid_o()) got.add(s.out_data_o());
        assertEquals(pushed, got);
    }

    private static long pick(SplittableRandom rng, long lo, long hi) {
        return switch (rng.nextInt(6)) {
            case 0 -> lo;
            case 1 -> hi;
            case 2 -> 0;
            default -> lo + rng.nextLong(hi - lo + 1);
        };
    }
}
