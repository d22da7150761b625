package org.heterosyn.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.heterosyn.fpga.BoardFiles;
import org.heterosyn.fpga.Flow;
import org.heterosyn.fpga.Report;
import org.heterosyn.fpga.ReportField;
import org.heterosyn.rtl.Firtool;
import org.heterosyn.rtl.Generator;
import org.heterosyn.spec.DesignSpec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The fpga module's estimate (`heterosyn fpga estimate`: Yosys synthesis and nextpnr packing for the
 * board) as a sweep's resource figures.
 *
 * <p>Synthesis takes about a minute per design even for the smallest network (the controller and the
 * streams are most of it), so results are cached on disk under the heterosyn cache
 * (Firtool.defaultCache(), fpga-estimates/), keyed by a hash of the generated SystemVerilog, the board
 * and the tool versions: a sweep run again, or one that changes only training settings or the clock,
 * synthesizes nothing. The tools are deterministic for the same inputs, so a hit gives the same bits.
 */
public final class FlowEstimator implements ResourceEstimator {
    public static final String NAME = "fpga estimate (yosys synthesis, nextpnr packing)";
    private static final String CACHE_DIR = "fpga-estimates";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> RUNNING = new ConcurrentHashMap<>();

    @Override
    public Resources estimate(DesignSpec spec, String board, double clockMhz) {
        BoardFiles files = BoardFiles.load(board);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("heterosyn-sweep-");
            String key = key(spec, files, dir.resolve("rtl"));
            Path cached = Firtool.defaultCache().resolve(CACHE_DIR).resolve(key + ".json");
            // Points of one design (other clocks, say) often run side by side: the first synthesizes, the rest wait for it.
            synchronized (RUNNING.computeIfAbsent(key, k -> new Object())) {
                if (Files.exists(cached)) return JSON.readValue(cached.toFile(), Resources.class);
                Report r = new Flow(new PrintStream(OutputStream.nullOutputStream()))
                        .estimate(new Flow.Job(spec, files, dir.resolve("flow"), clockMhz), false);
                Resources res = resources(r);
                store(cached, res);
                return res;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("fpga estimate: " + e.getMessage(), e);
        } finally {
            if (dir != null) delete(dir);
        }
    }

    @SuppressWarnings("unchecked") // Flow puts a List<String> under PROBLEMS
    private static Resources resources(Report r) {
        return new Resources((Integer) r.get(ReportField.LUTS), (Integer) r.get(ReportField.DSPS),
                (Integer) r.get(ReportField.EBRS), (Integer) r.get(ReportField.SPRAMS), (Double) r.get(ReportField.FMAX_MHZ),
                r.fits(), List.copyOf((List<String>) r.get(ReportField.PROBLEMS)), NAME);
    }

    /** The design's SystemVerilog (generated here, in process), the board and the tools, hashed. */
    private static String key(DesignSpec spec, BoardFiles board, Path rtl) throws IOException {
        Generator.Result g = new Generator(Firtool.fromClasspath()).run(spec, rtl);
        ToolVersions t = ToolVersions.here("");
        StringBuilder all = new StringBuilder(t.yosys()).append('\n').append(t.nextpnr()).append('\n')
                .append(board).append('\n');
        for (Path p : g.sources()) all.append(p.getFileName()).append('\n').append(Files.readString(p));
        return SweepKeys.sha256(all.toString());
    }

    /** Written whole, then renamed: parallel tasks on one machine may store the same entry at once. */
    private static void store(Path cached, Resources r) throws IOException {
        Files.createDirectories(cached.getParent());
        Path tmp = Files.createTempFile(cached.getParent(), "entry", ".tmp");
        JSON.writeValue(tmp.toFile(), r);
        Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory costs disk space, not correctness.
        }
    }
}
