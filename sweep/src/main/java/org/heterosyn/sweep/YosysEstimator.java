package org.heterosyn.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.rtl.Generator;
import org.heterosyn.spec.Spram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resource estimate by Yosys synthesis for the iCE40 (synth_ice40 with the manifest's flags, then
 * stat -json): mapped cells, LUTs, DSPs and RAMs; no fmax (that needs place-and-route). Stands in
 * until the fpga module's estimate lands. Designs that differ only in what the RTL does not hold
 * (a learning shift, say) lower to the same SystemVerilog, so each JVM keeps results by its hash.
 */
public final class YosysEstimator implements ResourceEstimator {
    public static final String NAME = "yosys synth_ice40";
    private static final long TIMEOUT_S = 1800;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Resources> CACHE = new ConcurrentHashMap<>();

    @Override
    public Resources estimate(Generator.Result design) {
        if (ToolVersions.YOSYS.get().equals("missing")) return Resources.unavailable("yosys is not installed");
        try {
            return CACHE.computeIfAbsent(svHash(design), h -> synthesize(design));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the generated SystemVerilog: " + e.getMessage(), e);
        }
    }

    private static Resources synthesize(Generator.Result design) {
        Path dir = design.outDir();
        List<String> files = new ArrayList<>();
        for (Path p : design.sources()) files.add(dir.relativize(p).toString());
        String script = "read_verilog -sv " + String.join(" ", files) + "; synth_ice40 "
                + String.join(" ", Manifest.SYNTHESIS.yosysFlags()) + " -top " + design.manifest().top()
                + "; tee -q -o stat.json stat -json";
        try {
            ExternalTools.Run run = ExternalTools.run(dir, List.of("yosys", "-q", "-p", script), TIMEOUT_S);
            if (run.exit() != 0) throw new IllegalStateException("yosys failed (exit " + run.exit() + "): " + tail(run.output()));
            JsonNode total = JSON.readTree(dir.resolve("stat.json").toFile()).path("design");
            JsonNode by = total.path("num_cells_by_type");
            return new Resources(total.path("num_cells").asInt(), by.path("SB_LUT4").asInt(0), by.path("SB_MAC16").asInt(0),
                    by.path("SB_RAM40_4K").asInt(0), by.path(Spram.PRIMITIVE).asInt(0), null, NAME);
        } catch (IOException e) {
            throw new IllegalStateException("yosys: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while yosys ran", e);
        }
    }

    private static String svHash(Generator.Result design) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path p : design.sources()) all.append(p.getFileName()).append('\n').append(Files.readString(p));
        return SweepKeys.sha256(all.toString());
    }

    private static String tail(String s) {
        return s.length() <= 2000 ? s : "..." + s.substring(s.length() - 2000);
    }
}
