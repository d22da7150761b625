package org.heterosyn.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.rtl.Firtool;
import org.heterosyn.rtl.Generator;
import org.heterosyn.spec.Spram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Resource estimate by Yosys synthesis for the iCE40 (synth_ice40 with the manifest's flags, then
 * stat -json): mapped cells, LUTs, DSPs and RAMs; no fmax (that needs place-and-route). Stands in
 * until the fpga module's estimate lands.
 *
 * <p>Synthesis takes about a minute per design even for the smallest network (the controller and the
 * streams are most of it), so results are cached on disk under the heterosyn cache
 * (Firtool.defaultCache(), yosys-estimates/), keyed by a hash of the Yosys version, the script and
 * the SystemVerilog: a sweep that changes only training settings, the clock or the board, or that is
 * run again, synthesizes nothing. Yosys is deterministic for the same inputs, so a hit is the same bits.
 */
public final class YosysEstimator implements ResourceEstimator {
    public static final String NAME = "yosys synth_ice40";
    private static final long TIMEOUT_S = 1800;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CACHE_DIR = "yosys-estimates";

    @Override
    public Resources estimate(Generator.Result design) {
        if (ToolVersions.YOSYS.get().equals("missing")) return Resources.unavailable("yosys is not installed");
        String script = script(design);
        try {
            Path cached = Firtool.defaultCache().resolve(CACHE_DIR).resolve(key(design, script) + ".json");
            if (Files.exists(cached)) return JSON.readValue(cached.toFile(), Resources.class);
            Resources r = synthesize(design, script);
            Files.createDirectories(cached.getParent());
            // Written whole, then renamed: parallel tasks on one machine may race to store the same entry.
            Path tmp = Files.createTempFile(cached.getParent(), "entry", ".tmp");
            JSON.writeValue(tmp.toFile(), r);
            Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("yosys estimate cache: " + e.getMessage(), e);
        }
    }

    private static String script(Generator.Result design) {
        List<String> files = new ArrayList<>();
        for (Path p : design.sources()) files.add(design.outDir().relativize(p).toString());
        return "read_verilog -sv " + String.join(" ", files) + "; synth_ice40 "
                + String.join(" ", Manifest.SYNTHESIS.yosysFlags()) + " -top " + design.manifest().top()
                + "; tee -q -o stat.json stat -json";
    }

    private static Resources synthesize(Generator.Result design, String script) {
        Path dir = design.outDir();
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

    private static String key(Generator.Result design, String script) throws IOException {
        StringBuilder all = new StringBuilder(ToolVersions.YOSYS.get()).append('\n').append(script).append('\n');
        for (Path p : design.sources()) all.append(p.getFileName()).append('\n').append(Files.readString(p));
        return SweepKeys.sha256(all.toString());
    }

    private static String tail(String s) {
        return s.length() <= 2000 ? s : "..." + s.substring(s.length() - 2000);
    }
}
