package org.heterosyn.fpga;

/** Training samples per second from a clock and the cycles one TRAIN command takes. */
public final class Throughput {
    private Throughput() {}

    public static double samplesPerSecond(double clockMhz, long cyclesPerTrain) {
        return clockMhz * 1e6 / cyclesPerTrain;
    }
}
