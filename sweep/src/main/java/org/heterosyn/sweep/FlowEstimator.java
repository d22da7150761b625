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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The fpga module's flow as a sweep's resource figures: by default the estimate (`heterosyn fpga
 * estimate`: Yosys synthesis and nextpnr packing for the board), or with place-and-route the build
 * (`heterosyn fpga build` at the point's clock), which adds fmax and takes up to half an hour a design.
 *
 * <p>Synthesis takes about a minute per design even for the smallest network (the controller and the
 * streams are most of it), so results are cached on disk under the heterosyn cache
 * (Firtool.defaultCache(), fpga-estimates/), keyed by a hash of the generated SystemVerilog, the board
 * and the tool versions, and for a build also the clock target: a sweep run again, or one that changes
 * only training settings (or, for estimates, the clock), synthesizes nothing. The tools are
 * deterministic for the same inputs, so a hit gives the same bits.
 */
public final class FlowEstimator implements ResourceEstimator {
    public static final String NAME = "fpga estimate (yosys synthesis, nextpnr packing)";
    public static final String PLACE_AND_ROUTE = "fpga build (yosys synthesis, nextpnr place-and-route at the clock)";
    private static final String CACHE_DIR = "fpga-estimates";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> RUNNING = new ConcurrentHashMap<>();

    private final boolean placeAndRoute;

    /** The estimate: cells, DSPs and RAMs as packed, no fmax. */
    public FlowEstimator() {
        this(false);
    }

    /** {@code placeAndRoute}: also place and route every design that fits, at the point's clock, for fmax. */
    public FlowEstimator(boolean placeAndRoute) {
        this.placeAndRoute = placeAndRoute;
    }

    @Override
    public String name() {
        return placeAndRoute ? PLACE_AND_ROUTE : NAME;
    }

    @Override
    public Resources estimate(DesignSpec spec, String board, double clockMhz) {
        BoardFiles files = BoardFiles.load(board);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("heterosyn-sweep-");
            String design = key(spec, files, dir.resolve("rtl"));
            Flow flow = new Flow(new PrintStream(OutputStream.nullOutputStream()));
            Path work = dir;
            Resources packed = cached(design, () -> resources(
                    flow.estimate(new Flow.Job(spec, files, work.resolve("flow"), clockMhz), false), NAME));
            if (!placeAndRoute) return packed;
            // A design that does not fit is not placed (Flow.build would refuse it): its packed figures, no fmax.
            if (!Boolean.TRUE.equals(packed.fits())) return packed.by(PLACE_AND_ROUTE);
            String routed = SweepKeys.sha256(design + ";place-and-route at " + String.format(Locale.ROOT, "%.6f", clockMhz));
            return cached(routed, () -> resources(flow.build(new Flow.Job(spec, files, work.resolve("build"), clockMhz)),
                    PLACE_AND_ROUTE));
        } catch (IOException e) {
            throw new UncheckedIOException("fpga estimate: " + e.getMessage(), e);
        } finally {
            if (dir != null) delete(dir);
        }
    }

    /** The cache entry under {@code key}, computed and stored if missing. */
    private static Resources cached(String key, Supplier<Resources> compute) throws IOException {
        Path cached = Firtool.defaultCache().resolve(CACHE_DIR).resolve(key + ".json");
        // Points of one design (other clocks, say) often run side by side: the first synthesizes, the rest wait for it.
        synchronized (RUNNING.computeIfAbsent(key, k -> new Object())) {
            if (Files.exists(cached)) return JSON.readValue(cached.toFile(), Resources.class);
            Resources res = compute.get();
            store(cached, res);
            return res;
        }
    }

    @SuppressWarnings("unchecked") // Flow puts a List<String> under PROBLEMS
    private static Resources resources(Report r, String estimator) {
        return new Resources((Integer) r.get(ReportField.LUTS), (Integer) r.get(ReportField.DSPS),
                (Integer) r.get(ReportField.EBRS), (Integer) r.get(ReportField.SPRAMS), (Double) r.get(ReportField.FMAX_MHZ),
                r.fits(), List.copyOf((List<String>) r.get(ReportField.PROBLEMS)), estimator);
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
