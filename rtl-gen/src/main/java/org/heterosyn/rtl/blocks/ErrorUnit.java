package org.heterosyn.rtl.blocks;

import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

/**
 * Errors (docs/numerics.md): the output error e_L = sat(y - t), t the one-hot target (1.0 at the
 * label), and the hidden errors e_k[j] = z_k[j] > 0 ? r[j] : 0 where r is the rescaled feedback sum
 * and z_k[j] > 0 exactly when the stored activation h_k[j] = relu(z_k[j]) is positive.
 */
public final class ErrorUnit {
    private ErrorUnit() {}

    public static String name(int width, int valueBits, int valueFrac) {
        return "heterosyn_error_unit_N" + width + "_V" + valueBits + "F" + valueFrac;
    }

    public static ModuleDef build(Circuit c, int width, int valueBits, int valueFrac) {
        String name = name(width, valueBits, valueFrac);
        if (c.has(name)) return c.get(name);
        Module m = new Module(name);
        Type value = Type.sint(valueBits);
        Expr y = m.input("y_i", value);
        Expr hit = m.input("hit_i", Type.bool());
        Expr[] r = new Expr[width];
        Expr[] h = new Expr[width];
        for (int x = 0; x < width; x++) {
            r[x] = m.input("r_" + x + "_i", value);
            h[x] = m.input("h_" + x + "_i", value);
        }
        Expr.Ref eOut = m.output("e_out_o", value);
        Expr.Ref[] eHid = new Expr.Ref[width];
        for (int x = 0; x < width; x++) eHid[x] = m.output("e_hid_" + x + "_o", value);

        Expr target = Expr.mux(hit, Expr.s(1L << valueFrac, valueBits), Expr.s(0, valueBits));
        m.connect(eOut, Hw.saturate(y.sub(target), valueBits));
        for (int x = 0; x < width; x++) {
            m.connect(eHid[x], Expr.mux(h[x].gt(Expr.s(0, 1)), r[x], Expr.s(0, valueBits)));
        }
        c.add(m);
        return m;
    }
}
