package org.heterosyn.manifest;

import org.heterosyn.numerics.DitherHash;

import java.util.List;

/**
 * The block-to-block port bundles, declared once (like a Chisel Bundle): the driving block has an
 * output name_o for each signal, the reading block an input name_i, and the top connects them by
 * this list. The emulator's bundle classes have one field per signal, of the same name.
 */
public final class Bundles {
    /** A signal of a bundle: base name, width, signedness, and whether it is a one-bit strobe or flag. */
    public record Signal(String name, int width, boolean signed, boolean flag) {}

    private Bundles() {}

    /** Controller to layer engine: the pass, the value buffers, the output error and the dither keys. */
    public static List<Signal> engineControl(Layout lay) {
        return List.of(
                u("layer", lay.layerBits()), f("fwd"), f("issue"), f("cmp"),
                u("row", lay.rowIndexBits()), u("col", lay.colIndexBits()), u("vaddr", lay.colAddrBits()),
                u("gaddr", lay.groupAddrBits()), u("gbank", lay.groupBankBits()), f("first"), f("last"),
                f("uselat"), f("useblat"), f("stage"), f("dith_w"), f("in_we"), u("in_bank", lay.inBankBits()),
                u("in_addr", lay.inAddrBits()), s("in_data", lay.valueBits()), u("y_addr", lay.outAddrBits()),
                u("y_bank", lay.outBankBits()), f("err_we"), f("hit"), f("key_start"),
                u("key_site", DitherHash.SITE_BITS), f("key_w"), f("key_b"), u("sample", Layout.WORD_BITS));
    }

    /** Controller to weight memory: read and write addresses, write enables and the load port. */
    public static List<Signal> memoryControl(Layout lay) {
        return List.of(
                u("layer", lay.layerBits()), f("mat"), u("raddr", lay.chunkBits()), u("waddr", lay.chunkBits()),
                f("we_w"), f("we_b"), f("ld"), u("ld_lane", lay.laneBits()), s("ld_data", lay.weightBits()));
    }

    private static Signal f(String name) { return new Signal(name, 1, false, true); }

    private static Signal u(String name, int width) { return new Signal(name, width, false, false); }

    private static Signal s(String name, int width) { return new Signal(name, width, true, false); }
}
