package org.heterosyn.driver;

import org.heterosyn.driver.verilator.VerilatorBuild;
import org.heterosyn.driver.verilator.VerilatorModel;
import org.heterosyn.manifest.DesignDir;
import org.heterosyn.manifest.DesignStamp;
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
    private final String uri;
    private final DesignSpec spec;
    private final Manifest manifest;
    private final VerilatorModel model;
    private final VerilatorBuild.Result build;

    public VerilatorDevice(String uri, Path designDir) {
        this.uri = uri;
        Path mf = designDir.resolve(DesignDir.MANIFEST);
        if (!Files.isRegularFile(mf)) {
            throw new DeviceException(uri + ": " + mf + " does not exist (write the design with `heterosyn generate --out "
                    + designDir + "`)");
        }
        // Checked before the manifest is believed: it must be the one written with this RTL.
        DesignStamp.mismatch(designDir).ifPresent(why -> { throw new DeviceException(uri + ": " + why); });
        try {
            this.manifest = ManifestJson.read(mf);
        } catch (IOException e) {
            throw new DeviceException(uri + ": cannot read " + mf + ": " + e.getMessage(), e);
        }
        this.spec = SpecJson.parse(manifest.spec(), mf.toString());
        this.build = VerilatorBuild.build(designDir, manifest.top(), VerilatorBuild.defaultCache());
        this.model = new VerilatorModel(build.library());
        model.reset(Manifest.RESET_CYCLES);
    }

    public VerilatorBuild.Result build() { return build; }

    public Manifest manifest() { return manifest; }

    /** The underlying model, for co-simulation and waveforms. */
    public VerilatorModel model() { return model; }

    @Override public DesignSpec spec() { return spec; }

    @Override public String uri() { return uri; }

    @Override public int[] stream(int[] commandWords) { return ClockedStream.stream(uri, model, commandWords); }

    @Override public long cycles() { return model.cycle(); }

    @Override public void close() { model.close(); }
}
