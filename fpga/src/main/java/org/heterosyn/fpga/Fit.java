package org.heterosyn.fpga;

import org.heterosyn.board.Board;
import org.heterosyn.manifest.Layout;
import org.heterosyn.spec.Spram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Whether a design fits a board. Each check returns its problems as sentences (empty: fits); the flow
 * refuses memory problems before synthesis, since no tool run can fix them.
 */
public final class Fit {
    private Fit() {}

    /**
     * SPRAM blocks: lane l keeps every matrix one after another in its own bank of
     * {@link Layout#spramsPerLane()} SB_SPRAM256KA blocks (docs/architecture.md "Layout"), so a design
     * takes lanes x blocks-per-lane of the board's blocks, however few words the last one holds.
     */
    public static List<String> memory(Layout lay, Board board) {
        if (!lay.spram()) return List.of();
        int need = lay.lanes() * lay.spramsPerLane();
        Board.Resources r = board.resources();
        List<String> out = new ArrayList<>();
        if (board.family() != Board.Family.ICE40 || r.sprams() == 0) {
            out.add("memory spram uses the iCE40 " + Spram.PRIMITIVE + ", and board " + board.name() + " has none; "
                    + "use memory 'generic'");
        } else if (need > r.sprams()) {
            out.add(String.format(Locale.ROOT, "memory spram: the weights need %d %s blocks (%d lanes x %d per lane, "
                    + "each lane's bank holding %s = %d words of %d per block), but board %s has %d; use fewer lanes, "
                    + "memory 'generic' or a smaller network", need, Spram.PRIMITIVE, lay.lanes(), lay.spramsPerLane(),
                    matrices(lay), lay.bankWords(), Spram.DEPTH, board.name(), r.sprams()));
        }
        return out;
    }

    /** Logic cells, multipliers and block RAMs against the part. */
    public static List<String> resources(Usage u, Board board) {
        Board.Resources r = board.resources();
        List<String> out = new ArrayList<>();
        over(out, "logic cells", u.luts(), r.logicCells(), board);
        over(out, "multiplier blocks (DSP)", u.dsps(), r.dsps(), board);
        over(out, "block RAMs (EBR)", u.ebrs(), r.ebrs(), board);
        over(out, "SPRAM blocks", u.sprams(), r.sprams(), board);
        return out;
    }

    /** The clock: met when the routed design's Fmax reaches the target. Unknown before place-and-route. */
    public static List<String> clock(OptionalDouble fmaxMhz, double targetMhz) {
        if (fmaxMhz.isEmpty() || fmaxMhz.getAsDouble() >= targetMhz) return List.of();
        return List.of(String.format(Locale.ROOT, "timing: Fmax %.2f MHz is below the target %.2f MHz", fmaxMhz.getAsDouble(),
                targetMhz));
    }

    private static void over(List<String> out, String what, int used, int total, Board board) {
        if (used > total)
            out.add(String.format(Locale.ROOT, "%s: the design uses %d, board %s has %d (%d%%)", what, used, board.name(),
                    total, total == 0 ? 0 : Math.round(100.0 * used / total)));
    }

    /** "W_0 12544 + W_1 160 + B_1 160" words per lane. */
    private static String matrices(Layout lay) {
        List<String> parts = new ArrayList<>();
        for (Layout.Region g : lay.regions()) parts.add((g.matrix() == 0 ? "W_" : "B_") + g.layer() + " " + g.chunks());
        return String.join(" + ", parts);
    }
}
