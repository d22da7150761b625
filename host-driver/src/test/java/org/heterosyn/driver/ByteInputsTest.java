package org.heterosyn.driver;

import org.heterosyn.protocol.Command;
import org.heterosyn.protocol.PackedInputs;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.Numerics;
import org.heterosyn.spec.SpecJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** docs/numerics.md 18.1: the input table, which samples are byte codes, and what a packed sample costs. */
@Tag("unit")
class ByteInputsTest {
    @Test
    void tableEntryBIsTheQuantizedPixel() {
        Numerics num = Numerics.defaults();
        int[] t = ByteInputs.table(num);
        assertEquals(PackedInputs.TABLE_ENTRIES, t.length);
        for (int b = 0; b < t.length; b++) {
            assertEquals((((long) b << (num.valueFrac() + 1)) + 255) / 510, t[b], "floor((b * 2^(VF+1) + 255) / 510), b = " + b);
        }
        assertArrayEquals(new int[] {0, 16, 32, 48}, java.util.Arrays.copyOf(t, 4), "numerics.md 18.1 defaults");
        assertEquals(4096, t[255]);
    }

    @Test
    void onlyExactPixelsAreByteCodes() {
        assertArrayEquals(new int[] {0, 1, 128, 255}, ByteInputs.codes(new double[] {0.0, 1 / 255.0, 128 / 255.0, 1.0}));
        assertNull(ByteInputs.codes(new double[] {0.0, 0.3}), "0.3 is no b / 255");
        assertNull(ByteInputs.codes(new double[] {-1 / 255.0}));
        assertNull(ByteInputs.codes(new double[] {256 / 255.0}));
        assertNull(ByteInputs.codes(new double[] {Double.NaN}));
        assertNull(ByteInputs.codes(new double[] {Math.nextUp(7 / 255.0)}), "one ulp off a pixel is real-valued");
    }

    @Test
    void aDefaultDesignTrainPacksIntoAQuarterOfTheWords() {
        DesignSpec spec = SpecJson.readDefault();
        double[] pixels = new double[spec.inputs()];
        double[] real = new double[spec.inputs()];
        real[0] = 0.3;
        Command packed = DeviceEngine.trainCommand(spec.numerics(), pixels, 1);
        assertInstanceOf(Command.TrainPacked.class, packed);
        assertEquals(198, packed.words().length);
        assertInstanceOf(Command.Train.class, DeviceEngine.trainCommand(spec.numerics(), real, 1));
        assertEquals(786, DeviceEngine.trainCommand(spec.numerics(), real, 1).words().length);
        assertInstanceOf(Command.InferPacked.class, DeviceEngine.inferCommand(spec.numerics(), pixels));
    }
}
