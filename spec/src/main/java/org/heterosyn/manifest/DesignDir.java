package org.heterosyn.manifest;

import org.heterosyn.spec.Spram;

/** The files of a generated design directory, relative to it (docs/architecture.md, "manifest.json"). */
public final class DesignDir {
    /** {@link Manifest} as JSON. */
    public static final String MANIFEST = "manifest.json";
    /** The FIRRTL circuit firtool lowered. */
    public static final String FIR = "design.fir";
    /** The synthesis sources, one module per .sv file, leaves first. */
    public static final String FILELIST = "filelist.f";
    /** Verilator lint waivers for firtool's own names. */
    public static final String LINT_WAIVERS = "lint.vlt";
    /** Simulation-only models of FPGA primitives, not in FILELIST: synthesis uses the hard blocks. */
    public static final String SIM_MODELS = "sim";
    /** SHA-256 of every other file, written last ({@link DesignStamp}). */
    public static final String STAMP = "design.sha256";
    public static final String SPRAM_MODEL = SIM_MODELS + "/" + Spram.PRIMITIVE + ".v";

    private DesignDir() {}

    /** True for the top-level names a generation writes (an existing directory may hold only these). */
    public static boolean generated(String name) {
        return name.endsWith(".sv") || name.equals(MANIFEST) || name.equals(FIR) || name.equals(FILELIST)
                || name.equals(LINT_WAIVERS) || name.equals(SIM_MODELS) || name.equals(STAMP);
    }
}
