package org.heterosyn.driver.link;

import org.heterosyn.link.LinkFrame;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The sending half of a link endpoint (docs/link.md, "Sending"): at most {@link LinkFrame#WINDOW}
 * unacknowledged frames and at most the granted credit in words, cumulative ACKs, and go-back-N
 * when the oldest frame has waited a timeout. Not thread-safe: {@link LinkEndpoint} holds its lock.
 */
final class SendWindow {
    private static final class Slot {
        final Frame frame;
        final byte[] bytes;
        boolean written;

        Slot(Frame frame) {
            this.frame = frame;
            this.bytes = frame.encode();
        }
    }

    private final ArrayDeque<Slot> slots = new ArrayDeque<>(LinkFrame.WINDOW);
    private int nextSeq;
    private int creditWords = LinkFrame.INITIAL_CREDIT_UNITS * LinkFrame.CREDIT_UNIT_WORDS;
    private int outstandingWords;
    private long timerStart;
    private long blockedSince = -1;
    private int rounds;
    private boolean heard;
    private long retransmissions;
    private long probes;
    private long staleAcks;
    private long acks;

    /** Words the next frame may carry now: limited by the window, the credit and the frame size. */
    int room() {
        if (slots.size() >= LinkFrame.WINDOW) return 0;
        return Math.min(LinkFrame.MAX_WORDS, Math.max(0, creditWords - outstandingWords));
    }

    /**
     * Queues words[from ..] in one frame as far as room allows; returns the words taken. With no room
     * for {@code probeAfterNanos} and nothing outstanding it sends one frame anyway (a probe): the
     * receiver answers every good frame with an ACK, so a lost window update cannot stall the link.
     */
    int add(int[] words, int from, long now, long probeAfterNanos) {
        int n = Math.min(room(), words.length - from);
        if (n <= 0) {
            if (!slots.isEmpty() || words.length == from) return 0;
            if (blockedSince < 0) blockedSince = now;
            if (now - blockedSince < probeAfterNanos) return 0;
            n = Math.min(LinkFrame.MAX_WORDS, words.length - from);
            probes++;
        }
        int[] part = new int[n];
        System.arraycopy(words, from, part, 0, n);
        if (slots.isEmpty()) timerStart = now;
        slots.add(new Slot(Frame.data(nextSeq, part)));
        nextSeq = (nextSeq + 1) & 0xFF;
        outstandingWords += n;
        blockedSince = -1;
        return n;
    }

    /** An ACK: frames before {@code seq} are delivered, and {@code credit} units fit after them. Returns whether it moved. */
    boolean ack(int seq, int credit, long now) {
        acks++;
        heard = true;
        int base = slots.isEmpty() ? nextSeq : slots.peekFirst().frame.seq();
        int covered = (seq - base) & 0xFF;
        if (covered > slots.size()) {
            staleAcks++;  // an ACK from before a wrap or a forged one: it says nothing about this window
            return false;
        }
        for (int i = 0; i < covered; i++) outstandingWords -= slots.removeFirst().frame.words().length;
        creditWords = credit * LinkFrame.CREDIT_UNIT_WORDS;
        if (covered == 0) return false;
        rounds = 0;
        timerStart = now;
        return true;
    }

    /** The encoded frames not yet written, in order, now marked written. */
    List<byte[]> takeUnwritten() {
        List<byte[]> out = new ArrayList<>();
        for (Slot s : slots) {
            if (!s.written) {
                s.written = true;
                out.add(s.bytes);
            }
        }
        return out;
    }

    boolean hasUnwritten() {
        for (Slot s : slots) if (!s.written) return true;
        return false;
    }

    /** When the oldest frame times out, or Long.MAX_VALUE with nothing outstanding. */
    long deadline(long timeoutNanos) { return slots.isEmpty() ? Long.MAX_VALUE : timerStart + timeoutNanos; }

    /**
     * Go-back-N: every outstanding frame is written again; counts them, and the round as silent unless
     * an ACK came since the last one (a full receiver answering a probe is alive, just busy).
     */
    void goBack(long now) {
        for (Slot s : slots) s.written = false;
        retransmissions += slots.size();
        rounds = heard ? 1 : rounds + 1;
        heard = false;
        timerStart = now;
    }

    boolean isEmpty() { return slots.isEmpty(); }

    int frames() { return slots.size(); }

    int outstandingWords() { return outstandingWords; }

    int creditWords() { return creditWords; }

    /** Go-back-N rounds in a row with no ACK at all from the far end. */
    int rounds() { return rounds; }

    long retransmissions() { return retransmissions; }

    long probes() { return probes; }

    long staleAcks() { return staleAcks; }

    long acks() { return acks; }
}
