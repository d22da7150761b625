package org.heterosyn.cosim;

import org.heterosyn.driver.verilator.VerilatorBuild;
import org.heterosyn.driver.verilator.VerilatorModel;
import org.heterosyn.emulator.ClockedModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The RTL side: a build of a design directory in which every WatchList entry is public, watching them all. */
public final class VerilatorSide implements LockstepModel {
    static final String SPRAM_ARRAY = "mem";
    private final VerilatorModel model;

    /** Builds the design with only the watched variables public (VerilatorBuild.buildWatching), then watches them. */
    public VerilatorSide(Path designDir, String top, WatchList watch) {
        List<String[]> vars = new ArrayList<>();
        for (WatchList.Entry e : watch.entries()) vars.add(scopeAndName(top, e));
        VerilatorBuild.Result build = VerilatorBuild.buildWatching(designDir, top, VerilatorBuild.defaultCache(),
                vars.stream().map(v -> v[1]).toList());
        this.model = new VerilatorModel(build.library());
        for (int i = 0; i < vars.size(); i++) {
            WatchList.Entry e = watch.entries().get(i);
            int at = model.watch(vars.get(i)[0], vars.get(i)[1], e.everyCycle());
            if (at != e.offset()) {
                throw new IllegalStateException(e.path() + ": shim offset " + at + " but watch list offset " + e.offset());
            }
        }
    }

    /** The Verilator scope and variable name of an entry. */
    private static String[] scopeAndName(String top, WatchList.Entry e) {
        // An SPRAM is an instance of the behavioural model (sim/SB_SPRAM256KA.v); its words are its "mem".
        String path = e.kind().equals("spram") ? e.path() + "." + SPRAM_ARRAY : e.path();
        int dot = path.lastIndexOf('.');
        // A register of the top module itself (a board top's err_hold_q) has no instance path.
        String scope = "TOP." + top + (dot < 0 ? "" : "." + path.substring(0, dot));
        return new String[] {scope, path.substring(dot + 1)};
    }

    @Override public String side() { return "rtl"; }

    @Override public ClockedModel model() { return model; }

    @Override public void record(boolean on) { model.record(on); }

    @Override public int[] snapshot() { return model.snapshot(); }

    @Override public void digests(boolean on) { model.digests(on); }

    @Override public long[] takeDigests(int maxCycles) { return model.takeDigests(maxCycles); }

    @Override public long snapshotDigest() { return model.snapshotDigest(); }
}
