package org.heterosyn.driver.verilator;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/** The C ABI of hs_shim.cpp, bound by JNA. One Pointer is one Verilated model with its context. */
interface ShimLibrary extends Library {
    Pointer hs_open();

    void hs_close(Pointer h);

    void hs_reset(Pointer h, int cycles);

    void hs_push(Pointer h, int[] words, int n);

    int hs_pop(Pointer h, int[] dst, int max);

    int hs_pending_in(Pointer h);

    int hs_pending_out(Pointer h);

    void hs_step(Pointer h, long cycles);

    long hs_run(Pointer h, long want, long max);

    long hs_cycle(Pointer h);

    void hs_backpressure(Pointer h, int seed, int percent);

    int hs_watch(Pointer h, String scope, String var, int group);

    int hs_watch_words(Pointer h, int group);

    void hs_sample(Pointer h, int group, int[] dst);

    void hs_record(Pointer h, int on);

    int hs_take(Pointer h, int[] dst, int maxCycles);

    int hs_digest_keys(Pointer h, int group, long[] keys, int n);

    int hs_digests(Pointer h, int on);

    int hs_take_digests(Pointer h, long[] dst, int maxCycles);

    long hs_digest(Pointer h, int group);

    int hs_trace_open(Pointer h, String path);

    void hs_trace_close(Pointer h);
}
