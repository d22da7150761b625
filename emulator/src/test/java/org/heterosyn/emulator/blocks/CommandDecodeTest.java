package org.heterosyn.emulator.blocks;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import org.heterosyn.emulator.Designs;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Phase;
import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;
import org.heterosyn.protocol.PackedInputs;
import org.heterosyn.protocol.Status;
import org.heterosyn.spec.DesignSpec;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The decoder alone: fields, the words it makes the controller skip, and where an accepted command goes. */
@Tag("unit")
class CommandDecodeTest {
    @Property(tries = 3000)
    void decodesEveryHeader(@ForAll long seed, @ForAll @IntRange(max = 10) int opcode, @ForAll int arg, @ForAll int length) {
        DesignSpec spec = Designs.random(seed);
        Layout lay = new Layout(spec);
        int a = Math.floorMod(arg, 8);
        int len = switch (Math.floorMod(length, 5)) {
            case 0 -> spec.inputs();
            case 1 -> PackedInputs.TABLE_ENTRIES;
            default -> Math.floorMod(length, 3);
        };
        int word = new Header(opcode, a, len).word();
        CommandDecode d = new CommandDecode(lay);
        d.eval(word);
        Opcode op = Opcode.of(opcode);
        String at = Designs.describe(spec) + " header " + Integer.toHexString(word);
        assertEquals(opcode, d.op_o, at);
        assertEquals(len, d.len_o, at);
        assertEquals(op == null ? 0 : op.followingWords(len), d.follow_o, at + ": words following");
        if (op == null) assertEquals(Status.UNKNOWN_OPCODE.code(), d.status_o, at);
        if (d.status_o != Status.OK.code()) {
            assertEquals((d.follow_o == 0 ? Phase.RSP_HDR : Phase.DRAIN).code(), d.next_o, at);
            assertEquals(0, d.rlen_o, at);
            return;
        }
        assertEquals(Phase.first(op).code(), d.next_o, at);
        assertEquals(op == Opcode.STATUS ? Header.STATUS_WORDS : 0, d.rlen_o, at);
        if (op == Opcode.LOAD_WEIGHTS || op == Opcode.READ_WEIGHTS) {
            assertEquals(a >> 1, d.layer_o, at);
            assertEquals(a & 1, d.mat_o, at);
        }
    }
}
