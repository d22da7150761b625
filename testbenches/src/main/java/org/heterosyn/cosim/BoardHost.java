package org.heterosyn.cosim;

import org.heterosyn.emulator.UartLine;
import org.heterosyn.link.LinkCrc;
import org.heterosyn.link.LinkFrame;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The host's end of a board top's pins in co-simulation: a small, independent implementation of
 * docs/link.md (go-back-N sender with the board's credit, receiver that ACKs every good DATA frame)
 * over a bit-level UART, one line level per clock cycle. It can flip bits of chosen bytes it sends
 * (host to board) and of chosen bytes it receives (board to host), and counts what recovery cost.
 */
public final class BoardHost {
    private final int divisor;
    private final long timeout;
    private final int[] commands;
    private final Set<Long> corruptOut;
    private final Set<Long> corruptIn;
    private final ArrayDeque<Integer> line = new ArrayDeque<>();
    private final UartLine.Decoder decoder;
    private final Receiver receiver = new Receiver();

    // ---- sending ----
    private int nextWord;
    private int base;
    private final List<int[]> outstanding = new ArrayList<>();
    private int credit = LinkFrame.INITIAL_CREDIT_UNITS;
    private long lastProgress;
    private long drainedAt;
    private boolean ackWanted;
    private long bytesOut;
    private long quietUntil;

    // ---- receiving ----
    private int expected;
    private final List<Integer> responses = new ArrayList<>();
    private long bytesIn;

    // ---- what recovery cost ----
    private int goBacks;
    private int framesResent;
    private int duplicatesFromBoard;
    private int badFramesFromBoard;
    /** What happened, cycle-stamped, for failure messages. */
    private final List<String> events = new ArrayList<>();

    /**
     * @param commands   the command words to deliver
     * @param timeout    cycles the host waits, once its line is idle, before going back
     * @param corruptOut indexes of bytes sent (0-based, over the whole run) whose lowest bit is flipped
     * @param corruptIn  indexes of bytes received whose lowest bit is flipped
     */
    public BoardHost(int[] commands, int divisor, long timeout, Set<Long> corruptOut, Set<Long> corruptIn) {
        this.commands = commands.clone();
        this.divisor = divisor;
        this.timeout = timeout;
        this.corruptOut = corruptOut;
        this.corruptIn = corruptIn;
        this.decoder = new UartLine.Decoder(divisor);
    }

    /** The host sends nothing before cycle {@code cycle}. */
    public void quietUntil(long cycle) { quietUntil = cycle; }

    /** Exactly {@code cycles} levels for uart_rx_i from cycle {@code now} on (idle high when nothing is due). */
    public int[] levels(int cycles, long now) {
        while (line.size() < cycles && plan(now)) {
            // plan() queued a frame; keep planning while the batch has room on the line.
        }
        int[] out = new int[cycles];
        for (int i = 0; i < cycles; i++) out[i] = line.isEmpty() ? 1 : line.poll();
        // The line went idle within this batch; counting from its end delays a go-back by < cycles.
        if (line.isEmpty() && drainedAt < 0) drainedAt = now + cycles;
        return out;
    }

    /** Queues the next frame, if one is due; false when nothing is. */
    private boolean plan(long now) {
        if (now < quietUntil) return false;
        if (ackWanted) {
            ackWanted = false;
            send(LinkFrame.ack(expected, LinkFrame.MAX_CREDIT));
            return true;
        }
        if (!outstanding.isEmpty() && line.isEmpty() && drainedAt >= 0 && now - Math.max(lastProgress, drainedAt) >= timeout) {
            goBacks++;
            events.add(now + ": go back, " + outstanding.size() + " frames from seq " + base);
            for (int i = 0; i < outstanding.size(); i++) send(LinkFrame.data(base + i, outstanding.get(i)));
            framesResent += outstanding.size();
            lastProgress = now;
            return true;
        }
        int inFlight = outstanding.stream().mapToInt(w -> w.length).sum();
        int room = credit * LinkFrame.CREDIT_UNIT_WORDS - inFlight;
        if (nextWord < commands.length && outstanding.size() < LinkFrame.WINDOW && room > 0) {
            int n = Math.min(Math.min(LinkFrame.MAX_WORDS, room), commands.length - nextWord);
            int[] w = Arrays.copyOfRange(commands, nextWord, nextWord + n);
            nextWord += n;
            events.add(now + ": DATA seq " + ((base + outstanding.size()) & 0xFF) + ", " + n + " words");
            send(LinkFrame.data(base + outstanding.size(), w));
            outstanding.add(w);
            return true;
        }
        return false;
    }

    private void send(byte[] frame) {
        byte[] f = frame.clone();
        for (int i = 0; i < f.length; i++) {
            if (corruptOut.contains(bytesOut + i)) f[i] ^= 1;
        }
        bytesOut += f.length;
        for (int level : UartLine.encode(f, divisor)) line.add(level);
        drainedAt = -1;
    }

    /** The board's output pins of the cycles from {@code now} on (bit 0: uart_tx_o). */
    public void feed(int[] pins, long now) {
        for (int p : pins) decoder.feed(p & 1);
        for (byte b : decoder.take()) {
            int v = b & 0xFF;
            if (corruptIn.contains(bytesIn)) v ^= 1;
            bytesIn++;
            receiver.accept(v, now);
        }
    }

    /** The words delivered, and the response words received, are all there and acknowledged. */
    public boolean done(int responseWords) {
        return nextWord == commands.length && outstanding.isEmpty() && responses.size() >= responseWords && line.isEmpty();
    }

    public int[] responses() { return responses.stream().mapToInt(Integer::intValue).toArray(); }

    public int goBacks() { return goBacks; }

    /** The last {@code n} events. */
    public String events(int n) { return String.join("\n", events.subList(Math.max(0, events.size() - n), events.size())); }

    public int framesResent() { return framesResent; }

    public int duplicatesFromBoard() { return duplicatesFromBoard; }

    public int badFramesFromBoard() { return badFramesFromBoard; }

    private void ack(int seq, int newCredit, long now) {
        int acked = (seq - base) & 0xFF;
        events.add(now + ": ACK in, seq " + seq + " credit " + newCredit);
        if (acked > outstanding.size()) return;
        credit = newCredit;
        if (acked == 0) return;
        outstanding.subList(0, acked).clear();
        base = (base + acked) & 0xFF;
        lastProgress = now;
    }

    private void data(int seq, int[] words) {
        events.add("DATA in, seq " + seq + ", " + words.length + " words");
        if (seq == expected) {
            for (int w : words) responses.add(w);
            expected = (expected + 1) & 0xFF;
        } else {
            duplicatesFromBoard++;
        }
        ackWanted = true;
    }

    /** docs/link.md's receiving rules, a byte at a time. */
    private final class Receiver {
        private final ByteArrayOutputStream frame = new ByteArrayOutputStream();
        private int need;

        void accept(int b, long now) {
            if (frame.size() == 0) {
                if (b == LinkFrame.SYNC) frame.write(b);
                return;
            }
            frame.write(b);
            byte[] f = frame.toByteArray();
            if (f.length == LinkFrame.HEADER_BYTES) header(f, now);
            else if (f.length == need) payload(f);
        }

        private void header(byte[] f, long now) {
            int type = f[LinkFrame.AT_TYPE] & 0xFF;
            int len = f[LinkFrame.AT_LEN] & 0xFF;
            boolean ok = LinkCrc.crc8(f, 1, 3) == (f[LinkFrame.AT_HCRC] & 0xFF);
            if (ok && type == LinkFrame.TYPE_ACK) {
                ack(f[LinkFrame.AT_SEQ] & 0xFF, len, now);
                frame.reset();
            } else if (ok && type == LinkFrame.TYPE_DATA && len >= 1 && len <= LinkFrame.MAX_WORDS) {
                need = LinkFrame.HEADER_BYTES + len * LinkFrame.BYTES_PER_WORD + LinkFrame.CRC_BYTES;
            } else {
                badFramesFromBoard++;
                events.add(now + ": bad header in, " + Arrays.toString(f));
                frame.reset();
            }
        }

        private void payload(byte[] f) {
            frame.reset();
            int end = f.length - LinkFrame.CRC_BYTES;
            int crc = (f[end] & 0xFF) | (f[end + 1] & 0xFF) << 8;
            if (LinkCrc.crc16(f, 1, end - 1) != crc) {
                badFramesFromBoard++;
                events.add("bad CRC-16 in, seq " + (f[LinkFrame.AT_SEQ] & 0xFF));
                return;
            }
            int[] words = new int[(end - LinkFrame.HEADER_BYTES) / LinkFrame.BYTES_PER_WORD];
            for (int i = 0; i < words.length; i++) {
                int at = LinkFrame.HEADER_BYTES + LinkFrame.BYTES_PER_WORD * i;
                words[i] = (f[at] & 0xFF) | (f[at + 1] & 0xFF) << 8 | (f[at + 2] & 0xFF) << 16 | (f[at + 3] & 0xFF) << 24;
            }
            data(f[LinkFrame.AT_SEQ] & 0xFF, words);
        }
    }
}
