package org.heterosyn.manifest;

import org.heterosyn.board.BoardPort;
import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.Param;
import org.heterosyn.protocol.Status;
import org.heterosyn.protocol.StatusWord;
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
        List<StatusWordInfo> statusWords,
        List<CommandInfo> commands,
        List<RejectionInfo> rejections,
        List<CodeInfo> opcodes,
        List<CodeInfo> statuses) {

    public static final int FORMAT = 1;
    public static final String TOP = "heterosyn_top";
    /** The board top (docs/board-top.md): PLL, reset, UART, the framed link, FIFOs and the core as u_core. */
    public static final String BOARD_TOP = "heterosyn_board_top";
    /**
     * Cycles every clocked side (driver, co-simulation, benchmarks) holds rst_i high after power-up:
     * the registers need one; all sides use the same count so their cycle numbers agree.
     */
    public static final int RESET_CYCLES = 4;

    /** The files of a generated design, relative to its directory ({@link DesignDir}). */
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

    /** A STATUS word (org.heterosyn.protocol.StatusWord) and where the RTL takes it from. */
    public record StatusWordInfo(int index, String name, String source) {}

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
        List<PortInfo> ports = new ArrayList<>();
        for (TopPort p : TopPort.values()) {
            ports.add(new PortInfo(p.port(), p.input() ? "input" : "output", p.width(), p.role()));
        }
        List<LayerInfo> layers = new ArrayList<>();
        for (Layout.LayerLayout l : lay.layers()) {
            layers.add(new LayerInfo(l.k(), l.rows(), l.cols(), l.inW(), l.rpc(), l.cpr(), l.rowGroups(), l.chunks(),
                    l.used(), l.feedback(), l.plastic(), cm.forward(l.k()).value(), cm.keys(l.k()).value(),
                    cm.update(l.k()).value()));
        }
        List<BufferInfo> buffers = new ArrayList<>();
        for (Layout.BufferLayout b : lay.buffers()) buffers.add(new BufferInfo(b.m(), b.neurons(), b.banks(), b.depth()));
        List<RegionInfo> regions = new ArrayList<>();
        for (Layout.Region r : lay.regions()) {
            regions.add(new RegionInfo(r.layer(), r.matrix() == 0 ? "W" : "B", r.chunks(), r.base()));
        }
        List<ParamInfo> params = List.of(
                new ParamInfo(Param.SAMPLE_COUNTER.id(), "sample_counter", Layout.WORD_BITS, Hierarchy.path(Hierarchy.CTRL) + "sample_q"));
        List<StatusWordInfo> status = new ArrayList<>();
        for (StatusWord w : StatusWord.values()) {
            status.add(new StatusWordInfo(w.ordinal(), w.id(), switch (w) {
                case MAGIC -> String.format(Locale.ROOT, "constant 0x%08x", Header.MAGIC);
                case DESIGN_ID -> "constant designId";
                case SAMPLE_COUNTER -> Hierarchy.path(Hierarchy.CTRL) + "sample_q";
                case COMMANDS_OK -> Hierarchy.path(Hierarchy.CTRL) + "ok_cnt_q";
                case COMMANDS_REJECTED -> Hierarchy.path(Hierarchy.CTRL) + "err_cnt_q";
            }));
        }
        List<CommandInfo> commands = new ArrayList<>();
        for (Opcode o : Opcode.values()) {
            CycleModel.Cycles c = cm.command(o);
            commands.add(new CommandInfo(o.name(), o.code(), cm.withTerms(c), c.value()));
        }
        List<RejectionInfo> rejections = new ArrayList<>();
        for (CycleModel.Cycles c : cm.rejections()) rejections.add(new RejectionInfo(c.what(), cm.withTerms(c), c.value()));
        List<CodeInfo> opcodes = new ArrayList<>();
        for (Opcode o : Opcode.values()) opcodes.add(new CodeInfo(o.name(), o.code()));
        List<CodeInfo> statuses = new ArrayList<>();
        for (Status s : Status.values()) statuses.add(new CodeInfo(s.name(), s.code()));
        return new Manifest(FORMAT, spec.name(), String.format(Locale.ROOT, "0x%08x", DesignId.of(spec)), TOP,
                SpecJson.write(spec).strip(),
                new Files(DesignDir.FIR, DesignDir.FILELIST, DesignDir.LINT_WAIVERS,
                        lay.spram() ? List.of(DesignDir.SPRAM_MODEL) : List.of()), SYNTHESIS,
                new Clocking(TopPort.CLK_I.port(), "posedge", TopPort.RST_I.port(), "synchronous active-high"),
                ports, layers, buffers, lay.spram() ? regions : List.of(), StateMap.memories(lay),
                StateMap.registers(lay), params, status, commands, rejections, opcodes, statuses);
    }

    /**
     * The manifest of a board design: the core's, with the board top as top, its pins as ports,
     * and its state (the board blocks', then the core's under u_core). The clock is the oscillator
     * pin (the PLL's simulation model passes it through) and the reset is internal (power-on).
     */
    public static Manifest board(DesignSpec spec, BoardTopConfig cfg) {
        Manifest m = of(spec);
        Layout lay = new Layout(spec);
        List<PortInfo> ports = new ArrayList<>();
        for (BoardPort p : BoardPort.values()) {
            ports.add(new PortInfo(p.pin, p.pin.endsWith("_i") ? "input" : "output", 1, p.name().toLowerCase(Locale.ROOT)));
        }
        List<String> sim = new ArrayList<>(m.files().simulationModels());
        sim.add(DesignDir.PLL_MODEL);
        return new Manifest(m.format(), m.design(), m.designId(), BOARD_TOP, m.spec(),
                new Files(m.files().fir(), m.files().filelist(), m.files().lintWaivers(), sim), m.synthesis(),
                new Clocking(BoardPort.OSC.pin, "posedge", "power-on reset after PLL lock", "internal"),
                ports, m.layers(), m.buffers(), m.regions(), StateMap.boardMemories(lay, cfg),
                StateMap.boardRegisters(lay, cfg), m.parameters(), m.statusWords(), m.commands(), m.rejections(),
                m.opcodes(), m.statuses());
    }
}
