package org.heterosyn.cosim;

import org.heterosyn.driver.verilator.VerilatorBuild;
import org.heterosyn.driver.verilator.VerilatorModel;

import java.nio.file.Path;

/** The RTL side: a co-simulation build of a design directory, watching every WatchList entry. */
public final class VerilatorSide implements LockstepModel {
    static final String SPRAM_ARRAY = "mem";
    private final VerilatorModel model;
    private final VerilatorBuild.Result build;

    public VerilatorSide(Path designDir, String top, WatchList watch) {
        this.build = VerilatorBuild.build(designDir, top, VerilatorBuild.defaultCache(), VerilatorBuild.Variant.COSIM);
        this.model = new VerilatorModel(build.library());
        for (WatchList.Entry e : watch.entries()) {
            // An SPRAM is an instance of the behavioural model (sim/SB_SPRAM256KA.v); its words are its "mem".
            String path = e.kind().equals("spram") ? e.path() + "." + SPRAM_ARRAY : e.path();
            int dot = path.lastIndexOf('.');
            String scope = "TOP." + top + "." + path.substring(0, dot);
            int at = model.watch(scope, path.substring(dot + 1), e.everyCycle());
            if (at != e.offset()) {
                throw new IllegalStateException(e.path() + ": shim offset " + at + " but watch list offset " + e.offset());
            }
        }
    }

    public VerilatorBuild.Result build() { return build; }

    @Override public String side() { return "rtl"; }

    @Override public void reset(int cycles) { model.reset(cycles); }

    @Override public void push(int[] words) { model.push(words); }

    @Override public int[] pop() { return model.pop(); }

    @Override public int pendingIn() { return model.pendingIn(); }

    @Override public void step(long cycles) { model.step(cycles); }

    @Override public long cycle() { return model.cycle(); }

    @Override public void backpressure(int seed, int percent) { model.backpressure(seed, percent); }

    @Override public void record(boolean on) { model.record(on); }

    @Override public int[][] take(int maxCycles) { return model.take(maxCycles); }

    @Override public int[] snapshot() { return model.snapshot(); }

    @Override public void traceOpen(Path vcd) { model.traceOpen(vcd); }

    @Override public void traceClose() { model.traceClose(); }

    @Override public void close() { model.close(); }
}
