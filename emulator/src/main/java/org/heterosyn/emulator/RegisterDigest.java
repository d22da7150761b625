package org.heterosyn.emulator;

import org.heterosyn.emulator.blocks.NamedState;

/**
 * The registers as the digest reads them every cycle: those held in long[] slots
 * ({@link NamedState.Slot}) read directly, the rest through their probes; each with its mask and
 * the key of its first word (and of its second, for a register wider than 32 bits).
 */
final class RegisterDigest {
    private final long[][] slotArray;
    private final int[] slotIndex;
    private final long[] slotMask;
    private final long[] slotKey;
    private final long[] slotKeyHigh;
    private final NamedState.Reg[] probe;
    private final long[] probeMask;
    private final long[] probeKey;
    private final long[] probeKeyHigh;

    RegisterDigest(NamedState.Reg[] regs, long[] mask, long[] keys) {
        int slots = 0;
        for (NamedState.Reg r : regs) if (r instanceof NamedState.Slot) slots++;
        slotArray = new long[slots][];
        slotIndex = new int[slots];
        slotMask = new long[slots];
        slotKey = new long[slots];
        slotKeyHigh = new long[slots];
        probe = new NamedState.Reg[regs.length - slots];
        probeMask = new long[probe.length];
        probeKey = new long[probe.length];
        probeKeyHigh = new long[probe.length];
        int s = 0;
        int p = 0;
        int at = 0;
        for (int i = 0; i < regs.length; i++) {
            boolean wide = mask[i] >>> 32 != 0;
            if (regs[i] instanceof NamedState.Slot slot) {
                slotArray[s] = slot.array();
                slotIndex[s] = slot.index();
                slotMask[s] = mask[i];
                slotKey[s] = keys[at];
                slotKeyHigh[s++] = wide ? keys[at + 1] : 0;
            } else {
                probe[p] = regs[i];
                probeMask[p] = mask[i];
                probeKey[p] = keys[at];
                probeKeyHigh[p++] = wide ? keys[at + 1] : 0;
            }
            at += wide ? 2 : 1;
        }
    }

    /** The registers' share of a StateDigest, as they are now. */
    long digest() {
        long d = 0;
        for (int j = 0; j < slotArray.length; j++) {
            d += term(slotKey[j], slotKeyHigh[j], slotArray[j][slotIndex[j]] & slotMask[j], slotMask[j]);
        }
        for (int j = 0; j < probe.length; j++) d += term(probeKey[j], probeKeyHigh[j], probe[j].get() & probeMask[j], probeMask[j]);
        return d;
    }

    private static long term(long key, long keyHigh, long v, long mask) {
        long t = StateDigest.term(key, (int) v);
        return mask >>> 32 == 0 ? t : t + StateDigest.term(keyHigh, (int) (v >>> 32));
    }
}
