package org.heterosyn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.heterosyn.cosim.Cosim;
import org.heterosyn.cosim.CosimRunner;
import org.heterosyn.cosim.TrainingStimulus;
import org.heterosyn.data.Dataset;
import org.heterosyn.data.IdxReader;
import org.heterosyn.driver.DeviceEngine;
import org.heterosyn.driver.VerilatorDevice;
import org.heterosyn.board.Boards;
import org.heterosyn.files.OutputDir;
import org.heterosyn.fpga.BoardFiles;
import org.heterosyn.fpga.Flow;
import org.heterosyn.fpga.Report;
import org.heterosyn.fpga.ReportField;
import org.heterosyn.files.OutputException;
import org.heterosyn.files.OutputLock;
import org.heterosyn.learning.FastEngine;
import org.heterosyn.learning.Trainer;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.rtl.Generator;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.SpecJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "pipeline", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "The main job: the whole path on one design, from spec to learning hardware.",
            "",
            "1. generate the RTL; 2. co-simulate it under Verilator against the cycle emulator, in lockstep, on "
                + "the first Fashion-MNIST training commands; 3. train the RTL under Verilator through the driver on "
                + "a stretch of Fashion-MNIST; 4. train the fast model on the same stretch and check that the "
                + "weights are bit-identical; 5. train the fast model for the full run and report test accuracy, "
                + "the angle between B and W^T, the update-versus-gradient cosine and throughput; 6. the board report: "
                + "the design with its board top synthesised for the iCEBreaker (fpga estimate: cells, DSPs, RAMs, "
                + "cycles per TRAIN, samples/s at 24 MHz, whether it fits; docs/fpga.md). Writes "
                + "DIR/summary.json and the results of every step under DIR. Exit code 0 only when the co-simulation "
                + "passed and the RTL and fast model agreed bit for bit."},
        footer = {"", "Example: bin/heterosyn pipeline --out out/main"})
final class PipelineCommand implements Callable<Integer> {
    @Option(names = "--spec", paramLabel = "FILE", description = "Design spec. Default: the shipped spec/specs/default.json.")
    Path specFile;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/main", description = "Output directory. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--cosim-cycles", paramLabel = "N", defaultValue = "1000000",
            description = "Cycles of lockstep co-simulation on training commands. Default: ${DEFAULT-VALUE}.")
    long cosimCycles;

    @Option(names = "--rtl-samples", paramLabel = "N", defaultValue = "10000",
            description = "Training samples run on the RTL under Verilator. Default: ${DEFAULT-VALUE}.")
    int rtlSamples;

    @Option(names = "--rtl-test", paramLabel = "N", defaultValue = "2000",
            description = "Test samples evaluated on the RTL (each costs a full inference on the simulated hardware). "
                    + "Default: ${DEFAULT-VALUE}.")
    int rtlTest;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3", description = "Epochs of the full fast-model run. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Fashion-MNIST IDX directory. Default: /usr/share/datasets/fashion-mnist.")
    Path dataDir;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    /** What a run writes under --out; the next run removes them first (summary.json before the rest). */
    private static final String SUMMARY = "summary.json";
    private static final String DESIGN = "design";
    private static final String MISMATCH = "cosim-mismatch";
    private static final String RTL = "rtl";
    private static final String FAST = "fast";
    private static final String BOARD = "board";
    private static final List<String> OUTPUTS = List.of(SUMMARY, DESIGN, MISMATCH, RTL, FAST, BOARD);
    private static final int STEPS = 6;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out) && !Files.isDirectory(out)) throw new OutputException("--out: " + out + " is not a directory");
        // Its steps write into subdirectories as they go, so one run holds the directory throughout,
        // and summary.json, written last and renamed into place, says that a run finished.
        try (OutputLock lock = OutputLock.take(out)) {
            for (String f : OUTPUTS) OutputDir.deleteTree(out.resolve(f));
            return run();
        }
    }

    private int run() throws Exception {
        DesignSpec spec = specFile == null ? SpecJson.readDefault() : SpecJson.read(specFile);
        Dataset data = IdxReader.mnistDirectory(dataDir == null ? IdxReader.FASHION_MNIST : dataDir, "fashion-mnist");
        Files.createDirectories(out);
        ObjectNode summary = new ObjectMapper().createObjectNode();
        summary.set("spec", new ObjectMapper().readTree(SpecJson.write(spec)));
        System.out.printf(Locale.ROOT, "== heterosyn main job: %s %s, rule %s, %s rounding, %d lanes, %s memory%n",
                spec.name(), spec.layers(), spec.rule().id(), spec.numerics().rounding().id(), spec.lanes(), spec.memory().id());

        banner(1, "generate the RTL");
        Path design = out.resolve(DESIGN);
        Manifest manifest = Generator.generate(spec, design).manifest();

        banner(2, "co-simulate RTL (Verilator) and cycle emulator in lockstep on Fashion-MNIST training commands");
        long t0 = System.nanoTime();
        Cosim.Report cosim = CosimRunner.run(spec, design, manifest,
                new Cosim.Options(cosimCycles, 1, 100, out.resolve(MISMATCH), 50), new TrainingStimulus(spec, data));
        double cosimS = (System.nanoTime() - t0) * 1e-9;
        String verdict = cosim.passed()
                ? String.format(Locale.ROOT, "PASS: %,d cycles, every register %s, every response word identical",
                cosim.cyclesCompared(), manifest.memories().stream().mapToLong(m -> m.depth()).sum() <= 4096
                        ? "and memory word every cycle" : "every cycle and every memory word every 4096 cycles")
                : "FAIL: " + cosim.mismatch() + " (waveforms and reproducer in " + cosim.reproducer() + ")";
        System.out.println("cosim " + verdict + String.format(Locale.ROOT, " (%.1f s)", cosimS));
        summary.put("cosim", verdict);

        banner(3, "train the RTL under Verilator through the driver: " + rtlSamples + " samples");
        Dataset stretch = data.limit(rtlSamples, rtlTest);
        Trainer.Options one = new Trainer.Options(1, 100, 1);
        Trainer.TrainingRun rtlRun;
        String rtlHash;
        long rtlCycles;
        double rtlSeconds;
        try (VerilatorDevice dev = new VerilatorDevice("verilator:" + design, design)) {
            System.out.printf(Locale.ROOT, "Verilator build: %s (%d ms)%n", dev.build().cached() ? "cached" : "built", dev.build().millis());
            DeviceEngine rtl = new DeviceEngine(dev);
            long c0 = dev.cycles();
            long s0 = System.nanoTime();
            rtlRun = TrainCommand.train(rtl, stretch, one, quiet);
            rtlSeconds = (System.nanoTime() - s0) * 1e-9;
            rtlCycles = dev.cycles() - c0;
            rtlHash = HexFormat.of().formatHex(rtl.weightsDigest());
            TrainingReport.write(out.resolve(RTL), TrainingReport.results(rtl, stretch, rtlRun), rtlRun, spec.name() + " RTL");
        }

        banner(4, "the same stretch on the fast model");
        FastEngine fastStretch = new FastEngine(spec);
        Trainer.TrainingRun fastStretchRun = TrainCommand.train(fastStretch, stretch, one, quiet);
        String fastHash = HexFormat.of().formatHex(fastStretch.weightsDigest());
        boolean same = fastHash.equals(rtlHash);
        double rtlAcc = rtlRun.epochs().get(0).testAccuracy();
        double fastAcc = fastStretchRun.epochs().get(0).testAccuracy();
        String identical = String.format(Locale.ROOT, "%s after %,d samples: weights_sha256 %s %s; test accuracy on %d samples %.2f%% (RTL) vs %.2f%% (fast)",
                same ? "bit-identical" : "DIFFERENT", rtlSamples, rtlHash.substring(0, 16), same ? "on both" : "vs " + fastHash.substring(0, 16),
                stretch.testSize(), 100 * rtlAcc, 100 * fastAcc);
        System.out.println(identical);
        summary.put("rtl_vs_fast", identical);
        summary.put("rtl_weights_sha256", rtlHash);
        summary.put("fast_weights_sha256", fastHash);

        banner(5, "train the fast model: " + epochs + " epochs of Fashion-MNIST");
        FastEngine fast = new FastEngine(spec);
        Trainer.TrainingRun full = TrainCommand.train(fast, data, new Trainer.Options(epochs, 100, 4), quiet);
        TrainingReport.write(out.resolve(FAST), TrainingReport.results(fast, data, full), full, spec.name() + " (fast model)");
        TrainingReport.printTable(System.out, fast, full);
        Trainer.EpochResult last = full.epochs().get(full.epochs().size() - 1);

        banner(6, "board report: the default design with its board top on the " + Boards.DEFAULT + " (fpga estimate)");
        Report board = new Flow(System.out).estimate(
                new Flow.Job(spec, BoardFiles.load(Boards.DEFAULT), out.resolve(BOARD), Flow.DEFAULT_TARGET_MHZ), false);
        String boardLine = boardLine(board);
        summary.set("board", new ObjectMapper().valueToTree(board.asMap()));

        System.out.println();
        System.out.println("== summary (" + out.resolve(SUMMARY) + ")");
        line("co-simulation", verdict);
        line("RTL = fast model", identical);
        line("test accuracy", String.format(Locale.ROOT, "%.2f%% after %d epochs (fast model, bit-identical to the RTL)",
                100 * last.testAccuracy(), epochs));
        if (last.alignmentDeg().length > 0) {
            line("angle B, W^T", String.format(Locale.ROOT, "%.1f deg at the end, from %.1f deg at the start",
                    last.alignmentDeg()[last.alignmentDeg().length - 1], full.curve().get(0).alignmentDeg()[last.alignmentDeg().length - 1]));
        }
        line("cos(update, -grad)", java.util.Arrays.toString(java.util.Arrays.stream(last.gradCosine())
                .mapToObj(c -> String.format(Locale.ROOT, "%.3f", c)).toArray()));
        String speed = String.format(Locale.ROOT, "RTL under Verilator %.2f M cycles/s (%.1f training samples/s with its "
                        + "test passes and probes); lockstep co-simulation %.2f M cycles/s; fast model %.0f samples/s",
                rtlCycles / rtlSeconds / 1e6, rtlSamples / rtlSeconds, cosim.cyclesCompared() / cosimS / 1e6, full.samplesPerS());
        line("throughput", speed);
        line("board", boardLine);
        summary.put("test_accuracy", last.testAccuracy());
        summary.put("epochs", epochs);
        summary.put("throughput", speed);
        Path tmp = Files.createTempFile(out, "." + SUMMARY, ".tmp");
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), summary);
            Files.move(tmp, out.resolve(SUMMARY), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return cosim.passed() && same ? 0 : 1;
    }

    private static void banner(int step, String what) {
        System.out.printf(Locale.ROOT, "%n[%d/%d] %s%n", step, STEPS, what);
    }

    /** The board report in one line: what the estimate used of the part, and whether it fits. */
    private static String boardLine(Report r) {
        return String.format(Locale.ROOT, "%s (estimate): %s of %s logic cells, %s of %s DSPs, %s of %s EBRs, %s of %s SPRAMs; "
                        + "%s cycles per TRAIN, %.0f samples/s at %s MHz; %s",
                r.get(ReportField.BOARD), r.get(ReportField.LUTS), r.get(ReportField.LUTS_TOTAL), r.get(ReportField.DSPS),
                r.get(ReportField.DSPS_TOTAL), r.get(ReportField.EBRS), r.get(ReportField.EBRS_TOTAL), r.get(ReportField.SPRAMS),
                r.get(ReportField.SPRAMS_TOTAL), r.get(ReportField.CYCLES_PER_TRAIN), ((Number) r.get(ReportField.SAMPLES_PER_S)).doubleValue(),
                r.get(ReportField.TARGET_MHZ), r.fits() ? "fits" : "does NOT fit: " + String.join("; ", problems(r)));
    }

    @SuppressWarnings("unchecked") // Flow puts a List<String> under PROBLEMS
    private static List<String> problems(Report r) {
        return (List<String>) r.get(ReportField.PROBLEMS);
    }

    private static void line(String key, String value) {
        System.out.printf(Locale.ROOT, "  %-20s %s%n", key, value);
    }
}
