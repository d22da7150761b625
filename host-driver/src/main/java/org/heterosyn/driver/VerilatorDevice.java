package org.heterosyn.driver;

import org.heterosyn.driver.verilator.VerilatorBuild;
import org.heterosyn.driver.verilator.VerilatorModel;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.manifest.ManifestJson;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The RTL of a generated design directory under Verilator: built (or taken from the cache) on open,
 * reset, then fed whole batches of command words; the clock loop runs in the shim.
 */
public final class VerilatorDevice implements Device {
    /** Reset cycles after open; the RTL needs one, more costs nothing. */
    static final int RESET_CYCLES = 4;
    /** Cycles without a new response word after which a batch counts as hung. */
    static final long STALL_CYCLES = 50_000_000L;

    private final String uri;
    private final DesignSpec spec;
    private final Manifest manifest;
    private final VerilatorModel model;
    private final VerilatorBuild.Result build;

    public VerilatorDevice(String uri, Path designDir) {
        this.uri = uri;
        Path mf = designDir.resolve("manifest.json");
        if (!Files.isRegularFile(mf)) {
            throw new DeviceException(uri + ": " + mf + " does not exist (write the design with `heterosyn generate --out "
                    + designDir + "`)");
        }
        try {
            this.manifest = ManifestJson.read(mf);
        } catch (IOException e) {
            throw new DeviceException(uri + ": cannot read " + mf + ": " + e.getMessage(), e);
        }
        this.spec = SpecJson.parse(manifest.spec(), mf.toString());
        this.build = VerilatorBuild.build(designDir, manifest.top(), VerilatorBuild.defaultCache());
        this.model = new VerilatorModel(build.library());
        model.reset(RESET_CYCLES);
    }

    public VerilatorBuild.Result build() { return build; }

    public Manifest manifest() { return manifest; }

    /** The underlying model, for co-simulation and waveforms. */
    public VerilatorModel model() { return model; }

    @Override public DesignSpec spec() { return spec; }

    @Override public String uri() { return uri; }

    @Override
    public int[] stream(int[] commandWords) {
        int commands = CommandFraming.count(commandWords);
        ResponseAssembler got = new ResponseAssembler();
        model.push(commandWords);
        while (got.complete() < commands) {
            long want = model.pendingOut() + got.minimumMissingWords(commands);
            long ran = model.runUntil(want, STALL_CYCLES);
            got.add(model.pop());
            if (ran >= STALL_CYCLES && got.complete() < commands) {
                throw new DeviceException(uri + ": no response after " + STALL_CYCLES + " cycles; " + got.complete() + " of "
                        + commands + " responses arrived, " + model.pendingIn() + " command words not taken");
            }
        }
        return got.words();
    }

    @Override public long cycles() { return model.cycle(); }

    @Override public void close() { model.close(); }
}
