package org.heterosyn.cosim;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.rtl.Generator;
import org.heterosyn.spec.DesignSpec;

import java.io.IOException;
import java.nio.file.Path;

/** Generates a design, then co-simulates its RTL against the cycle emulator (the `cosim` command and tests). */
public final class CosimRunner {
    private CosimRunner() {}

    /** On random commands; @param designDir where the RTL is generated (overwritten) */
    public static Cosim.Report run(DesignSpec spec, Path designDir, Cosim.Options o) throws IOException {
        return run(spec, designDir, o, new Stimulus(spec, o.seed()));
    }

    /** As above, on the given command source. */
    public static Cosim.Report run(DesignSpec spec, Path designDir, Cosim.Options o, CommandSource commands) throws IOException {
        Manifest m = Generator.generate(spec, designDir).manifest();
        return run(spec, designDir, m, o, commands);
    }

    /** Co-simulates an already generated design directory whose manifest is {@code m}. */
    public static Cosim.Report run(DesignSpec spec, Path designDir, Manifest m, Cosim.Options o, CommandSource commands)
            throws IOException {
        Layout lay = new Layout(spec);
        WatchList watch = new WatchList(m, lay);
        return Cosim.run(m, lay, () -> new VerilatorSide(designDir, m.top(), watch), () -> new EmulatorSide(spec, watch), o,
                commands);
    }
}
