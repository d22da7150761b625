package org.heterosyn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lines between the bench and an engine's process, one request and one reply at a time. The
 * worker's replies start with {@link #PREFIX}; the bench skips other lines on the worker's standard
 * output, which the JVM itself may write (a flight recording's start, say):
 * <pre>
 *   worker: ready NAME                      built and warmed up; NAME is what runs (fast/vector-256)
 *   bench:  train COUNT                     the next COUNT samples
 *   worker: trained NANOS CYCLES            wall time of them; CYCLES -1 without a clock
 *   bench:  finish
 *   worker: finished PEAK_RSS_KB DIGEST     VmHWM of the process; the weights' SHA-256, or - for none
 *   worker: error MESSAGE                   instead of any reply, then it exits
 * </pre>
 */
final class WorkerProtocol {
    static final String PREFIX = "@bench ";
    static final String READY = "ready";
    static final String TRAIN = "train";
    static final String TRAINED = "trained";
    static final String FINISH = "finish";
    static final String FINISHED = "finished";
    static final String ERROR = "error";
    static final String NO_DIGEST = "-";
    /** Linux's peak resident set size of a process, in kB. */
    private static final String VM_HWM = "VmHWM:";

    private WorkerProtocol() {}

    /** This process's peak resident set size in kB (Linux), or -1 where /proc does not say. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(VM_HWM)) return Long.parseLong(line.substring(VM_HWM.length()).replace("kB", "").trim());
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
