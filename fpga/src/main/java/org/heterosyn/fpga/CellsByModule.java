package org.heterosyn.fpga;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the cells go: each module's own cells (hierarchy kept, {@code estimate --per-module}) times its
 * instances, as the markdown table of docs/fpga.md "Where the cells go".
 */
public final class CellsByModule {
    private static final String LUT = "SB_LUT4";
    private static final String CARRY = "SB_CARRY";
    private static final String FF = "SB_DFF";

    private CellsByModule() {}

    /** Markdown rows, the largest LUT4 share first. */
    public static String table(YosysStat stat, String top) {
        Map<String, Integer> instances = new HashMap<>();
        count(stat, top, 1, instances);
        int total = instances.entrySet().stream().mapToInt(e -> e.getValue() * own(stat, e.getKey(), LUT)).sum();
        List<String> names = new ArrayList<>(instances.keySet());
        names.sort(Comparator.comparingInt((String n) -> -instances.get(n) * own(stat, n, LUT)).thenComparing(n -> n));
        StringBuilder out = new StringBuilder("| module | instances | LUT4 each | carries each | flip-flops each | "
                + "DSP each | LUT4 all instances | share of LUT4 |\n|---|---|---|---|---|---|---|---|\n");
        for (String n : names) {
            int k = instances.get(n);
            int lut = own(stat, n, LUT);
            if (own(stat, n, "SB_") == 0) continue;             // only instances of other modules
            out.append(String.format(Locale.ROOT, "| `%s` | %d | %d | %d | %d | %d | %d | %d%% |%n", n, k, lut, own(stat, n, CARRY),
                    own(stat, n, FF), own(stat, n, Usage.ICE40_DSP), k * lut, Math.round(100.0 * k * lut / total)));
        }
        out.append(String.format(Locale.ROOT, "| all | | | | | | %d | |%n", total));
        return out.toString();
    }

    private static void count(YosysStat stat, String module, int k, Map<String, Integer> instances) {
        instances.merge(module, k, Integer::sum);
        for (Map.Entry<String, Integer> c : stat.modules().getOrDefault(module, Map.of()).entrySet())
            if (stat.modules().containsKey(c.getKey())) count(stat, c.getKey(), k * c.getValue(), instances);
    }

    /** A module's own cells of a kind (a prefix: every SB_DFF variant is a flip-flop). */
    private static int own(YosysStat stat, String module, String prefix) {
        return stat.modules().getOrDefault(module, Map.of()).entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix)).mapToInt(Map.Entry::getValue).sum();
    }
}
