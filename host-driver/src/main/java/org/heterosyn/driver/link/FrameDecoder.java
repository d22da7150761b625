package org.heterosyn.driver.link;

import org.heterosyn.link.LinkCrc;
import org.heterosyn.link.LinkFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * The receiving state machine of docs/link.md, one byte at a time, as the board runs it:
 * hunt for the sync byte, read and check the header (CRC-8, type, length), then read the payload
 * and its CRC-16. A bad header or frame sends it back to hunting from the next byte; bytes already
 * read are never rescanned, so its memory is one frame and a corrupted length costs one frame.
 */
public final class FrameDecoder {
    private enum State { HUNT, HEADER, PAYLOAD }

    /** Printable bytes skipped while hunting, kept so an error can quote what the far end said instead. */
    private static final int TEXT_KEPT = 120;

    private State state = State.HUNT;
    private final byte[] frame = new byte[LinkFrame.MAX_FRAME_BYTES];
    private int at;
    private int need;
    private long dropped;
    private long badHeaders;
    private long badFrames;
    private final StringBuilder text = new StringBuilder();

    public List<Frame> feed(byte[] data, int n) {
        List<Frame> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Frame f = step(data[i] & 0xFF);
            if (f != null) out.add(f);
        }
        return out;
    }

    /** Takes one byte; returns the frame it completes, if any. */
    public Frame step(int b) {
        switch (state) {
            case HUNT -> hunt(b);
            case HEADER -> {
                frame[at++] = (byte) b;
                if (at == LinkFrame.HEADER_BYTES) return header();
            }
            case PAYLOAD -> {
                frame[at++] = (byte) b;
                if (at == need) return payload();
            }
        }
        return null;
    }

    private void hunt(int b) {
        if (b == LinkFrame.SYNC) {
            frame[0] = (byte) b;
            at = 1;
            state = State.HEADER;
            return;
        }
        dropped++;
        if (b >= 0x20 && b < 0x7F || b == '\n') {
            if (text.length() == TEXT_KEPT) text.deleteCharAt(0);
            text.append((char) b);
        }
    }

    private Frame header() {
        int type = frame[1] & 0xFF;
        int len = frame[3] & 0xFF;
        boolean crcOk = (frame[4] & 0xFF) == LinkCrc.crc8(frame, 1, 3);
        boolean dataOk = type == LinkFrame.DATA && len >= 1 && len <= LinkFrame.MAX_WORDS;
        if (!crcOk || !(dataOk || type == LinkFrame.ACK)) return drop(true);
        if (type == LinkFrame.ACK) {
            state = State.HUNT;
            return Frame.ack(frame[2] & 0xFF, len);
        }
        need = LinkFrame.HEADER_BYTES + 4 * len + LinkFrame.CRC_BYTES;
        state = State.PAYLOAD;
        return null;
    }

    private Frame payload() {
        int crc = (frame[need - 2] & 0xFF) | (frame[need - 1] & 0xFF) << 8;
        if (crc != LinkCrc.crc16(frame, 1, need - 1 - LinkFrame.CRC_BYTES)) return drop(false);
        int[] words = new int[(need - LinkFrame.HEADER_BYTES - LinkFrame.CRC_BYTES) / 4];
        for (int i = 0; i < words.length; i++) {
            int p = LinkFrame.HEADER_BYTES + 4 * i;
            words[i] = (frame[p] & 0xFF) | (frame[p + 1] & 0xFF) << 8 | (frame[p + 2] & 0xFF) << 16 | (frame[p + 3] & 0xFF) << 24;
        }
        state = State.HUNT;
        return Frame.data(frame[2] & 0xFF, words);
    }

    private Frame drop(boolean atHeader) {
        dropped += at;
        if (atHeader) badHeaders++;
        else badFrames++;
        state = State.HUNT;
        return null;
    }

    /** Bytes discarded: noise while hunting and every byte of a dropped header or frame. */
    public long droppedBytes() { return dropped; }

    /** Headers dropped for a bad CRC-8, type or length. */
    public long badHeaders() { return badHeaders; }

    /** DATA frames dropped for a bad CRC-16. */
    public long badFrames() { return badFrames; }

    /** The printable text among the last bytes skipped while hunting (a plain-text message from the far end). */
    public String skippedText() {
        return text.toString().strip();
    }
}
