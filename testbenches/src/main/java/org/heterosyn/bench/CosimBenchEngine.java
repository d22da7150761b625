package org.heterosyn.bench;

import org.heterosyn.cosim.Cosim;
import org.heterosyn.cosim.CosimRunner;
import org.heterosyn.cosim.TrainingStimulus;
import org.heterosyn.data.Dataset;
import org.heterosyn.driver.DeviceEngine;
import org.heterosyn.driver.EmuDevice;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.spec.DesignSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Lockstep co-simulation (the `cosim` command's path, CosimRunner) on training commands: the RTL
 * under Verilator and the cycle emulator from power-up through the initial weights and then
 * {@code count} TRAIN commands of the first samples, every register compared every cycle. A
 * co-simulation always starts from reset, so each call replays the first samples; {@code from}
 * only matters to engines that keep their weights. The cycle budget is what the cycle emulator
 * takes for the same commands, measured once: the load, then one TRAIN period per sample (from one
 * TRAIN's response to the next's, which includes the updates that follow a response).
 */
final class CosimBenchEngine implements BenchEngine {
    /** The host takes every response word at once: the stream's timing is training's, not a stress pattern's. */
    private static final int READY_PERCENT = 100;
    /** The stimulus is the training commands, so the seed only picks the (constant) back-pressure pattern. */
    private static final long SEED = 1;
    /** Cycles of waveform around a mismatch, as the cosim command's default. */
    private static final int WINDOW = 50;

    private final DesignSpec spec;
    private final Path design;
    private final Manifest manifest;
    private final Path mismatches;
    private final long loadCycles;
    private final long trainCycles;

    /** @param design a generated design directory of {@code spec} whose manifest is {@code manifest} */
    CosimBenchEngine(DesignSpec spec, Path design, Manifest manifest, Path mismatches, Dataset data) {
        this.spec = spec;
        this.design = design;
        this.manifest = manifest;
        this.mismatches = mismatches;
        try (EmuDevice emu = new EmuDevice("emu", spec)) {
            DeviceEngine e = new DeviceEngine(emu);
            e.train(data.trainX().get(0), data.trainY()[0]);
            long first = emu.cycles();
            e.train(data.trainX().get(1 % data.trainSize()), data.trainY()[1 % data.trainSize()]);
            trainCycles = emu.cycles() - first;
            loadCycles = first - trainCycles;
        }
    }

    @Override public String name() { return "cosim"; }

    @Override
    public long train(Dataset data, int from, int count) {
        long cycles = loadCycles + count * trainCycles;
        Cosim.Options o = new Cosim.Options(cycles, SEED, READY_PERCENT, mismatches, WINDOW);
        Cosim.Report r;
        try {
            r = CosimRunner.run(spec, design, manifest, o, new TrainingStimulus(spec, data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!r.passed()) {
            throw new IllegalStateException("cosim: mismatch " + r.mismatch() + " (reproducer in " + r.reproducer() + ")");
        }
        return r.cyclesCompared();
    }

    /** A co-simulation reads no weights back: it compared them every cycle instead. */
    @Override public byte[] weightsDigest() { return null; }

    @Override public void close() { }
}
