package org.heterosyn.driver;

import org.heterosyn.numerics.FixedPoint;
import org.heterosyn.protocol.PackedInputs;
import org.heterosyn.spec.Numerics;

/**
 * Inputs that are byte codes: every x is b / 255.0 for a byte b, as Fashion-MNIST pixels are
 * (docs/numerics.md, 18.1). Such a sample travels as INFER_PACKED / TRAIN_PACKED, a byte per input,
 * and the device's input table, loaded once with {@link #table}, turns each b back into exactly the
 * value q(b / 255.0) the unpacked command would carry.
 */
public final class ByteInputs {
    private static final int MAX_CODE = PackedInputs.TABLE_ENTRIES - 1;

    private ByteInputs() {}

    /** The input table: entry b is q(b / 255.0) in the low valueBits bits. */
    public static int[] table(Numerics num) {
        int mask = (int) ((1L << num.valueBits()) - 1);
        int[] t = new int[PackedInputs.TABLE_ENTRIES];
        for (int b = 0; b < t.length; b++) t[b] = (int) FixedPoint.quantizeValue(b / (double) MAX_CODE, num) & mask;
        return t;
    }

    /** The byte code of every input, or null when some input is not b / 255.0 exactly (real-valued data). */
    public static int[] codes(double[] x) {
        int[] b = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            long code = Math.round(x[i] * MAX_CODE);
            if (code < 0 || code > MAX_CODE || code / (double) MAX_CODE != x[i]) return null;
            b[i] = (int) code;
        }
        return b;
    }
}
