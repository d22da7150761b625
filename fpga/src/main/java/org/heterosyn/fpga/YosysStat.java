package org.heterosyn.fpga;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Yosys {@code stat} report: the cells of each module, and the design's total. With hierarchy kept
 * ({@code stat -top T}) the report ends in a "design hierarchy" section whose counts cover every
 * instance; flat, the one module's counts are the total.
 */
public record YosysStat(Map<String, Map<String, Integer>> modules, Map<String, Integer> total) {
    private static final Pattern SECTION = Pattern.compile("^=== (.+) ===\\s*$", Pattern.MULTILINE);
    private static final Pattern CELL = Pattern.compile("^\\s{5,}(\\S+)\\s+(\\d+)\\s*$", Pattern.MULTILINE);
    private static final String HIERARCHY = "design hierarchy";

    public static YosysStat parse(String stat) {
        Map<String, Map<String, Integer>> modules = new LinkedHashMap<>();
        Map<String, Integer> total = Map.of();
        Matcher s = SECTION.matcher(stat);
        int start = -1;
        String name = null;
        while (true) {
            boolean more = s.find();
            if (name != null) {
                String body = stat.substring(start, more ? s.start() : stat.length());
                Map<String, Integer> cells = cells(body.substring(Math.max(0, body.indexOf("Number of cells"))));
                if (name.equals(HIERARCHY)) total = cells;
                else modules.put(name, cells);
            }
            if (!more) break;
            name = s.group(1).trim();
            start = s.end();
        }
        if (modules.isEmpty()) throw new FpgaException("no module in the Yosys stat report");
        if (total.isEmpty()) total = modules.values().stream().reduce((a, b) -> b).orElseThrow();
        return new YosysStat(Map.copyOf(modules), Map.copyOf(total));
    }

    /** Count of one cell type in the whole design (0 if absent). */
    public int count(String cell) {
        return total.getOrDefault(cell, 0);
    }

    /** Sum of the counts of every cell type starting with {@code prefix} (e.g. all SB_DFF variants). */
    public int countPrefix(String prefix) {
        return total.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToInt(Map.Entry::getValue).sum();
    }

    private static Map<String, Integer> cells(String body) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Matcher m = CELL.matcher(body);
        while (m.find()) out.merge(m.group(1), Integer.parseInt(m.group(2)), Integer::sum);
        return out;
    }
}
