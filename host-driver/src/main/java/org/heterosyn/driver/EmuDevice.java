package org.heterosyn.driver;

import org.heterosyn.emulator.CycleEmulator;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.spec.DesignSpec;

/**
 * The cycle emulator behind the command protocol: the generated hardware's twin, fed whole batches
 * of command words and clocked until every response has arrived, as {@link VerilatorDevice} drives
 * the RTL.
 */
public final class EmuDevice implements Device {
    private final String uri;
    private final DesignSpec spec;
    private final CycleEmulator emu;

    public EmuDevice(String uri, DesignSpec spec) {
        this.uri = uri;
        this.spec = spec;
        this.emu = new CycleEmulator(spec);
        emu.reset(Manifest.RESET_CYCLES);
    }

    /** The emulator, for named state, waveforms and co-simulation. */
    public CycleEmulator emulator() { return emu; }

    @Override public DesignSpec spec() { return spec; }

    @Override public String uri() { return uri; }

    @Override public int[] stream(int[] commandWords) { return ClockedStream.stream(uri, emu, commandWords); }

    @Override public long cycles() { return emu.cycle(); }

    @Override public void close() { emu.close(); }
}
