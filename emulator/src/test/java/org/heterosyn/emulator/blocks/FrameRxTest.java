package org.heterosyn.emulator.blocks;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import org.heterosyn.link.LinkCrc;
import org.heterosyn.link.LinkFrame;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The FrameRx twin against a reference decoder written from docs/link.md's receiving rules, on
 * random streams of good and bad frames: bad CRC-16, bad length, unknown type, a corrupted length
 * byte, truncated frames, duplicates and noise. Only good, expected frames that fit deliver words;
 * every good DATA frame asks for an ACK; bad frames are dropped and leave no word behind.
 */
@Tag("unit")
class FrameRxTest {
    /** What a receiver did with a stream. */
    record Outcome(List<Integer> delivered, int ackRequests, List<String> hostAcks, int drops, int expected) {}

    /** Command FIFO capacity the test gives the receiver (nothing is read out). */
    private static final int CAPACITY = 512;

    @Property(tries = 200)
    void twinDecodesAsTheReference(@ForAll long seed) {
        byte[] stream = stream(new Random(seed));
        assertEquals(reference(stream), twin(stream), "seed " + seed);
    }

    /** A frame that does not fit is dropped but answered, so the sender learns the credit. */
    @Property(tries = 20)
    void aFrameThatDoesNotFitIsAnsweredNotDelivered(@ForAll long seed) {
        Random rnd = new Random(seed);
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        int frames = CAPACITY / LinkFrame.MAX_WORDS + 1;
        for (int f = 0; f < frames; f++) s.writeBytes(LinkFrame.data(f, words(rnd, LinkFrame.MAX_WORDS)));
        Outcome o = twin(s.toByteArray());
        assertEquals(CAPACITY, o.delivered().size(), o.ackRequests() + " acks, " + o.drops() + " drops, expected " + o.expected());
        assertEquals(frames, o.ackRequests());
        assertEquals(frames - 1, o.expected());
        assertEquals(reference(s.toByteArray()), o);
    }

    private static Outcome twin(byte[] stream) {
        FrameRx rx = new FrameRx();
        rx.eval(false, 0, CAPACITY);
        rx.commit(true);
        List<Integer> committed = new ArrayList<>();
        List<Integer> tentative = new ArrayList<>();
        List<String> hostAcks = new ArrayList<>();
        int acks = 0;
        int drops = 0;
        for (byte b : stream) {
            rx.eval(true, b & 0xFF, CAPACITY - committed.size() - tentative.size());
            if (rx.push_o) tentative.add(rx.word_o);
            if (rx.commit_o) committed.addAll(tentative);
            if (rx.commit_o || rx.rewind_o) tentative.clear();
            if (rx.ack_req_o) acks++;
            if (rx.host_ack_o) hostAcks.add(rx.host_seq_o() + "/" + rx.host_credit_o());
            if (rx.bad_o) drops++;
            rx.commit(false);
            // A byte every cycle is the worst case; the UART gives one every 40 or more.
        }
        return new Outcome(committed, acks, hostAcks, drops, rx.exp_o());
    }

    /** docs/link.md "Receiving", read as a parse of the whole stream. */
    static Outcome reference(byte[] s) {
        List<Integer> delivered = new ArrayList<>();
        List<String> hostAcks = new ArrayList<>();
        int acks = 0;
        int drops = 0;
        int expected = 0;
        int i = 0;
        while (i < s.length) {
            if ((s[i] & 0xFF) != LinkFrame.SYNC) {
                i++;
                continue;
            }
            if (i + LinkFrame.HEADER_BYTES > s.length) break;
            int type = s[i + LinkFrame.AT_TYPE] & 0xFF;
            int seq = s[i + LinkFrame.AT_SEQ] & 0xFF;
            int len = s[i + LinkFrame.AT_LEN] & 0xFF;
            boolean hok = LinkCrc.crc8(s, i + 1, 3) == (s[i + LinkFrame.AT_HCRC] & 0xFF);
            i += LinkFrame.HEADER_BYTES;
            if (hok && type == LinkFrame.TYPE_ACK) {
                hostAcks.add(seq + "/" + len);
                continue;
            }
            if (!hok || type != LinkFrame.TYPE_DATA || len == 0 || len > LinkFrame.MAX_WORDS) {
                drops++;
                continue;
            }
            int payload = len * LinkFrame.BYTES_PER_WORD;
            if (i + payload + LinkFrame.CRC_BYTES > s.length) break;
            // CRC-16 covers type .. the last payload byte, hcrc included.
            int crc = LinkCrc.crc16(s, i - 4, 4 + payload);
            int got = (s[i + payload] & 0xFF) | (s[i + payload + 1] & 0xFF) << 8;
            if (crc == got) {
                acks++;
                if (seq == expected && len <= CAPACITY - delivered.size()) {
                    for (int w = 0; w < len; w++) {
                        int at = i + 4 * w;
                        delivered.add((s[at] & 0xFF) | (s[at + 1] & 0xFF) << 8 | (s[at + 2] & 0xFF) << 16 | (s[at + 3] & 0xFF) << 24);
                    }
                    expected = (expected + 1) & 0xFF;
                }
            } else {
                drops++;
            }
            i += payload + LinkFrame.CRC_BYTES;
        }
        return new Outcome(delivered, acks, hostAcks, drops, expected);
    }

    private static int[] words(Random rnd, int n) {
        int[] w = new int[n];
        for (int k = 0; k < n; k++) w[k] = rnd.nextInt();
        return w;
    }

    /** Random frames, each good or spoiled in one of the ways the class comment lists, with noise between. */
    private static byte[] stream(Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int seq = 0;
        for (int f = 0; f < 24; f++) {
            for (int k = rnd.nextInt(3); k > 0; k--) out.write(rnd.nextInt(256));
            byte[] frame = LinkFrame.data(rnd.nextInt(6) == 0 ? seq - 1 : seq, words(rnd, 1 + rnd.nextInt(LinkFrame.MAX_WORDS)));
            int kind = rnd.nextInt(9);
            switch (kind) {
                case 0 -> frame[LinkFrame.HEADER_BYTES + rnd.nextInt(frame.length - LinkFrame.HEADER_BYTES)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> frame = header(LinkFrame.TYPE_DATA, seq, rnd.nextBoolean() ? 0 : LinkFrame.MAX_WORDS + 1 + rnd.nextInt(100));
                case 2 -> frame = header(3 + rnd.nextInt(250), seq, 1 + rnd.nextInt(LinkFrame.MAX_WORDS));
                case 3 -> frame[LinkFrame.AT_LEN] ^= (byte) (1 << rnd.nextInt(8));
                case 4 -> frame = java.util.Arrays.copyOf(frame, 1 + rnd.nextInt(frame.length - 1));
                case 5 -> frame = LinkFrame.ack(rnd.nextInt(256), rnd.nextInt(256));
                default -> seq = frame[LinkFrame.AT_SEQ] == (byte) seq ? seq + 1 : seq;
            }
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    /** A header with a correct CRC-8 and whatever type and length. */
    private static byte[] header(int type, int seq, int len) {
        byte[] h = {(byte) LinkFrame.SYNC, (byte) type, (byte) seq, (byte) len, 0};
        h[LinkFrame.AT_HCRC] = (byte) LinkCrc.crc8(h, 1, 3);
        return h;
    }
}
