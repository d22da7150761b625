package org.heterosyn.fpga;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What nextpnr-ice40 prints: the device utilisation and the maximum frequency of each clock. */
public record NextpnrLog(Map<String, Integer> used, OptionalDouble fmaxMhz) {
    // "Info: 	         ICESTORM_LC:  5199/ 5280    98%"
    private static final Pattern USE = Pattern.compile("^Info:\\s+(\\w+):\\s+(\\d+)/\\s*(\\d+)\\s+\\d+%", Pattern.MULTILINE);
    // "Info: Max frequency for clock 'osc_i$SB_IO_IN_$glb_clk': 25.23 MHz (PASS at 24.00 MHz)"
    private static final Pattern FMAX = Pattern.compile("Max frequency for clock '([^']+)': ([0-9.]+) MHz");

    public static NextpnrLog parse(String log) {
        // Each report replaces the last: utilisation is printed after packing, Fmax after placement and
        // again after routing, and the final figures are the ones that hold.
        Map<String, Integer> used = new LinkedHashMap<>();
        Matcher u = USE.matcher(log);
        while (u.find()) used.put(u.group(1), Integer.parseInt(u.group(2)));
        Map<String, Double> fmax = new LinkedHashMap<>();
        Matcher f = FMAX.matcher(log);
        while (f.find()) fmax.put(f.group(1), Double.parseDouble(f.group(2)));
        if (used.isEmpty()) throw new FpgaException("nextpnr printed no device utilisation");
        return new NextpnrLog(Map.copyOf(used), fmax.values().stream().mapToDouble(Double::doubleValue).min());
    }

    public int used(String bel) {
        return used.getOrDefault(bel, 0);
    }
}
