package org.heterosyn.bench;

import org.heterosyn.data.Dataset;
import org.heterosyn.driver.Device;
import org.heterosyn.driver.DeviceEngine;
import org.heterosyn.learning.LearningEngine;

/**
 * An engine of the learning API, in-process (reference, fast) or behind a device (emu, verilator,
 * the emulated board's link): cycles come from the clock the device reports.
 */
final class LearningBenchEngine implements BenchEngine {
    /** Where the cycles are counted; {@link BenchEngine#NO_CLOCK} when nothing clocks. */
    interface Clock {
        long cycles();
    }

    private final String name;
    private final LearningEngine engine;
    private final Clock clock;
    private final AutoCloseable resources;

    LearningBenchEngine(String name, LearningEngine engine, Clock clock, AutoCloseable resources) {
        this.name = name;
        this.engine = engine;
        this.clock = clock;
        this.resources = resources;
    }

    /** A device's engine: the device's own cycle counter, closed with it. */
    static LearningBenchEngine of(String name, Device device) {
        return new LearningBenchEngine(name, new DeviceEngine(device), device::cycles, device);
    }

    @Override public String name() { return name; }

    @Override
    public long train(Dataset data, int from, int count) {
        long c0 = clock.cycles();
        for (int s = from; s < from + count; s++) {
            int at = s % data.trainSize();
            engine.train(data.trainX().get(at), data.trainY()[at]);
        }
        return c0 < 0 ? NO_CLOCK : clock.cycles() - c0;
    }

    @Override public byte[] weightsDigest() { return engine.weightsDigest(); }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException(name + ": cannot close: " + e.getMessage(), e);
        }
    }
}
