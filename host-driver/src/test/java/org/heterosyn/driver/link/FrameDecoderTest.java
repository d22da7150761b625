package org.heterosyn.driver.link;

import org.heterosyn.link.LinkCrc;
import org.heterosyn.link.LinkFrame;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class FrameDecoderTest {
    private static final Frame ONE_WORD = Frame.data(3, new int[] {0x12345678});

    private static List<Frame> decode(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) b.writeBytes(p);
        byte[] all = b.toByteArray();
        return new FrameDecoder().feed(all, all.length);
    }

    @Test
    void aCorruptedLengthCostsOneFrameNotAStall() {
        byte[] bad = ONE_WORD.encode();
        bad[3] = (byte) 129;  // 1 -> 129: version 1 waited for 516 payload bytes here
        FrameDecoder d = new FrameDecoder();
        byte[] good = ONE_WORD.encode();
        assertEquals(List.of(), d.feed(bad, bad.length));
        List<Frame> got = d.feed(good, good.length);
        assertEquals(1, got.size(), "the retransmission right behind is received whole");
        assertArrayEquals(ONE_WORD.words(), got.get(0).words());
        assertEquals(1, d.badHeaders());
    }

    @Test
    void aLengthAboveTheLimitIsDroppedAtTheHeaderEvenWithAGoodHeaderCrc() {
        byte[] forged = {(byte) LinkFrame.SYNC, (byte) LinkFrame.DATA, 0, (byte) (LinkFrame.MAX_WORDS + 1), 0};
        forged[4] = (byte) LinkCrc.crc8(forged, 1, 3);
        byte[] zero = {(byte) LinkFrame.SYNC, (byte) LinkFrame.DATA, 0, 0, 0};
        zero[4] = (byte) LinkCrc.crc8(zero, 1, 3);
        byte[] type3 = {(byte) LinkFrame.SYNC, 3, 0, 1, 0};
        type3[4] = (byte) LinkCrc.crc8(type3, 1, 3);
        List<Frame> got = decode(forged, zero, type3, ONE_WORD.encode());
        assertEquals(1, got.size());
        assertEquals(3, got.get(0).seq());
    }

    @Test
    void anAckIsFiveBytesAndCarriesSeqAndCredit() {
        byte[] a = Frame.ack(200, 255).encode();
        assertEquals(LinkFrame.HEADER_BYTES, a.length);
        Frame f = decode(a).get(0);
        assertEquals(LinkFrame.ACK, f.type());
        assertEquals(200, f.seq());
        assertEquals(255, f.credit());
    }

    @Test
    void droppedBytesAreNotRescanned() {
        // A payload that contains a whole valid ACK: if a bad DATA frame's bytes were scanned again, the ACK would appear.
        byte[] ack = Frame.ack(9, 1).encode();
        int[] words = {(ack[0] & 0xFF) | (ack[1] & 0xFF) << 8 | (ack[2] & 0xFF) << 16 | (ack[3] & 0xFF) << 24, ack[4] & 0xFF};
        byte[] frame = Frame.data(0, words).encode();
        frame[frame.length - 1] ^= 1;
        FrameDecoder d = new FrameDecoder();
        assertEquals(List.of(), d.feed(frame, frame.length));
        assertEquals(1, d.badFrames());
        assertEquals(frame.length, d.droppedBytes());
    }

    @Test
    void printableNoiseIsKeptForErrorMessages() {
        byte[] text = (LinkServer.BUSY + "\n").getBytes();
        FrameDecoder d = new FrameDecoder();
        d.feed(text, text.length);
        assertTrue(d.skippedText().contains("busy"), d.skippedText());
    }
}
