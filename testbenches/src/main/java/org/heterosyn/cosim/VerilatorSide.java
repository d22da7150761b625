package org.heterosyn.cosim;

import org.heterosyn.driver.verilator.VerilatorBuild;
import org.heterosyn.driver.verilator.VerilatorModel;
import org.heterosyn.emulator.ClockedModel;

import java.nio.file.Path;

/** The RTL side: a co-simulation build of a design directory, watching every WatchList entry. */
public final class VerilatorSide implements LockstepModel {
    static final String SPRAM_ARRAY = "mem";
    private final VerilatorModel model;

    public VerilatorSide(Path designDir, String top, WatchList watch) {
        VerilatorBuild.Result build = VerilatorBuild.build(designDir, top, VerilatorBuild.defaultCache(), VerilatorBuild.Variant.COSIM);
        this.model = new VerilatorModel(build.library());
        for (WatchList.Entry e : watch.entries()) {
            // An SPRAM is an instance of the behavioural model (sim/SB_SPRAM256KA.v); its words are its "mem".
            String path = e.kind().equals("spram") ? e.path() + "." + SPRAM_ARRAY : e.path();
            int dot = path.lastIndexOf('.');
            // A register of the top module itself (a board top's err_hold_q) has no instance path.
            String scope = "TOP." + top + (dot < 0 ? "" : "." + path.substring(0, dot));
            int at = model.watch(scope, path.substring(dot + 1), e.everyCycle());
            if (at != e.offset()) {
                throw new IllegalStateException(e.path() + ": shim offset " + at + " but watch list offset " + e.offset());
            }
        }
    }

    @Override public String side() { return "rtl"; }

    @Override public ClockedModel model() { return model; }

    @Override public void record(boolean on) { model.record(on); }

    @Override public int[] snapshot() { return model.snapshot(); }
}
