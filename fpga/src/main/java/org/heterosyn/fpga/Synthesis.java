package org.heterosyn.fpga;

import org.heterosyn.board.Board;

import java.util.ArrayList;
import java.util.List;

/** The Yosys script of a board's family: read the sources, synthesise for the part, write stat and JSON. */
final class Synthesis {
    static final String NETLIST = "synth.json";
    static final String STAT = "stat.txt";
    /**
     * firtool's memory modules (ValueBuffer's heterosyn_vram_*, GenericWeightMemory's heterosyn_wram_*,
     * InputTable's heterosyn_itab_*, LinkFifo's heterosyn_fifo_ram_*, FrameTx's heterosyn_frame_ends_*).
     * Their read register sits in the parent module, so they must be flattened into it even when the
     * hierarchy is kept: otherwise Yosys cannot form a synchronous read port and builds the RAM from LUTs.
     */
    static final List<String> MEMORY_MODULES = List.of("heterosyn_vram_*", "heterosyn_wram_*", "heterosyn_itab_*", "heterosyn_fifo_ram_*",
            "heterosyn_frame_ends_*");

    private Synthesis() {}

    /**
     * @param flags     the manifest's Yosys flags (synthesis.yosysFlags); those the family's command lacks are dropped
     * @param perModule keep each block a module, so stat shows where the cells go (cross-module
     *                  optimisation is lost: a few hundred more cells than flat)
     */
    static String script(Board.Family family, List<String> files, String top, List<String> flags, boolean perModule) {
        List<String> cmds = new ArrayList<>();
        cmds.add("read_verilog -sv " + String.join(" ", files));
        if (perModule) {
            cmds.add("hierarchy -top " + top);
            cmds.add("setattr -mod -set keep_hierarchy 1 heterosyn_*");
            cmds.add("setattr -mod -unset keep_hierarchy " + String.join(" ", MEMORY_MODULES));
        }
        cmds.add(command(family) + " " + String.join(" ", familyFlags(family, flags)) + " -top " + top + " -json " + NETLIST);
        cmds.add("tee -q -o " + STAT + " stat" + (perModule ? " -top " + top : ""));
        return String.join("; ", cmds);
    }

    private static String command(Board.Family family) {
        return switch (family) {
            case ICE40 -> "synth_ice40";
            case ECP5 -> "synth_ecp5";
        };
    }

    /** synth_ecp5 maps multipliers to its DSPs unasked and has no -dsp. */
    static List<String> familyFlags(Board.Family family, List<String> flags) {
        if (family == Board.Family.ICE40) return flags;
        return flags.stream().filter(f -> !f.equals("-dsp")).toList();
    }
}
