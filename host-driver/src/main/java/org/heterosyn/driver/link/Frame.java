package org.heterosyn.driver.link;

import org.heterosyn.link.LinkFrame;

/**
 * One frame of the board link, version 2 (docs/link.md; layout and constants in {@link LinkFrame}).
 * A DATA frame carries 1 .. {@link LinkFrame#MAX_WORDS} words of the stream; an ACK carries the next
 * sequence number its sender expects and its credit (in units of {@link LinkFrame#CREDIT_UNIT_WORDS} words).
 */
public record Frame(int type, int seq, int credit, int[] words) {
    public Frame {
        if ((seq & ~0xFF) != 0) throw new IllegalArgumentException("seq " + seq + " does not fit a byte");
        if (type == LinkFrame.TYPE_DATA) {
            if (words.length < 1 || words.length > LinkFrame.MAX_WORDS) {
                throw new IllegalArgumentException("a DATA frame carries 1 .. " + LinkFrame.MAX_WORDS + " words, not " + words.length);
            }
        } else if (type == LinkFrame.TYPE_ACK) {
            if (words.length != 0) throw new IllegalArgumentException("an ACK carries no payload");
            if (credit < 0 || credit > LinkFrame.MAX_CREDIT) throw new IllegalArgumentException("credit " + credit);
        } else {
            throw new IllegalArgumentException("frame type " + type);
        }
        words = words.clone();
    }

    public static Frame data(int seq, int[] words) { return new Frame(LinkFrame.TYPE_DATA, seq, 0, words); }

    public static Frame ack(int nextSeq, int credit) { return new Frame(LinkFrame.TYPE_ACK, nextSeq, credit, new int[0]); }

    public boolean isData() { return type == LinkFrame.TYPE_DATA; }

    public byte[] encode() {
        return isData() ? LinkFrame.data(seq, words) : LinkFrame.ack(seq, credit);
    }
}
