package org.heterosyn.protocol;

import java.util.Arrays;

/** Host-to-device commands, each encoding itself as 32-bit words (docs/protocol.md). */
public sealed interface Command {
    int MATRIX_W = 0;
    int MATRIX_B = 1;

    int[] words();

    Opcode opcode();

    record SetParam(Param param, int value) implements Command {
        @Override public Opcode opcode() { return Opcode.SET_PARAM; }

        @Override public int[] words() {
            return new int[] {new Header(opcode().code(), param.id(), 1).word(), value};
        }
    }

    /** Raw weights (low weightBits bits of each word) into a matrix from row-major index start on. */
    record LoadWeights(int layer, int matrix, int start, int[] values) implements Command {
        public LoadWeights {
            values = values.clone();
            if (values.length == 0 || values.length > Header.MAX_LENGTH) {
                throw new ProtocolException("load of " + values.length + " words; send 1.." + Header.MAX_LENGTH + " per command");
            }
        }

        @Override public Opcode opcode() { return Opcode.LOAD_WEIGHTS; }

        @Override public int[] words() {
            int[] w = new int[2 + values.length];
            w[0] = new Header(opcode().code(), Header.matrixSelect(layer, matrix), values.length).word();
            w[1] = start;
            System.arraycopy(values, 0, w, 2, values.length);
            return w;
        }

        @Override public boolean equals(Object o) {
            return o instanceof LoadWeights l && l.layer == layer && l.matrix == matrix && l.start == start
                    && Arrays.equals(l.values, values);
        }

        @Override public int hashCode() { return Arrays.hashCode(values) * 31 + start; }

        @Override public String toString() {
            return "LoadWeights[layer=" + layer + ", matrix=" + matrix + ", start=" + start + ", count=" + values.length + "]";
        }
    }

    record ReadWeights(int layer, int matrix, int start, int count) implements Command {
        @Override public Opcode opcode() { return Opcode.READ_WEIGHTS; }

        @Override public int[] words() {
            return new int[] {new Header(opcode().code(), Header.matrixSelect(layer, matrix), count).word(), start};
        }
    }

    /** Raw inputs in the value format (low valueBits bits of each word). */
    record Infer(int[] inputs) implements Command {
        public Infer { inputs = inputs.clone(); }

        @Override public Opcode opcode() { return Opcode.INFER; }

        @Override public int[] words() {
            int[] w = new int[1 + inputs.length];
            w[0] = new Header(opcode().code(), 0, inputs.length).word();
            System.arraycopy(inputs, 0, w, 1, inputs.length);
            return w;
        }

        @Override public boolean equals(Object o) { return o instanceof Infer i && Arrays.equals(i.inputs, inputs); }

        @Override public int hashCode() { return Arrays.hashCode(inputs); }

        @Override public String toString() { return "Infer[" + inputs.length + " inputs]"; }
    }

    record Train(int label, int[] inputs) implements Command {
        public Train { inputs = inputs.clone(); }

        @Override public Opcode opcode() { return Opcode.TRAIN; }

        @Override public int[] words() {
            int[] w = new int[2 + inputs.length];
            w[0] = new Header(opcode().code(), 0, inputs.length).word();
            w[1] = label;
            System.arraycopy(inputs, 0, w, 2, inputs.length);
            return w;
        }

        @Override public boolean equals(Object o) {
            return o instanceof Train t && t.label == label && Arrays.equals(t.inputs, inputs);
        }

        @Override public int hashCode() { return Arrays.hashCode(inputs) * 31 + label; }

        @Override public String toString() { return "Train[label=" + label + ", " + inputs.length + " inputs]"; }
    }

    /** The input table (PackedInputs): entry c is the raw value (low valueBits bits) code c stands for. */
    record LoadInputTable(int[] values) implements Command {
        public LoadInputTable {
            values = values.clone();
            if (values.length != PackedInputs.TABLE_ENTRIES) {
                throw new ProtocolException("input table of " + values.length + " values; it has " + PackedInputs.TABLE_ENTRIES);
            }
        }

        @Override public Opcode opcode() { return Opcode.LOAD_INPUT_TABLE; }

        @Override public int[] words() {
            int[] w = new int[1 + values.length];
            w[0] = new Header(opcode().code(), 0, values.length).word();
            System.arraycopy(values, 0, w, 1, values.length);
            return w;
        }

        @Override public boolean equals(Object o) { return o instanceof LoadInputTable t && Arrays.equals(t.values, values); }

        @Override public int hashCode() { return Arrays.hashCode(values); }

        @Override public String toString() { return "LoadInputTable"; }
    }

    /** INFER with inputs as byte codes of the input table. */
    record InferPacked(int[] codes) implements Command {
        public InferPacked { codes = codes.clone(); }

        @Override public Opcode opcode() { return Opcode.INFER_PACKED; }

        @Override public int[] words() {
            int[] packed = PackedInputs.pack(codes);
            int[] w = new int[1 + packed.length];
            w[0] = new Header(opcode().code(), 0, codes.length).word();
            System.arraycopy(packed, 0, w, 1, packed.length);
            return w;
        }

        @Override public boolean equals(Object o) { return o instanceof InferPacked i && Arrays.equals(i.codes, codes); }

        @Override public int hashCode() { return Arrays.hashCode(codes); }

        @Override public String toString() { return "InferPacked[" + codes.length + " codes]"; }
    }

    /** TRAIN with inputs as byte codes of the input table. */
    record TrainPacked(int label, int[] codes) implements Command {
        public TrainPacked { codes = codes.clone(); }

        @Override public Opcode opcode() { return Opcode.TRAIN_PACKED; }

        @Override public int[] words() {
            int[] packed = PackedInputs.pack(codes);
            int[] w = new int[2 + packed.length];
            w[0] = new Header(opcode().code(), 0, codes.length).word();
            w[1] = label;
            System.arraycopy(packed, 0, w, 2, packed.length);
            return w;
        }

        @Override public boolean equals(Object o) {
            return o instanceof TrainPacked t && t.label == label && Arrays.equals(t.codes, codes);
        }

        @Override public int hashCode() { return Arrays.hashCode(codes) * 31 + label; }

        @Override public String toString() { return "TrainPacked[label=" + label + ", " + codes.length + " codes]"; }
    }

    record StatusRequest() implements Command {
        @Override public Opcode opcode() { return Opcode.STATUS; }

        @Override public int[] words() { return new int[] {new Header(opcode().code(), 0, 0).word()}; }
    }
}
