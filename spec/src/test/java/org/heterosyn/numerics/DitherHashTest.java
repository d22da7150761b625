package org.heterosyn.numerics;

import org.heterosyn.docs.DocsPage;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.Rounding;
import org.heterosyn.manifest.Layout;
import org.heterosyn.spec.DesignSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/numerics.md section 11: Threefry, the site word, the per-synapse mix, and what they guarantee. */
@Tag("unit")
class DitherHashTest {

    /** Random123 tests/kat_vectors, threefry2x32 with 13 rounds: first output word. */
    @Test
    void threefryKnownAnswers() {
        assertEquals(0x9D1C5EC6, DitherHash.threefry13(0, 0, 0, 0));
        assertEquals(0xFD36D048, DitherHash.threefry13(-1, -1, -1, -1));
        // counter = pi digits 243F6A88 85A308D3, key = 13198A2E 03707344
        assertEquals(0xBA3E4725, DitherHash.threefry13(0x13198A2E, 0x03707344, 0x243F6A88, 0x85A308D3));
    }

    /** The first round and key injection of the trace in docs/numerics.md, recomputed by hand. */
    @Test
    void threefryFirstRoundsByHand() {
        int k0 = 0x13198A2E;
        int k1 = 0x03707344;
        assertEquals(0x0BB8E2B0, 0x1BD11BDA ^ k0 ^ k1);
        int x0 = 0x243F6A88 + k0;
        int x1 = 0x85A308D3 + k1;
        assertEquals(0x3758F4B6, x0);
        assertEquals(0x89137C17, x1);
        x0 += x1;
        x1 = Integer.rotateLeft(x1, 13) ^ x0;
        assertEquals(0xC06C70CD, x0);
        assertEquals(0xAFEE81EF, x1);
    }

    @Test
    void keysAndExamplesOfTheDocument() {
        assertEquals(0x101, DitherHash.site(1, DitherHash.MATRIX_B));
        assertEquals(0x3DA52826, DitherHash.sampleKey(1, 0, 1, DitherHash.MATRIX_W));
        assertEquals(0x2985350A, DitherHash.sampleKey(1, 0, 1, DitherHash.MATRIX_B));
        assertEquals(0x7F4C5639, DitherHash.sampleKey(1, 5, 1, DitherHash.MATRIX_W));
        assertEquals(DitherHash.threefry13(1, 0x243F6A88, 0, 0x100), DitherHash.sampleKey(1, 0, 1, DitherHash.MATRIX_W));
        // the seed enters as its low 32 bits: seed 2^32 - 1 is key word 0xFFFFFFFF
        assertEquals(DitherHash.threefry13(-1, 0x243F6A88, 7, 0), DitherHash.sampleKey(DesignSpec.MAX_SEED, 7, 0, 0));
        assertEquals(0, DitherHash.mix(0));
        assertEquals(0x90A7EFA3, DitherHash.mix(1));
        assertEquals(0x13C0EB00, DitherHash.mix(0x12345678));
        assertEquals(0x5AE087F3, DitherHash.dither(0x7F4C5639, 2, 3));
        assertEquals(DitherHash.mix(0x7F4E563A), DitherHash.dither(0x7F4C5639, 2, 3));
        assertEquals(0xC4001ED0, DitherHash.initWord(1, 0, DitherHash.MATRIX_W, 0, 0));
        assertEquals(0xBC64F2D1, DitherHash.initWord(1, 1, DitherHash.MATRIX_B, 2, 1));
    }

    @Test
    void everyCoordinateChangesTheDither() {
        int base = DitherHash.dither(DitherHash.sampleKey(9, 100, 1, 0), 3, 4);
        assertFalse(base == DitherHash.dither(DitherHash.sampleKey(10, 100, 1, 0), 3, 4), "seed");
        assertFalse(base == DitherHash.dither(DitherHash.sampleKey(9, 101, 1, 0), 3, 4), "sample");
        assertFalse(base == DitherHash.dither(DitherHash.sampleKey(9, 100, 2, 0), 3, 4), "layer");
        assertFalse(base == DitherHash.dither(DitherHash.sampleKey(9, 100, 1, 1), 3, 4), "matrix");
        assertFalse(base == DitherHash.dither(DitherHash.sampleKey(9, 100, 1, 0), 4, 4), "row");
        assertFalse(base == DitherHash.dither(DitherHash.sampleKey(9, 100, 1, 0), 3, 5), "col");
    }

    // ---- mix is a bijection: an explicit inverse undoes it

    private static int unXorShift(int y, int s) {
        int x = y;
        for (int i = 0; i <= 32 / s; i++) x = y ^ (x >>> s);
        return x;
    }

    /** The inverse of an odd number mod 2^32 (Newton's iteration doubles the correct low bits). */
    private static int inverseOdd(int a) {
        int inv = a;
        for (int i = 0; i < 5; i++) inv *= 2 - a * inv;
        return inv;
    }

    /** The steps of mix undone in reverse order. */
    static int unmix(int x) {
        List<DitherHash.MixStep> steps = new ArrayList<>(DitherHash.MIX_STEPS);
        Collections.reverse(steps);
        for (DitherHash.MixStep s : steps) {
            x = s.xorShiftRight() ? unXorShift(x, s.shift()) : x * inverseOdd(1 + (1 << s.shift()));
        }
        return x;
    }

    /** mix is written out for speed; the hardware and this test's inverse are built from MIX_STEPS. */
    @Test
    void mixIsItsStepsInOrder() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            int x = i < 2 ? -i : rng.nextInt();
            int y = x;
            for (DitherHash.MixStep s : DitherHash.MIX_STEPS) y = s.apply(y);
            assertEquals(y, DitherHash.mix(x), "mix of " + Integer.toHexString(x));
        }
    }

    /** docs/numerics.md section 11 states the rounds, rotations, site fields, coordinate fields and mix steps. */
    @Test
    void numericsPageStatesTheDeclaredConstants() {
        List<String> lines = DocsPage.read("numerics.md").lines();
        assertEquals(List.of("R  = " + DitherHash.ROTATIONS),
                lines.stream().filter(l -> l.startsWith("R  = [")).map(l -> l.substring(0, l.indexOf(']') + 1)).toList());
        assertTrue(lines.contains("for r = 0 .. " + (DitherHash.ROUNDS - 1) + ":                               "
                + DitherHash.ROUNDS + " rounds"), "Threefry's round loop");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("site(k, m)          = (k << " + DitherHash.SITE_FIELD_BITS
                + ") | m")), "site word");
        assertTrue(lines.stream().anyMatch(l -> l.contains("^ ((row << " + DitherHash.INDEX_BITS + ") | col) )")),
                "dither coordinates");
        Pattern step = Pattern.compile("^ {4}x = x (\\^ \\(x >>> |\\+ \\(x << )(\\d+)\\).*");
        List<DitherHash.MixStep> documented = new ArrayList<>();
        for (String l : lines) {
            Matcher m = step.matcher(l);
            if (m.matches()) documented.add(new DitherHash.MixStep(m.group(1).startsWith("^"), Integer.parseInt(m.group(2))));
        }
        assertEquals(DitherHash.MIX_STEPS, documented);
    }

    @Test
    void mixIsABijection() {
        Random rnd = new Random(11);
        for (int i = 0; i < 1 << 16; i++) {
            int x = rnd.nextInt();
            assertEquals(x, unmix(DitherHash.mix(x)));
            assertEquals(x, DitherHash.mix(unmix(x)));
        }
        // 2^20 consecutive inputs (one row of columns, and more) give 2^20 distinct outputs
        int n = 1 << 20;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = DitherHash.mix(0x2985350A ^ i);
        Arrays.sort(out);
        for (int i = 1; i < n; i++) assertTrue(out[i] != out[i - 1], "collision");
    }

    // ---- neighbouring synapses get uncorrelated rounding offsets

    /** Mean over sample keys of the correlation between u(row, col) and u(row + dr, col + dc). */
    static double neighbourCorrelation(IntUnaryOperator mix, int shift, int dr, int dc, int keys) {
        long mask = shift == 32 ? 0xFFFF_FFFFL : (1L << shift) - 1;
        double scale = Math.scalb(1.0, shift);
        double sum = 0;
        for (int t = 0; t < keys; t++) {
            int key = DitherHash.sampleKey(1, t, 1, DitherHash.MATRIX_W);
            double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            int n = 0;
            for (int r = 0; r < 16; r++) {
                for (int c = 0; c < 64; c++) {
                    double a = ((mix.applyAsInt(key ^ ((r << 16) | c)) & 0xFFFF_FFFFL) & mask) / scale;
                    double b = ((mix.applyAsInt(key ^ (((r + dr) << 16) | (c + dc))) & 0xFFFF_FFFFL) & mask) / scale;
                    sx += a;
                    sy += b;
                    sxx += a * a;
                    syy += b * b;
                    sxy += a * b;
                    n++;
                }
            }
            double cov = sxy / n - (sx / n) * (sy / n);
            sum += cov / Math.sqrt((sxx / n - (sx / n) * (sx / n)) * (syy / n - (sy / n) * (sy / n)));
        }
        return sum / keys;
    }

    @Test
    void neighbouringDithersAreUncorrelated() {
        int[][] lags = {{0, 1}, {0, 2}, {0, 4}, {1, 0}, {1, 1}};
        for (int shift : new int[] {1, 3, 8, 19, 28, 32}) {
            for (int[] lag : lags) {
                double r = neighbourCorrelation(DitherHash::mix, shift, lag[0], lag[1], 100);
                // the noise of this estimate is about 0.003
                assertTrue(Math.abs(r) < 0.02, "S=" + shift + " lag " + Arrays.toString(lag) + ": r=" + r);
            }
        }
    }

    /** The seven-step mix this one replaced: xor-shift 16, *9, xor-shift 11, *32769, xor-shift 13, *129, xor-shift 16. */
    static int sevenStepMix(int x) {
        x ^= x >>> 16;
        x += x << 3;
        x ^= x >>> 11;
        x += x << 15;
        x ^= x >>> 13;
        x += x << 7;
        x ^= x >>> 16;
        return x;
    }

    /** Why mix has nine steps: the seven-step one fails the test above by far (so that test can fail). */
    @Test
    void theSevenStepMixWasCorrelated() {
        assertTrue(neighbourCorrelation(DitherHashTest::sevenStepMix, 19, 0, 1, 50) < -0.1);
        assertTrue(neighbourCorrelation(DitherHashTest::sevenStepMix, 32, 0, 1, 50) > 0.5);
        assertTrue(neighbourCorrelation(DitherHashTest::sevenStepMix, 1, 0, 2, 50) < -0.1);
    }

    @Test
    void lowBitsAreUniform() {
        int key = DitherHash.sampleKey(3, 77, 0, DitherHash.MATRIX_W);
        for (int shift : new int[] {1, 4, 19, 28}) {
            long[] counts = new long[16];
            int n = 1 << 16;
            for (int i = 0; i < n; i++) {
                long u = (DitherHash.dither(key, i >>> 8, i & 255) & 0xFFFF_FFFFL) & ((1L << shift) - 1);
                counts[(int) ((u << 4) >>> shift)]++;
            }
            int bins = Math.min(16, 1 << shift);
            for (int b = 0; b < 16; b++) {
                if ((b * bins) % 16 != 0) continue;
                double expected = (double) n / bins;
                long got = 0;
                for (int j = b; j < b + 16 / bins; j++) got += counts[j];
                assertEquals(expected, got, 6 * Math.sqrt(expected), "S=" + shift + " bin " + b);
            }
        }
    }

    // ---- the result does not depend on the visiting order or the number of lanes

    @Test
    void updatesDoNotDependOnVisitingOrderOrLanes() {
        int rows = 7;
        int cols = 12;
        Random rnd = new Random(5);
        int[] w0 = new int[rows * cols];
        int[] e = new int[rows];
        int[] h = new int[cols];
        for (int i = 0; i < w0.length; i++) w0[i] = rnd.nextInt(65536) - 32768;
        for (int r = 0; r < rows; r++) e[r] = rnd.nextInt(9000) - 4500;
        for (int c = 0; c < cols; c++) h[c] = c % 3 == 0 ? 0 : rnd.nextInt(6000);
        for (Rounding rounding : Rounding.values()) {
            for (boolean decays : new boolean[] {false, true}) {
                SynapseUpdate u = new SynapseUpdate(Numerics.defaults().withRounding(rounding), decays);
                int key = DitherHash.sampleKey(42, 1000, 1, DitherHash.MATRIX_W);
                int[] reference = w0.clone();
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) reference[r * cols + c] = step(u, w0, e, h, cols, key, r * cols + c);
                }
                String what = rounding + " decays=" + decays;

                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < rows * cols; i++) order.add(i);
                for (int shuffle = 0; shuffle < 5; shuffle++) {
                    Collections.shuffle(order, new Random(shuffle));
                    int[] w = w0.clone();
                    for (int i : order) w[i] = step(u, w0, e, h, cols, key, i);
                    assertArrayEquals(reference, w, what + " shuffled order " + shuffle);
                }

                int[] colMajor = w0.clone();
                for (int c = 0; c < cols; c++) {
                    for (int r = 0; r < rows; r++) colMajor[r * cols + c] = step(u, w0, e, h, cols, key, r * cols + c);
                }
                assertArrayEquals(reference, colMajor, what + " column-major");

                for (int lanes = 1; lanes <= rows * cols; lanes++) {
                    // the hardware's chunks (Layout, ragged ones included): chunk t, lane l holds word
                    // t*used + l of the padded layout; idle lanes hold no synapse. Lanes finish in reverse order.
                    Layout.LayerLayout k = new Layout(DesignSpec.tiny().withLayers(List.of(cols, rows)).withLanes(lanes)).layer(0);
                    int[] w = w0.clone();
                    for (int t = 0; t < k.chunks(); t++) {
                        for (int l = k.used() - 1; l >= 0; l--) {
                            int s = t * k.used() + l;
                            int r = s / k.stride();
                            int c = s % k.stride();
                            if (r < rows && c < cols) w[r * cols + c] = step(u, w0, e, h, cols, key, r * cols + c);
                        }
                    }
                    assertArrayEquals(reference, w, what + " lanes=" + lanes);
                }

                // the fast model's row kernel, rows visited bottom-up
                int[] kernel = w0.clone();
                for (int r = rows - 1; r >= 0; r--) u.updateRow(kernel, r * cols, cols, e[r], h, DitherHash.rowKey(key, r));
                assertArrayEquals(reference, kernel, what + " row kernel");

                if (rounding == Rounding.STOCHASTIC) {
                    int other = DitherHash.sampleKey(42, 1001, 1, DitherHash.MATRIX_W);
                    int[] next = w0.clone();
                    for (int i = 0; i < next.length; i++) next[i] = step(u, w0, e, h, cols, other, i);
                    assertFalse(Arrays.equals(reference, next), "the next sample must round differently somewhere");
                }
            }
        }
    }

    private static int step(SynapseUpdate u, int[] w0, int[] e, int[] h, int cols, int key, int i) {
        int r = i / cols;
        int c = i % cols;
        return (int) u.apply(w0[i], (long) e[r] * h[c], DitherHash.dither(key, r, c));
    }
}
