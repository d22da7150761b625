package org.heterosyn.cli;

import org.heterosyn.manifest.DesignDir;
import org.heterosyn.rtl.Generator;
import org.heterosyn.spec.DesignSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Generate the hardware of a design: FIRRTL, SystemVerilog and the manifest.",
            "",
            "Writes DIR/" + DesignDir.FIR + " (Chisel-compatible FIRRTL), one SystemVerilog file per module (DIR/*.sv, "
                + "lowered by CIRCT firtool from Maven Central), DIR/" + DesignDir.FILELIST + ", DIR/" + DesignDir.LINT_WAIVERS
                + ", simulation models of FPGA primitives in DIR/" + DesignDir.SIM_MODELS + "/, and DIR/" + DesignDir.MANIFEST
                + " (ports, memories, named state, parameters, cycle counts; docs/architecture.md, docs/protocol.md), and last "
                + "DIR/" + DesignDir.STAMP + ", the SHA-256 of every other file: devices refuse a directory that no longer "
                + "matches it.",
            "",
            "DIR is written whole or not at all (built beside it, then swapped in), by one generate at a time; an "
                + "existing DIR may hold only an earlier design. See docs/reliability.md."},
        footer = {"", "Example: bin/heterosyn generate --spec spec/specs/default.json --out out/design"})
final class GenerateCommand implements Callable<Integer> {
    @Mixin SpecOptions specOptions;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory (created if missing, replaced whole).")
    Path out;

    @Override
    public Integer call() {
        DesignSpec spec = specOptions.load();
        Generator.generate(spec, out);
        return 0;
    }
}
