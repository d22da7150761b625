package org.heterosyn.fpga;

import org.heterosyn.rtl.Generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The module the flow synthesises and places, with its sources (paths relative to the flow's
 * directory) and the Yosys flags the design asks for. Today that is the core inside the
 * {@link MeasurementShell}; the generated board top replaces the shell here when it lands.
 */
record Top(String name, List<String> files, List<String> yosysFlags) {
    static Top of(Generator.Result design, Path dir) {
        List<String> files = new ArrayList<>();
        for (Path p : design.sources()) files.add(dir.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize()).toString());
        try {
            Files.writeString(dir.resolve(MeasurementShell.FILE), MeasurementShell.verilog(design.manifest().top()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.add(MeasurementShell.FILE);
        return new Top(MeasurementShell.NAME, List.copyOf(files), design.manifest().synthesis().yosysFlags());
    }

    String asc() {
        return name + ".asc";
    }

    String bin() {
        return name + ".bin";
    }
}
