package org.heterosyn.driver;

import org.heterosyn.emulator.CycleEmulator;
import org.heterosyn.spec.DesignSpec;

/**
 * The cycle emulator behind the command protocol: the generated hardware's twin, fed whole batches
 * of command words and clocked until every response has arrived, as {@link VerilatorDevice} drives
 * the RTL.
 */
public final class EmuDevice implements Device {
    /** Reset cycles after open, as the Verilator device. */
    static final int RESET_CYCLES = 4;
    /** Cycles without a new response word after which a batch counts as hung. */
    static final long STALL_CYCLES = 50_000_000L;

    private final String uri;
    private final DesignSpec spec;
    private final CycleEmulator emu;

    public EmuDevice(String uri, DesignSpec spec) {
        this.uri = uri;
        this.spec = spec;
        this.emu = new CycleEmulator(spec);
        emu.reset(RESET_CYCLES);
    }

    /** The emulator, for named state, waveforms and co-simulation. */
    public CycleEmulator emulator() { return emu; }

    @Override public DesignSpec spec() { return spec; }

    @Override public String uri() { return uri; }

    @Override
    public int[] stream(int[] commandWords) {
        int commands = CommandFraming.count(commandWords);
        ResponseAssembler got = new ResponseAssembler();
        emu.push(commandWords);
        while (got.complete() < commands) {
            long want = emu.pendingOut() + got.minimumMissingWords(commands);
            long ran = emu.runUntil(want, STALL_CYCLES);
            got.add(emu.pop());
            if (ran >= STALL_CYCLES && got.complete() < commands) {
                throw new DeviceException(uri + ": no response after " + STALL_CYCLES + " cycles; " + got.complete() + " of "
                        + commands + " responses arrived, " + emu.pendingIn() + " command words not taken");
            }
        }
        return got.words();
    }

    @Override public long cycles() { return emu.cycle(); }

    @Override public void close() { emu.close(); }
}
