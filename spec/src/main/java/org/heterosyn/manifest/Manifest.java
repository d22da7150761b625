package org.heterosyn.manifest;

import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.Param;
import org.heterosyn.protocol.Status;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.SpecJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What rtl-gen writes next to the RTL as manifest.json, computed from the spec alone so the
 * emulator, driver and testbenches can compute the same without rtl-gen (docs/architecture.md).
 */
public record Manifest(
        int format,
        String design,
        String designId,
        String top,
        String spec,
        Files files,
        Synthesis synthesis,
        Clocking clocking,
        List<PortInfo> ports,
        List<LayerInfo> layers,
        List<BufferInfo> buffers,
        List<RegionInfo> regions,
        List<StateMap.Mem> memories,
        List<StateMap.Reg> state,
        List<ParamInfo> parameters,
        List<StatusWord> statusWords,
        List<CommandInfo> commands,
        List<RejectionInfo> rejections,
        List<CodeInfo> opcodes,
        List<CodeInfo> statuses) {

    public static final int FORMAT = 1;
    public static final String TOP = "heterosyn_top";
    public static final String FIR = "design.fir";
    public static final String FILELIST = "filelist.f";
    public static final String LINT_WAIVERS = "lint.vlt";
    public static final String SPRAM_MODEL = "sim/SB_SPRAM256KA.v";

    /**
     * The files of a generated design, relative to its directory: the FIRRTL, the synthesis sources
     * (filelist.f, one module per .sv), Verilator lint waivers, and simulation-only models.
     */
    public record Files(String fir, String filelist, String lintWaivers, List<String> simulationModels) {}

    /**
     * Flags a Yosys flow should pass to synth_ice40, with the reason: -dsp maps the 16x16 multipliers
     * to SB_MAC16; -no-rw-check lets block RAM read ports go without bypass logic, which is exact
     * because the controller never uses the data of a read made in the cycle that word is written.
     */
    public record Synthesis(List<String> yosysFlags, String why) {}

    public static final Synthesis SYNTHESIS = new Synthesis(List.of("-dsp", "-no-rw-check"),
            "-dsp: multipliers to SB_MAC16; -no-rw-check: the data of a read made in the cycle its word is "
                    + "written is never used, so read/write collisions are don't-care and block RAMs need no bypass logic");

    public record Clocking(String clock, String edge, String reset, String resetKind) {}

    public record PortInfo(String name, String direction, int width, String role) {}

    /** A weight layer's chunking (Layout.LayerLayout) and its cycle counts. */
    public record LayerInfo(int k, int rows, int cols, int inW, int rpc, int cpr, int rowGroups, int chunks,
                            int usedLanes, boolean feedback, boolean plasticFeedback, long forwardCycles,
                            long keyCycles, long updateCycles) {}

    public record BufferInfo(int m, int neurons, int banks, int depth) {}

    /** A matrix's words in each lane's SPRAM bank (memory spram). */
    public record RegionInfo(int layer, String matrix, int chunks, int base) {}

    /** A SET_PARAM parameter and the register it writes. */
    public record ParamInfo(int id, String name, int width, String register) {}

    public record StatusWord(int index, String name, String source) {}

    /**
     * A command's cycle count: a formula over the spec (and the command's own fields) and, when it
     * depends on the spec alone, its value.
     */
    public record CommandInfo(String name, int opcode, String cycles, Long value) {}

    /** Cycles of a rejected command, by where the controller rejects it. */
    public record RejectionInfo(String when, String cycles, Long value) {}

    public record CodeInfo(String name, int code) {}

    public static Manifest of(DesignSpec spec) {
        Layout lay = new Layout(spec);
        CycleModel cm = new CycleModel(lay);
        List<PortInfo> ports = List.of(
                new PortInfo("clk_i", "input", 1, "clock, rising edge"),
                new PortInfo("rst_i", "input", 1, "synchronous reset, active high"),
                new PortInfo("cmd_valid_i", "input", 1, "command word valid"),
                new PortInfo("cmd_ready_o", "output", 1, "command word accepted when valid and ready"),
                new PortInfo("cmd_data_i", "input", Layout.WORD_BITS, "command word (docs/protocol.md)"),
                new PortInfo("rsp_valid_o", "output", 1, "response word valid"),
                new PortInfo("rsp_ready_i", "input", 1, "response word taken when valid and ready"),
                new PortInfo("rsp_data_o", "output", Layout.WORD_BITS, "response word (docs/protocol.md)"));
        List<LayerInfo> layers = new ArrayList<>();
        for (Layout.LayerLayout l : lay.layers()) {
            layers.add(new LayerInfo(l.k(), l.rows(), l.cols(), l.inW(), l.rpc(), l.cpr(), l.rowGroups(), l.chunks(),
                    l.used(), l.feedback(), l.plastic(), l.chunks() + 1, cm.keys(l.k()), cm.update(l.k())));
        }
        List<BufferInfo> buffers = new ArrayList<>();
        for (Layout.BufferLayout b : lay.buffers()) buffers.add(new BufferInfo(b.m(), b.neurons(), b.banks(), b.depth()));
        List<RegionInfo> regions = new ArrayList<>();
        for (Layout.Region r : lay.regions()) {
            regions.add(new RegionInfo(r.layer(), r.matrix() == 0 ? "W" : "B", r.chunks(), r.base()));
        }
        List<ParamInfo> params = List.of(
                new ParamInfo(Param.SAMPLE_COUNTER.id(), "sample_counter", Layout.WORD_BITS, "u_ctrl.sample_q"));
        List<StatusWord> status = List.of(
                new StatusWord(0, "magic", String.format(Locale.ROOT, "constant 0x%08x", Header.MAGIC)),
                new StatusWord(1, "design_id", "constant designId"),
                new StatusWord(2, "sample_counter", "u_ctrl.sample_q"),
                new StatusWord(3, "commands_ok", "u_ctrl.ok_cnt_q"),
                new StatusWord(4, "commands_rejected", "u_ctrl.err_cnt_q"));
        String fwd = "sum_k (chunks_k + 1)";
        String upd = lay.spram() ? "sum_k (keys_k + slot_k * chunks_k)" : "sum_k (keys_k + chunks_k + 1)";
        List<CommandInfo> commands = List.of(
                new CommandInfo("SET_PARAM", Opcode.SET_PARAM.code(), "3", (long) CycleModel.SET_PARAM),
                new CommandInfo("LOAD_WEIGHTS", Opcode.LOAD_WEIGHTS.code(),
                        "4 + floor(start / rowLength) + start mod rowLength + count", null),
                new CommandInfo("READ_WEIGHTS", Opcode.READ_WEIGHTS.code(),
                        "4 + floor(start / rowLength) + start mod rowLength + 2 * count", null),
                new CommandInfo("INFER", Opcode.INFER.code(), "2 + n_0 + " + fwd + " + 2 * n_L", cm.infer()),
                new CommandInfo("TRAIN", Opcode.TRAIN.code(), "4 + n_0 + " + fwd + " + 2 * n_L + " + upd
                        + (lay.stochastic() ? "; keys_k = " + Layout.KEY_CYCLES + " * (plastic_k ? 2 : 1)" : "; keys_k = 0")
                        + (lay.spram() ? "; slot_k = 2 + stores_B_k + plastic_B_k" : ""), cm.train()),
                new CommandInfo("STATUS", Opcode.STATUS.code(), "2 + " + Header.STATUS_WORDS, (long) CycleModel.STATUS));
        List<RejectionInfo> rejections = List.of(
                new RejectionInfo("header (opcode, length or arg)",
                        "2 + words following the header (0 for an unknown opcode)", null),
                new RejectionInfo("LOAD_WEIGHTS start + count out of range", "3 + count", null),
                new RejectionInfo("READ_WEIGHTS start + count out of range", "3", 3L),
                new RejectionInfo("TRAIN label out of range", "3 + n_0", cm.rejectedLabel()));
        List<CodeInfo> opcodes = new ArrayList<>();
        for (Opcode o : Opcode.values()) opcodes.add(new CodeInfo(o.name(), o.code()));
        List<CodeInfo> statuses = new ArrayList<>();
        for (Status s : Status.values()) statuses.add(new CodeInfo(s.name(), s.code()));
        return new Manifest(FORMAT, spec.name(), String.format(Locale.ROOT, "0x%08x", DesignId.of(spec)), TOP,
                SpecJson.write(spec).strip(),
                new Files(FIR, FILELIST, LINT_WAIVERS, lay.spram() ? List.of(SPRAM_MODEL) : List.of()), SYNTHESIS,
                new Clocking("clk_i", "posedge", "rst_i", "synchronous active-high"),
                ports, layers, buffers, lay.spram() ? regions : List.of(), StateMap.memories(lay),
                StateMap.registers(lay), params, status, commands, rejections, opcodes, statuses);
    }
}
