package org.heterosyn.fpga;

import java.io.PrintStream;
import java.util.Locale;

/** Prints "== [2/4] synthesis: yosys synth_ice40 ==" before each phase and its time after it. */
final class Banner {
    private final PrintStream out;
    private final int phases;
    private int n;
    private long t0;
    private String name;

    Banner(PrintStream out, int phases) {
        this.out = out;
        this.phases = phases;
    }

    void begin(String phase, String what) {
        end();
        name = phase;
        t0 = System.nanoTime();
        out.printf(Locale.ROOT, "== [%d/%d] %s: %s ==%n", ++n, phases, phase, what);
        out.flush();
    }

    void end() {
        if (name != null) out.printf(Locale.ROOT, "   %s done in %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
        name = null;
    }

    void say(String line) {
        out.println("   " + line);
    }
}
