package org.heterosyn.bench;

import org.heterosyn.data.DataChoice;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * What one engine's process is asked to do: the engine, the design (as spec JSON), the data, the
 * warm-up samples on a separate instance, and a scratch directory of its own.
 */
record EngineJob(String engine, String specJson, DataChoice data, int warmup, String work) implements Serializable {
    Path workDir() { return Path.of(work); }
}
