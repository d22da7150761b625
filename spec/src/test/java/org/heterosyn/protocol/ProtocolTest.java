package org.heterosyn.protocol;

import org.heterosyn.spec.DesignSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Tag("unit")
class ProtocolTest {

    @Test
    void headerFieldsSitWhereTheDiagramSays() {
        Header h = new Header(0x05, 0x03, 784);
        assertEquals(0x0503_0310, h.word());
        assertEquals(h, Header.decode(0x0503_0310));
        assertEquals(new Header(0xFF, 0xFF, 0xFFFF), Header.decode(-1));
        assertThrows(ProtocolException.class, () -> new Header(0x100, 0, 0));
        assertThrows(ProtocolException.class, () -> new Header(1, 0, 0x10000));
        assertEquals(0x03, Header.matrixSelect(1, Command.MATRIX_B));
        assertThrows(ProtocolException.class, () -> Header.matrixSelect(0, 2));
    }

    @Test
    void commandsEncodeAsDocumented() {
        assertArrayEquals(new int[] {0x0100_0001, 42}, new Command.SetParam(Param.SAMPLE_COUNTER, 42).words());
        assertArrayEquals(new int[] {0x0203_0002, 5, -1, 7},
                new Command.LoadWeights(1, Command.MATRIX_B, 5, new int[] {-1, 7}).words());
        assertArrayEquals(new int[] {0x0302_0010, 3}, new Command.ReadWeights(1, Command.MATRIX_W, 3, 16).words());
        assertArrayEquals(new int[] {0x0400_0002, 4096, -2048}, new Command.Infer(new int[] {4096, -2048}).words());
        assertArrayEquals(new int[] {0x0500_0002, 1, 4096, 0}, new Command.Train(1, new int[] {4096, 0}).words());
        assertArrayEquals(new int[] {0x0600_0000}, new Command.StatusRequest().words());
        assertArrayEquals(new int[] {0x0800_0005, 0x0403_02FF, 0x0000_0005}, new Command.InferPacked(new int[] {255, 2, 3, 4, 5}).words());
        assertArrayEquals(new int[] {0x0900_0003, 2, 0x0003_0201}, new Command.TrainPacked(2, new int[] {1, 2, 3}).words());
        int[] table = new int[PackedInputs.TABLE_ENTRIES];
        table[255] = 7;
        int[] load = new Command.LoadInputTable(table).words();
        assertEquals(0x0700_0100, load[0]);
        assertEquals(7, load[load.length - 1]);
        assertThrows(ProtocolException.class, () -> new Command.LoadInputTable(new int[255]));
        assertThrows(ProtocolException.class, () -> new Command.InferPacked(new int[] {256}).words());
        assertThrows(ProtocolException.class, () -> new Command.LoadWeights(0, 0, 0, new int[0]));
    }

    @Test
    void followingWordsKeepTheFramingOfEveryOpcode() {
        assertEquals(1, Opcode.SET_PARAM.followingWords(1));
        assertEquals(1 + 9, Opcode.LOAD_WEIGHTS.followingWords(9));
        assertEquals(1, Opcode.READ_WEIGHTS.followingWords(9));
        assertEquals(784, Opcode.INFER.followingWords(784));
        assertEquals(785, Opcode.TRAIN.followingWords(784));
        assertEquals(3, Opcode.STATUS.followingWords(3));
        assertEquals(256, Opcode.LOAD_INPUT_TABLE.followingWords(256));
        assertEquals(196, Opcode.INFER_PACKED.followingWords(784));
        assertEquals(1 + 196, Opcode.TRAIN_PACKED.followingWords(784));
        assertEquals(1 + 2, Opcode.TRAIN_PACKED.followingWords(5), "a partial last word");
        assertEquals(0, Opcode.INFER_PACKED.followingWords(0));
        assertNull(Opcode.of(0x7F));
        for (Opcode o : Opcode.values()) {
            assertEquals(o, Opcode.of(o.code()));
            int[] w = switch (o) {
                case SET_PARAM -> new Command.SetParam(Param.SAMPLE_COUNTER, 1).words();
                case LOAD_WEIGHTS -> new Command.LoadWeights(0, 0, 0, new int[] {1, 2, 3}).words();
                case READ_WEIGHTS -> new Command.ReadWeights(0, 0, 0, 3).words();
                case INFER -> new Command.Infer(new int[4]).words();
                case TRAIN -> new Command.Train(0, new int[4]).words();
                case STATUS -> new Command.StatusRequest().words();
                case LOAD_INPUT_TABLE -> new Command.LoadInputTable(new int[PackedInputs.TABLE_ENTRIES]).words();
                case INFER_PACKED -> new Command.InferPacked(new int[5]).words();
                case TRAIN_PACKED -> new Command.TrainPacked(0, new int[7]).words();
            };
            assertEquals(w.length, 1 + o.followingWords(Header.decode(w[0]).length()), o.name());
        }
    }

    /** docs/protocol.md, "Status codes and checks", on tiny-kp (4-3-2; B_1 stored, no B_0). */
    @Test
    void headerChecksInTheControllersOrder() {
        DesignSpec tiny = DesignSpec.tiny();
        assertEquals(Status.UNKNOWN_OPCODE, new Header(0x7F, 0, 0).check(tiny));
        assertEquals(Status.OK, new Header(Opcode.SET_PARAM.code(), Param.SAMPLE_COUNTER.id(), 1).check(tiny));
        assertEquals(Status.BAD_LENGTH, new Header(Opcode.SET_PARAM.code(), 9, 2).check(tiny), "length before arg");
        assertEquals(Status.BAD_ARGUMENT, new Header(Opcode.SET_PARAM.code(), 9, 1).check(tiny));
        assertEquals(Status.BAD_LENGTH, new Header(Opcode.LOAD_WEIGHTS.code(), 0, 0).check(tiny));
        assertEquals(Status.OK, new Header(Opcode.READ_WEIGHTS.code(), Header.matrixSelect(1, Command.MATRIX_B), 9).check(tiny));
        assertEquals(Status.BAD_ARGUMENT, new Header(Opcode.READ_WEIGHTS.code(), Header.matrixSelect(0, Command.MATRIX_B), 9).check(tiny));
        assertEquals(Status.BAD_ARGUMENT, new Header(Opcode.LOAD_WEIGHTS.code(), Header.matrixSelect(2, Command.MATRIX_W), 9).check(tiny));
        assertEquals(Status.OK, new Header(Opcode.TRAIN.code(), 0, 4).check(tiny));
        assertEquals(Status.BAD_LENGTH, new Header(Opcode.INFER.code(), 0, 5).check(tiny));
        assertEquals(Status.BAD_ARGUMENT, new Header(Opcode.INFER.code(), 1, 4).check(tiny));
        assertEquals(Status.BAD_LENGTH, new Header(Opcode.STATUS.code(), 1, 1).check(tiny));
        assertEquals(Status.BAD_ARGUMENT, new Header(Opcode.STATUS.code(), 1, 0).check(tiny));
        assertEquals(Status.OK, new Header(Opcode.LOAD_INPUT_TABLE.code(), 0, 256).check(tiny));
        assertEquals(Status.BAD_LENGTH, new Header(Opcode.LOAD_INPUT_TABLE.code(), 0, 255).check(tiny));
        assertEquals(Status.BAD_ARGUMENT, new Header(Opcode.LOAD_INPUT_TABLE.code(), 1, 256).check(tiny));
        assertEquals(Status.OK, new Header(Opcode.TRAIN_PACKED.code(), 0, 4).check(tiny));
        assertEquals(Status.BAD_LENGTH, new Header(Opcode.INFER_PACKED.code(), 0, 1).check(tiny), "length counts inputs, not words");
        assertEquals(Status.BAD_ARGUMENT, new Header(Opcode.TRAIN_PACKED.code(), 3, 4).check(tiny));
    }

    @Test
    void packedCodesComeBackInOrder() {
        int[] codes = {0, 255, 17, 128, 9};
        int[] words = PackedInputs.pack(codes);
        for (int i = 0; i < codes.length; i++) assertEquals(codes[i], PackedInputs.code(words, 0, i));
        assertEquals(0, words[1] >>> PackedInputs.CODE_BITS, "padding bytes are 0");
    }

    @Test
    void responsesSplitOnTheirHeaders() {
        int[] words = {0x0600_0005, 1, 2, 3, 4, 5, 0x7F01_0000, 0x0300_0001, -3};
        List<Response> r = Response.parseAll(words);
        assertEquals(3, r.size());
        assertEquals(new Response(Opcode.STATUS.code(), Status.OK, new int[] {1, 2, 3, 4, 5}), r.get(0));
        assertEquals(Status.UNKNOWN_OPCODE, r.get(1).status());
        assertArrayEquals(new int[] {-3}, r.get(2).payload());
        assertArrayEquals(words, r.stream().flatMapToInt(x -> java.util.Arrays.stream(x.words())).toArray());
        assertThrows(ProtocolException.class, () -> Response.parseAll(new int[] {0x0300_0002, 1}));
    }

    @Test
    void hexWordFiles() {
        String text = "# a command file\n01000001\n0x0000002A  # the value\n\n  FFFFFFFF\n";
        assertArrayEquals(new int[] {0x0100_0001, 42, -1}, HexWords.parse(text, "t"));
        assertEquals("01000001\n0000002a\nffffffff\n", HexWords.format(new int[] {0x0100_0001, 42, -1}));
        ProtocolException e = assertThrows(ProtocolException.class, () -> HexWords.parse("12\nxyz\n", "f.hex"));
        assertEquals("f.hex:2: 'xyz' is not a 32-bit hex word", e.getMessage());
        assertThrows(ProtocolException.class, () -> HexWords.parse("123456789\n", "f.hex"));
    }
}
