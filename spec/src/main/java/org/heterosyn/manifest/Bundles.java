package org.heterosyn.manifest;

import java.util.List;

/**
 * The block-to-block port bundles, declared once (like a Chisel Bundle): the driving block has an
 * output name_o for each signal, the reading block an input name_i, and the top connects them by
 * this list. The emulator's bundle classes have one field per signal, of the same name.
 */
public final class Bundles {
    /** A signal of a bundle: base name, width, signedness. */
    public record Signal(String name, int width, boolean signed) {}

    private Bundles() {}

    /** Controller to layer engine: the pass, the value buffers, the output error and the dither keys. */
    public static List<Signal> engineControl(Layout lay) {
        return List.of(
                u("layer", lay.layerBits()), u("fwd", 1), u("issue", 1), u("cmp", 1),
                u("row", lay.rowIndexBits()), u("col", lay.colIndexBits()), u("vaddr", lay.colAddrBits()),
                u("gaddr", lay.groupAddrBits()), u("gbank", lay.groupBankBits()), u("first", 1), u("last", 1),
                u("uselat", 1), u("useblat", 1), u("in_we", 1), u("in_bank", lay.inBankBits()),
                u("in_addr", lay.inAddrBits()), s("in_data", lay.valueBits()), u("y_addr", lay.outAddrBits()),
                u("y_bank", lay.outBankBits()), u("err_we", 1), u("hit", 1), u("key_start", 1),
                u("key_site", Layout.INDEX_BITS), u("key_w", 1), u("key_b", 1), u("sample", Layout.WORD_BITS));
    }

    /** Controller to weight memory: read and write addresses, write enables and the load port. */
    public static List<Signal> memoryControl(Layout lay) {
        return List.of(
                u("layer", lay.layerBits()), u("mat", 1), u("raddr", lay.chunkBits()), u("waddr", lay.chunkBits()),
                u("we_w", 1), u("we_b", 1), u("ld", 1), u("ld_lane", lay.laneBits()), s("ld_data", lay.weightBits()));
    }

    private static Signal u(String name, int width) { return new Signal(name, width, false); }

    private static Signal s(String name, int width) { return new Signal(name, width, true); }
}
