package org.heterosyn.driver;

/**
 * scripts/protocol-fuzz: the protocol fuzzer through fast and emu at a length the test run cannot
 * afford (default 10^6 words). Arguments: [words] [seed].
 */
public final class ProtocolFuzz {
    private ProtocolFuzz() {}

    public static void main(String[] args) {
        long words = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        System.out.println("seed " + seed + ", " + words + " words, spec " + ProtocolFuzzTest.SPEC.layers() + " "
                + ProtocolFuzzTest.SPEC.rule().id());
        long t0 = System.nanoTime();
        try (FastDevice fast = new FastDevice("fast", ProtocolFuzzTest.SPEC);
             EmuDevice emu = new EmuDevice("emu", ProtocolFuzzTest.SPEC)) {
            ProtocolFuzzer.Report r = ProtocolFuzzer.run(fast, emu, seed, words, 4096);
            System.out.printf("zero divergence: %d words, %d commands, %d rejected (state unchanged by each), %d emu cycles, "
                    + "%.0f s; final weights sha256 %s%n", r.words(), r.commands(), r.rejected(), emu.cycles(),
                    (System.nanoTime() - t0) / 1e9, r.digest());
        }
    }
}
