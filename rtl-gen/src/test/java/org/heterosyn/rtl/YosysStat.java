package org.heterosyn.rtl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Cell counts of the last module in a Yosys `stat` report. */
final class YosysStat {
    private static final Pattern CELL = Pattern.compile("^\\s+(SB_\\w+)\\s+(\\d+)\\s*$", Pattern.MULTILINE);

    private YosysStat() {}

    static Map<String, Integer> cells(String stat) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Matcher m = CELL.matcher(stat);
        while (m.find()) out.put(m.group(1), Integer.parseInt(m.group(2)));
        return out;
    }
}
