package org.heterosyn.driver.link;

import org.heterosyn.link.LinkCrc;
import org.heterosyn.link.LinkFrame;

/**
 * One frame of the board link, version 2 (docs/link.md; layout and constants in {@link LinkFrame}).
 * A DATA frame carries 1 .. {@link LinkFrame#MAX_WORDS} words of the stream; an ACK carries the next
 * sequence number its sender expects and its credit (in units of {@link LinkFrame#CREDIT_UNIT_WORDS} words).
 */
public record Frame(int type, int seq, int credit, int[] words) {
    public Frame {
        if ((seq & ~0xFF) != 0) throw new IllegalArgumentException("seq " + seq + " does not fit a byte");
        if (type == LinkFrame.DATA) {
            if (words.length < 1 || words.length > LinkFrame.MAX_WORDS) {
                throw new IllegalArgumentException("a DATA frame carries 1 .. " + LinkFrame.MAX_WORDS + " words, not " + words.length);
            }
        } else if (type == LinkFrame.ACK) {
            if (words.length != 0) throw new IllegalArgumentException("an ACK carries no payload");
            if (credit < 0 || credit > LinkFrame.MAX_CREDIT) throw new IllegalArgumentException("credit " + credit);
        } else {
            throw new IllegalArgumentException("frame type " + type);
        }
        words = words.clone();
    }

    public static Frame data(int seq, int[] words) { return new Frame(LinkFrame.DATA, seq, 0, words); }

    public static Frame ack(int nextSeq, int credit) { return new Frame(LinkFrame.ACK, nextSeq, credit, new int[0]); }

    public boolean isData() { return type == LinkFrame.DATA; }

    public byte[] encode() {
        boolean data = isData();
        byte[] b = new byte[LinkFrame.HEADER_BYTES + (data ? 4 * words.length + LinkFrame.CRC_BYTES : 0)];
        b[0] = (byte) LinkFrame.SYNC;
        b[1] = (byte) type;
        b[2] = (byte) seq;
        b[3] = (byte) (data ? words.length : credit);
        b[4] = (byte) LinkCrc.crc8(b, 1, 3);
        if (!data) return b;
        for (int i = 0; i < words.length; i++) {
            for (int k = 0; k < 4; k++) b[LinkFrame.HEADER_BYTES + 4 * i + k] = (byte) (words[i] >>> (8 * k));
        }
        int crc = LinkCrc.crc16(b, 1, b.length - 1 - LinkFrame.CRC_BYTES);
        b[b.length - 2] = (byte) crc;
        b[b.length - 1] = (byte) (crc >>> 8);
        return b;
    }
}
