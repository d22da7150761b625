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
 * directory) and the Yosys flags the design asks for: on iCE40 the generated board top
 * (docs/board-top.md: PLL, UART, link, FIFOs, the core as u_core); on a part the board top does not
 * support (its PLL is iCE40's), the core inside the {@link MeasurementShell}, for estimates.
 */
record Top(String name, List<String> files, List<String> yosysFlags) {
    /** A generated board top: its own module is the top. */
    static Top board(Generator.Result design, Path dir) {
        return new Top(design.manifest().top(), sources(design, dir), design.manifest().synthesis().yosysFlags());
    }

    /** The bare core, wrapped in the measurement shell. */
    static Top shell(Generator.Result design, Path dir) {
        List<String> files = new ArrayList<>(sources(design, dir));
        try {
            Files.writeString(dir.resolve(MeasurementShell.FILE), MeasurementShell.verilog(design.manifest().top()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.add(MeasurementShell.FILE);
        return new Top(MeasurementShell.NAME, List.copyOf(files), design.manifest().synthesis().yosysFlags());
    }

    private static List<String> sources(Generator.Result design, Path dir) {
        List<String> files = new ArrayList<>();
        for (Path p : design.sources()) files.add(dir.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize()).toString());
        return files;
    }

    String asc() {
        return name + ".asc";
    }

    String bin() {
        return name + ".bin";
    }
}
