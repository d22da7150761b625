package org.heterosyn.rtl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the registers, memories and instances out of firtool's SystemVerilog (one module per file). */
final class SvScan {
    private static final Pattern MODULE = Pattern.compile("^module (\\w+)\\(", Pattern.MULTILINE);
    private static final Pattern REG = Pattern.compile("^\\s*reg\\s+(?:\\[(\\d+):0\\]\\s+)?(\\w+)(?:\\[0:(\\d+)\\])?;",
            Pattern.MULTILINE);
    private static final Pattern INST = Pattern.compile("^\\s+(\\w+)\\s+(\\w+)\\s+\\($", Pattern.MULTILINE);

    /** A register (depth 0) or memory array of a module. */
    record Reg(String name, int width, int depth) {}

    record Mod(String name, List<Reg> regs, Map<String, String> instances) {}

    private SvScan() {}

    static Map<String, Mod> read(List<Path> files) throws IOException {
        Map<String, Mod> mods = new LinkedHashMap<>();
        for (Path f : files) {
            String text = Files.readString(f);
            Matcher mm = MODULE.matcher(text);
            while (mm.find()) {
                int end = text.indexOf("endmodule", mm.end());
                String body = text.substring(mm.end(), end);
                List<Reg> regs = new ArrayList<>();
                Matcher r = REG.matcher(body);
                while (r.find()) {
                    int w = r.group(1) == null ? 1 : Integer.parseInt(r.group(1)) + 1;
                    int d = r.group(3) == null ? 0 : Integer.parseInt(r.group(3)) + 1;
                    regs.add(new Reg(r.group(2), w, d));
                }
                Map<String, String> inst = new LinkedHashMap<>();
                Matcher i = INST.matcher(body);
                while (i.find()) {
                    if (!i.group(1).equals("module")) inst.put(i.group(2), i.group(1));
                }
                mods.put(mm.group(1), new Mod(mm.group(1), regs, inst));
            }
        }
        return mods;
    }

    /** Every register below {@code top} by instance path ("u_ctrl.state_q"), with its width and depth. */
    static Map<String, Reg> flatten(Map<String, Mod> mods, String top) {
        Map<String, Reg> out = new LinkedHashMap<>();
        walk(mods, top, "", out);
        return out;
    }

    /** Instance paths of instances of module {@code type} below top. */
    static List<String> instancesOf(Map<String, Mod> mods, String top, String type) {
        List<String> out = new ArrayList<>();
        find(mods, top, "", type, out);
        return out;
    }

    private static void walk(Map<String, Mod> mods, String module, String prefix, Map<String, Reg> out) {
        Mod m = mods.get(module);
        if (m == null) return;
        for (Reg r : m.regs()) out.put(prefix + r.name(), r);
        for (Map.Entry<String, String> i : m.instances().entrySet()) walk(mods, i.getValue(), prefix + i.getKey() + ".", out);
    }

    private static void find(Map<String, Mod> mods, String module, String prefix, String type, List<String> out) {
        Mod m = mods.get(module);
        if (m == null) return;
        for (Map.Entry<String, String> i : m.instances().entrySet()) {
            if (i.getValue().equals(type)) out.add(prefix + i.getKey());
            find(mods, i.getValue(), prefix + i.getKey() + ".", type, out);
        }
    }
}
