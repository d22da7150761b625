package org.heterosyn.emulator.blocks;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import org.heterosyn.manifest.Layout;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.heterosyn.spec.Rule;
import org.heterosyn.spec.Spram;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The memories' read registers and SPRAM DATAOUT, which the emulator holds as addresses, against
 * the plain definition computed eagerly every cycle: read data in cycle t+1 is the word at the
 * address of cycle t as it was before cycle t's write (value buffers, generic weight memories); an
 * SPRAM block's DATAOUT takes the word at its address in every cycle it does not write. Random port
 * activity, collisions of the read and write address included, and deposits between cycles.
 */
@Tag("unit")
class MemoryPortsTest {
    @Property(tries = 300)
    void valueBufferReadRegister(@ForAll @IntRange(min = 1, max = 4) int banks, @ForAll @IntRange(min = 2, max = 7) int depth,
                                 @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        ValueBuffer buf = new ValueBuffer(banks, depth);
        int aw = Layout.bits(depth - 1);
        int[][] mem = new int[banks][depth];
        int[] rdq = new int[banks];
        for (int c = 0; c < 200; c++) {
            for (int b = 0; b < banks; b++) assertEquals(rdq[b], buf.rd(b), "cycle " + c + " bank " + b);
            int raddr = rng.nextInt(1 << aw);
            int waddr = rng.nextBoolean() ? raddr : rng.nextInt(1 << aw);
            buf.read(raddr);
            int[] next = new int[banks];
            for (int b = 0; b < banks; b++) next[b] = raddr < depth ? mem[b][raddr] : 0;
            for (int b = 0; b < banks; b++) {
                if (rng.nextInt(3) != 0) continue;
                int v = rng.nextInt(1 << 16) - (1 << 15);
                buf.write(b, waddr, v);
                if (waddr < depth) mem[b][waddr] = v;
            }
            buf.commit();
            rdq = next;
            if (rng.nextInt(10) == 0) {
                // A deposit into the word the read register came from leaves the register as it was.
                int b = rng.nextInt(banks);
                int a = raddr < depth ? raddr : rng.nextInt(depth);
                int v = rng.nextInt(1 << 16) - (1 << 15);
                NamedState n = new NamedState();
                buf.name(n, "");
                n.memSetter("heterosyn_vram_" + b + "_ext.Memory").set(a, v & 0xFFFF, 16);
                mem[b][a] = v;
            }
        }
    }

    /** The generic weight memory's read registers and the SPRAM blocks, through their controller ports. */
    @Property(tries = 200)
    void weightMemoryReadPorts(@ForAll boolean spram, @ForAll @IntRange(max = 2) int shape, @ForAll long seed) {
        List<Integer> layers = List.of(List.of(6, 4, 2), List.of(4, 2, 2), List.of(5, 3)).get(shape);
        int lanes = shape == 2 ? 1 : 2;
        DesignSpec spec = DesignSpec.tiny().withLayers(layers).withRule(Rule.KP).withLanes(lanes)
                .withMemory(spram ? MemoryStyle.SPRAM : MemoryStyle.GENERIC);
        Layout lay = new Layout(spec);
        WeightMemory mem = WeightMemory.of(lay);
        LayerEngine eng = new LayerEngine(lay);
        MemoryControl c = new MemoryControl();
        Eager ref = new Eager(lay);
        SplittableRandom rng = new SplittableRandom(seed);
        int chunkMask = Hw.maskInt(lay.chunkBits());
        for (int cycle = 0; cycle < 300; cycle++) {
            int layer = rng.nextInt(1 << lay.layerBits());
            mem.read(layer);
            for (int l = 0; l < lanes; l++) {
                assertEquals(ref.rdW(layer, l), mem.rd_w[l], "cycle " + cycle + " layer " + layer + " lane " + l + " W");
                assertEquals(ref.rdB(layer, l), mem.rd_b[l], "cycle " + cycle + " layer " + layer + " lane " + l + " B");
            }
            c.layer = layer;
            c.raddr = rng.nextInt(chunkMask + 1);
            c.waddr = rng.nextBoolean() ? c.raddr : rng.nextInt(chunkMask + 1);
            c.mat = rng.nextBoolean();
            boolean write = rng.nextInt(3) == 0;
            c.we_w = write && rng.nextBoolean();
            c.we_b = write && !c.we_w;
            c.ld = rng.nextBoolean();
            c.ld_lane = rng.nextInt(Math.max(2, lanes));
            c.ld_data = rng.nextInt(1 << 16) - (1 << 15);
            for (int l = 0; l < lanes; l++) {
                eng.wd_w[l] = rng.nextInt(1 << 16) - (1 << 15);
                eng.wd_b[l] = rng.nextInt(1 << 16) - (1 << 15);
            }
            mem.eval(c, eng);
            ref.edge(c, eng);
            mem.commit();
        }
    }

    /** The definition, one array read per port per cycle. */
    private static final class Eager {
        private final Layout lay;
        private final int[][][][] mem;
        private final int[][][] rdq;
        private final int[][] spramMem;
        private final int[] dout;
        private int blockQ;

        Eager(Layout lay) {
            this.lay = lay;
            int n = lay.weightLayers();
            mem = new int[n][2][][];
            rdq = new int[n][2][];
            for (Layout.LayerLayout k : lay.layers()) {
                for (int m = 0; m < (k.feedback() ? 2 : 1); m++) {
                    mem[k.k()][m] = new int[k.used()][k.chunks()];
                    rdq[k.k()][m] = new int[k.used()];
                }
            }
            spramMem = new int[lay.lanes() * lay.spramsPerLane()][Spram.DEPTH];
            dout = new int[spramMem.length];
        }

        int rdW(int layer, int l) { return rd(layer, 0, l); }

        int rdB(int layer, int l) {
            return lay.spram() ? rd(layer, 0, l) : rd(layer, 1, l);
        }

        private int rd(int layer, int m, int l) {
            if (lay.spram()) {
                int blocks = lay.spramsPerLane();
                int raw = blockQ < blocks ? dout[l * blocks + blockQ] : 0;
                return Hw.sext(raw, lay.weightBits());
            }
            if (layer >= lay.weightLayers() || mem[layer][m] == null || l >= mem[layer][m].length) return 0;
            return lay.layer(layer).chunks() == 1 ? mem[layer][m][l][0] : rdq[layer][m][l];
        }

        void edge(MemoryControl c, LayerEngine eng) {
            boolean write = c.we_w || c.we_b;
            boolean plastic = lay.anyPlastic();
            int lanes = lay.lanes();
            int[] dataW = new int[lanes];
            int[] dataB = new int[lanes];
            boolean[] en = new boolean[lanes];
            for (int l = 0; l < lanes; l++) {
                en[l] = !c.ld || c.ld_lane == l;
                dataW[l] = c.ld ? c.ld_data : eng.wd_w[l];
                dataB[l] = plastic && !c.ld ? eng.wd_b[l] : c.ld_data;
            }
            if (lay.spram()) {
                int blocks = lay.spramsPerLane();
                boolean valid = c.layer < lay.weightLayers();
                int base = !valid ? 0 : lay.region(c.layer, (write ? c.we_b : c.mat) && lay.layer(c.layer).feedback() ? 1 : 0).base();
                int phys = (base + (write ? c.waddr : c.raddr)) & Hw.maskInt(lay.bankAddrBits());
                int block = phys >>> Spram.ADDR_BITS;
                int inner = phys & (Spram.DEPTH - 1);
                for (int l = 0; l < lanes; l++) {
                    for (int s = 0; s < blocks; s++) {
                        int i = l * blocks + s;
                        if (write && block == s && en[l]) {
                            spramMem[i][inner] = (c.we_b ? dataB[l] : dataW[l]) & 0xFFFF;
                        } else {
                            dout[i] = spramMem[i][inner];
                        }
                    }
                }
                blockQ = block;
                return;
            }
            for (Layout.LayerLayout k : lay.layers()) {
                int a = c.raddr & Hw.maskInt(Layout.bits(k.chunks() - 1));
                for (int m = 0; m < 2; m++) {
                    if (mem[k.k()][m] == null) continue;
                    for (int l = 0; l < k.used(); l++) rdq[k.k()][m][l] = a < k.chunks() ? mem[k.k()][m][l][a] : 0;
                }
            }
            if (!write || c.layer >= lay.weightLayers()) return;
            Layout.LayerLayout k = lay.layer(c.layer);
            int a = k.chunks() == 1 ? 0 : c.waddr & Hw.maskInt(Layout.bits(k.chunks() - 1));
            if (a >= k.chunks()) return;
            for (int l = 0; l < k.used(); l++) {
                if (!en[l]) continue;
                if (c.we_w) mem[k.k()][0][l][a] = dataW[l];
                if (c.we_b && mem[k.k()][1] != null) mem[k.k()][1][l][a] = dataB[l];
            }
        }
    }
}
