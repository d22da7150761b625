package org.heterosyn.emulator;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.heterosyn.manifest.Phase;
import org.heterosyn.manifest.StateMap;
import org.heterosyn.protocol.Command;
import org.heterosyn.protocol.Header;
import org.heterosyn.spec.DesignSpec;
import org.heterosyn.spec.MemoryStyle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host link, named state, recording and waveforms: the API a co-simulation harness drives. */
@Tag("unit")
@net.jqwik.api.Tag("unit")
class CycleEmulatorTest {
    private static final DesignSpec TINY = DesignSpec.tiny();

    /** A design with a few commands run, so the state is not all zeros. */
    private static CycleEmulator busy(DesignSpec spec, long seed) {
        CycleEmulator emu = new CycleEmulator(spec);
        emu.reset(2);
        Oracle o = new Oracle(spec);
        SplittableRandom rng = new SplittableRandom(seed);
        CommandRunner r = new CommandRunner(emu);
        o.randomWeights(rng, s -> r.run(s.words()));
        for (int i = 0; i < 6; i++) r.run(o.next(rng, true).words());
        return emu;
    }

    /**
     * sample() holds every StateMap register, then every memory, each element ceil(width/32) words
     * of its raw bits, at the offsets the emulator reports; state() is masked to the manifest width.
     */
    @Property(tries = 60)
    void sampleLaysOutTheStateMap(@ForAll long designSeed) {
        DesignSpec spec = Designs.random(designSeed);
        CycleEmulator emu = busy(spec, designSeed);
        int[] s = emu.sample();
        assertEquals(emu.sampleWords(), s.length);
        int at = 0;
        for (StateMap.Reg r : StateMap.registers(spec)) {
            long v = emu.state(r.path());
            assertTrue(r.width() == 64 || v >>> r.width() == 0, () -> r.path() + " exceeds its width: " + v);
            assertEquals(at, emu.offset(r.path()), r.path());
            assertEquals((int) v, s[at++], r.path());
            if (r.width() > 32) assertEquals((int) (v >>> 32), s[at++], r.path() + " high word");
        }
        assertEquals(emu.registerWords(), at);
        int[] mems = emu.sampleMemories();
        assertEquals(emu.sampleWords() - emu.registerWords(), mems.length);
        for (StateMap.Mem m : StateMap.memories(spec)) {
            for (int i = 0; i < m.depth(); i++) {
                long v = emu.memory(m.path(), i);
                assertTrue(v >>> m.width() == 0, m.path());
                assertEquals((int) v, s[at], m.path() + "[" + i + "]");
                assertEquals(s[at], mems[at - emu.registerWords()]);
                at++;
            }
        }
        assertEquals(s.length, at);
    }

    /** A deposit is read back as written (masked to the width) and the next edge computes from it. */
    @Property(tries = 40)
    void depositsAreReadBackAndUsed(@ForAll long designSeed) {
        DesignSpec spec = Designs.random(designSeed);
        CycleEmulator emu = busy(spec, designSeed);
        SplittableRandom rng = new SplittableRandom(designSeed);
        for (StateMap.Reg r : StateMap.registers(spec)) {
            long before = emu.state(r.path());
            long v = rng.nextLong();
            emu.deposit(r.path(), v);
            assertEquals(v & mask(r.width()), emu.state(r.path()), r.path());
            emu.deposit(r.path(), before);
        }
        for (StateMap.Mem m : StateMap.memories(spec)) {
            int i = rng.nextInt(m.depth());
            long v = rng.nextLong();
            emu.depositMemory(m.path(), i, v);
            assertEquals(v & mask(m.width()), emu.memory(m.path(), i), m.path() + "[" + i + "]");
        }
        // W_0[0][0] (chunk 0, lane 0) as READ_WEIGHTS sees it, sign-extended to 32 bits.
        StateMap.Mem w0 = StateMap.memories(spec).stream().filter(m -> m.content().equals("W_0 lane 0")).findFirst()
                .orElseGet(() -> StateMap.memories(spec).stream().filter(m -> m.content().startsWith("lane 0")).findFirst().orElseThrow());
        int wb = spec.numerics().weightBits();
        int word = spec.memory() == MemoryStyle.SPRAM ? new org.heterosyn.manifest.Layout(spec).region(0, 0).base() : 0;
        emu.depositMemory(w0.path(), word, -3);
        assertEquals(-3, emu.weights(0, 0)[0]);
        int[] read = new CommandRunner(emu).run(new Command.ReadWeights(0, 0, 0, 1).words()).response();
        assertEquals(-3, read[1], "READ_WEIGHTS returns the deposited weight (" + wb + " bits)");
    }

    private static long mask(int width) { return width >= 64 ? -1L : (1L << width) - 1; }

    @Test
    void unknownStateIsAnError() {
        CycleEmulator emu = new CycleEmulator(TINY);
        assertThrows(IllegalArgumentException.class, () -> emu.state("u_ctrl.nothing_q"));
        assertThrows(IllegalArgumentException.class, () -> emu.memory("u_ctrl.state_q", 0));
        String mem = StateMap.memories(TINY).get(0).path();
        assertThrows(IndexOutOfBoundsException.class, () -> emu.memory(mem, 1 << 20));
        assertThrows(IllegalArgumentException.class, () -> emu.traceOpen(Path.of("unused.vcd"), List.of("no_port_i")));
        assertThrows(IllegalArgumentException.class, () -> emu.deposit("u_ctrl.nothing_q", 1));
        assertThrows(IndexOutOfBoundsException.class, () -> emu.depositMemory(mem, -1, 0));
    }

    /** Each recorded row is the sample after one clock edge; take() hands over at most what it is asked for. */
    @Test
    void recordingTakesOneSampleAfterEveryEdge() {
        CycleEmulator a = new CycleEmulator(TINY);
        CycleEmulator b = new CycleEmulator(TINY);
        int[] words = concat(new Command.StatusRequest().words(), new Command.Infer(new int[] {1, 2, 3, 4}).words());
        for (CycleEmulator e : List.of(a, b)) {
            e.reset(2);
            e.push(words);
        }
        a.record(true);
        List<int[]> expected = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            b.step(1);
            expected.add(b.sample());
        }
        a.step(40);
        int[][] first = a.take(15);
        int[][] rest = a.take(100);
        assertEquals(15, first.length);
        assertEquals(25, rest.length);
        for (int c = 0; c < 40; c++) assertArrayEquals(expected.get(c), c < 15 ? first[c] : rest[c - 15], "cycle " + c);
        assertThrows(IllegalStateException.class, () -> {
            a.step(1);
            a.record(true, false);
        }, "changing what is recorded with samples pending");
        a.take(10);
        a.record(true, false);
        a.step(3);
        int[][] regs = a.take(10);
        assertEquals(3, regs.length);
        assertEquals(a.registerWords(), regs[0].length);
    }

    /** reset drops collected responses and keeps the queued command words, which then run. */
    @Test
    void resetDropsResponsesAndKeepsQueuedWords() {
        CycleEmulator emu = new CycleEmulator(TINY);
        emu.reset(2);
        int[] status = new Command.StatusRequest().words();
        emu.push(status);
        emu.runUntil(3, 100);
        assertTrue(emu.pendingOut() >= 3);
        emu.push(status);
        emu.push(status);
        int queued = emu.pendingIn();
        emu.reset(5);
        assertEquals(0, emu.pendingOut());
        assertEquals(queued, emu.pendingIn(), "reset cycles take no command words");
        long ran = emu.runUntil(2 * (1 + Header.STATUS_WORDS), 1000);
        assertTrue(ran < 1000);
        int[] got = emu.pop();
        assertEquals(2 * (1 + Header.STATUS_WORDS), got.length);
        assertEquals(Header.MAGIC, got[1]);
        assertEquals(0, got[4], "counters start again from reset");
        assertEquals(Phase.IDLE.code(), emu.state("u_ctrl.state_q"));
    }

    @Test
    void stepAndRunUntilCountCycles() {
        CycleEmulator emu = new CycleEmulator(TINY);
        emu.reset(3);
        assertEquals(3, emu.cycle());
        emu.step(10);
        assertEquals(13, emu.cycle());
        assertEquals(50, emu.runUntil(1, 50), "no command, no response");
        emu.push(new Command.StatusRequest().words());
        long ran = emu.runUntil(1, 1000);
        assertEquals(1, emu.pendingOut());
        assertEquals(63 + ran, emu.cycle());
    }

    /**
     * rsp_ready_i follows the shim's xorshift32 pattern, drawn once per cycle outside reset; the
     * VCD shows it at 2*cycle (clock low, inputs driven), registers change at 2*cycle+1.
     */
    @Test
    void backPressureAndWaveformFollowTheShim(@TempDir Path dir) throws IOException {
        CycleEmulator emu = new CycleEmulator(TINY.withMemory(MemoryStyle.SPRAM));
        Path vcd = dir.resolve("emu.vcd");
        emu.backpressure(12345, 40);
        emu.traceOpen(vcd);
        emu.reset(3);
        for (int i = 0; i < 6; i++) emu.push(new Command.StatusRequest().words());
        emu.step(200);
        emu.traceClose();
        Vcd parsed = Vcd.parse(vcd);
        assertTrue(parsed.scopes.contains("TOP"));
        assertTrue(parsed.scopes.contains("TOP.heterosyn_top"));
        assertTrue(parsed.scopes.contains("TOP.heterosyn_top.u_ctrl"));
        assertTrue(parsed.scopes.contains("TOP.heterosyn_top.u_eng.u_key"));
        assertEquals(Phase.BITS, parsed.width.get("TOP.heterosyn_top.u_ctrl.state_q"));
        assertEquals(32, parsed.width.get("TOP.cmd_data_i"));
        int x = 12345;
        for (int c = 0; c < 203; c++) {
            boolean reset = c < 3;
            boolean ready = false;
            if (!reset) {
                x ^= x << 13;
                x ^= x >>> 17;
                x ^= x << 5;
                ready = Integer.remainderUnsigned(x, 100) < 40;
            }
            assertEquals(ready ? 1 : 0, parsed.at("TOP.rsp_ready_i", 2L * c), "rsp_ready_i in cycle " + c);
            assertEquals(ready ? 1 : 0, parsed.at("TOP.heterosyn_top.rsp_ready_i", 2L * c), "the top's port too");
            assertEquals(reset ? 1 : 0, parsed.at("TOP.rst_i", 2L * c));
            assertEquals(0, parsed.at("TOP.clk_i", 2L * c));
            assertEquals(1, parsed.at("TOP.clk_i", 2L * c + 1));
        }
        assertEquals(emu.state("u_ctrl.ok_cnt_q"), parsed.at("TOP.heterosyn_top.u_ctrl.ok_cnt_q", 2L * 202 + 1));
        assertTrue(parsed.changes("TOP.heterosyn_top.u_ctrl.state_q").stream().allMatch(t -> t % 2 == 1),
                "registers change only after the edge");
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Just enough of a VCD reader for these checks: scopes, widths and value changes per signal. */
    private static final class Vcd {
        final List<String> scopes = new ArrayList<>();
        final Map<String, Integer> width = new HashMap<>();
        private final Map<String, List<String>> byCode = new HashMap<>();
        private final Map<String, List<long[]>> values = new HashMap<>();

        static Vcd parse(Path file) throws IOException {
            Vcd v = new Vcd();
            List<String> stack = new ArrayList<>();
            long t = -1;
            for (String line : Files.readAllLines(file)) {
                String[] p = line.trim().split("\\s+");
                if (p[0].equals("$scope")) {
                    stack.add(p[2]);
                    v.scopes.add(String.join(".", stack));
                } else if (p[0].equals("$upscope")) {
                    stack.remove(stack.size() - 1);
                } else if (p[0].equals("$var")) {
                    String name = String.join(".", stack) + "." + p[4];
                    v.width.put(name, Integer.parseInt(p[2]));
                    v.byCode.computeIfAbsent(p[3], k -> new ArrayList<>()).add(name);
                } else if (p[0].startsWith("#")) {
                    t = Long.parseLong(p[0].substring(1));
                } else if (t >= 0 && !p[0].isEmpty()) {
                    String code;
                    long value;
                    if (p[0].startsWith("b")) {
                        value = Long.parseUnsignedLong(p[0].substring(1), 2);
                        code = p[1];
                    } else {
                        value = p[0].charAt(0) - '0';
                        code = p[0].substring(1);
                    }
                    for (String n : v.byCode.get(code)) v.values.computeIfAbsent(n, k -> new ArrayList<>()).add(new long[] {t, value});
                }
            }
            return v;
        }

        long at(String signal, long time) {
            long v = -1;
            for (long[] c : values.get(signal)) {
                if (c[0] > time) break;
                v = c[1];
            }
            return v;
        }

        List<Long> changes(String signal) {
            List<Long> out = new ArrayList<>();
            long[] prev = null;
            for (long[] c : values.get(signal)) {
                if (prev != null && c[1] != prev[1]) out.add(c[0]);
                prev = c;
            }
            return out;
        }
    }
}
