package org.heterosyn.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Pareto fronts of a sweep: a point is on the front when no other point is at least as good on both
 * figures and better on one. Accuracy is maximised; the cost is minimised (cells) or, given as a
 * negated benefit, samples/s maximised.
 */
public final class Pareto {
    private Pareto() {}

    /** Rows on the front of accuracy (higher is better) against cost (lower is better); rows lacking either are off it. */
    public static List<PointResult> front(List<PointResult> rows, ToDoubleFunction<PointResult> cost) {
        List<PointResult> measured = rows.stream().filter(r -> r.ok() && r.testAccuracy() != null
                && !Double.isNaN(cost.applyAsDouble(r))).toList();
        List<PointResult> front = new ArrayList<>();
        for (PointResult r : measured) {
            boolean dominated = false;
            for (PointResult o : measured) {
                if (dominates(o, r, cost)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) front.add(r);
        }
        return front;
    }

    /** Cells of a row, NaN when not estimated. */
    public static double cells(PointResult r) {
        return r.resources() == null || r.resources().cells() == null ? Double.NaN : r.resources().cells();
    }

    /** Samples/s as a cost: negated, so that lower is better. */
    public static double slowness(PointResult r) {
        return r.samplesPerS() == null ? Double.NaN : -r.samplesPerS();
    }

    private static boolean dominates(PointResult a, PointResult b, ToDoubleFunction<PointResult> cost) {
        double ca = cost.applyAsDouble(a);
        double cb = cost.applyAsDouble(b);
        double aa = a.testAccuracy();
        double ab = b.testAccuracy();
        return aa >= ab && ca <= cb && (aa > ab || ca < cb);
    }
}
