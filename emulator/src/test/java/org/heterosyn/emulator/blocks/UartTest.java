package org.heterosyn.emulator.blocks;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.emulator.UartLine;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The UART twins: bytes from the host's line encoder arrive whole at UartRx, UartTx's line decodes
 * to the bytes it was given, the two round trip, and a byte with a low stop bit is dropped.
 */
@Tag("unit")
class UartTest {
    private static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static BoardTopConfig cfg(int div) { return BoardTopConfig.defaults().withBaudDivisor(div); }

    /** One cycle of reset with the line idle, as the board's power-on reset gives every block. */
    private static UartRx reset(UartRx rx) {
        rx.eval(true);
        rx.commit(true);
        return rx;
    }

    private static UartTx reset(UartTx tx) {
        tx.eval(false, 0);
        tx.commit(true);
        return tx;
    }

    /** Feeds levels to a receiver; returns the bytes it strobed. */
    private static byte[] receive(UartRx rx, int[] levels, int idleAfter) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int i = 0; i < levels.length + idleAfter; i++) {
            if (rx.valid_o()) got.write(rx.data_o());
            rx.eval(i >= levels.length || levels[i] != 0);
            rx.commit(false);
        }
        return got.toByteArray();
    }

    @Property(tries = 40)
    void receiverTakesTheHostsBytes(@ForAll long seed, @ForAll @IntRange(min = 4, max = 13) int div) {
        byte[] sent = random(seed, 40);
        UartRx rx = reset(new UartRx(cfg(div)));
        assertArrayEquals(sent, receive(rx, UartLine.encode(sent, div), 4 * div), "seed " + seed + " divisor " + div);
    }

    @Property(tries = 40)
    void transmitterRoundTripsThroughTheReceiver(@ForAll long seed, @ForAll @IntRange(min = 4, max = 13) int div) {
        byte[] sent = random(seed, 30);
        UartTx tx = reset(new UartTx(cfg(div)));
        UartRx rx = reset(new UartRx(cfg(div)));
        UartLine.Decoder host = new UartLine.Decoder(div);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int next = 0;
        for (int cycle = 0; cycle < sent.length * 12 * div + 10 * div; cycle++) {
            boolean line = tx.tx_o();
            host.feed(line ? 1 : 0);
            if (rx.valid_o()) got.write(rx.data_o());
            boolean valid = next < sent.length;
            boolean taken = valid && tx.ready_o();
            tx.eval(valid, valid ? sent[next] : 0);
            rx.eval(line);
            tx.commit(false);
            rx.commit(false);
            if (taken) next++;
        }
        assertArrayEquals(sent, got.toByteArray(), "twin receiver, seed " + seed);
        assertArrayEquals(sent, host.take(), "host decoder, seed " + seed);
    }

    @Property(tries = 20)
    void aLowStopBitDropsTheByte(@ForAll long seed) {
        int div = 4;
        byte[] sent = random(seed, 3);
        int[] levels = UartLine.encode(sent, div);
        // Byte 1's stop bit held low: a framing error; bytes 0 and 2 arrive. The line then idles high
        // a bit time so the next start bit is an edge again.
        int stop = (10 + 9) * div;
        Arrays.fill(levels, stop, stop + div, 0);
        int[] spaced = new int[levels.length + div];
        System.arraycopy(levels, 0, spaced, 0, 20 * div);
        Arrays.fill(spaced, 20 * div, 21 * div, 1);
        System.arraycopy(levels, 20 * div, spaced, 21 * div, 10 * div);
        UartRx rx = reset(new UartRx(cfg(div)));
        byte[] got = receive(rx, spaced, 4 * div);
        assertEquals(2, got.length, "seed " + seed);
        assertEquals(sent[0], got[0]);
        assertEquals(sent[2], got[1]);
    }
}
