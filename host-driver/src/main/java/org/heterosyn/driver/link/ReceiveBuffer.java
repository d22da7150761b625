package org.heterosyn.driver.link;

import org.heterosyn.link.LinkFrame;

/**
 * The receiving half of a link endpoint (docs/link.md, "Receiving"): a bounded buffer of delivered
 * words whose free space is the credit this end grants, the next expected sequence number, and
 * whether an ACK is due. Not thread-safe: {@link LinkEndpoint} holds its lock.
 */
final class ReceiveBuffer {
    private final int[] ring;
    private int head;
    private int count;
    private int expected;
    private int advertised;
    private boolean ackDue;
    private long duplicates;
    private long noRoom;

    ReceiveBuffer(int capacityWords) {
        if (capacityWords < LinkFrame.MAX_WORDS) {
            throw new IllegalArgumentException("a receive buffer holds at least one frame (" + LinkFrame.MAX_WORDS + " words)");
        }
        ring = new int[capacityWords];
        advertised = LinkFrame.INITIAL_CREDIT_UNITS;
    }

    /** A good DATA frame: delivered if it is the expected one and fits; answered by an ACK either way. */
    void onData(Frame f) {
        int[] w = f.words();
        if (f.seq() != expected) {
            duplicates++;
        } else if (w.length > free()) {
            noRoom++;
        } else {
            for (int v : w) ring[(head + count++) % ring.length] = v;
            expected = (expected + 1) & 0xFF;
        }
        ackDue = true;
    }

    /** Takes every buffered word; the room this frees may make an unasked ACK due. */
    int[] takeAll() {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) out[i] = ring[(head + i) % ring.length];
        head = (head + count) % ring.length;
        count = 0;
        if (LinkFrame.creditUnits(free()) - advertised >= LinkFrame.CREDIT_UPDATE_UNITS) ackDue = true;
        return out;
    }

    boolean ackDue() { return ackDue; }

    /** The ACK to send now: the expected seq and the credit of the room left. */
    Frame ack() {
        ackDue = false;
        advertised = LinkFrame.creditUnits(free());
        return Frame.ack(expected, advertised);
    }

    int buffered() { return count; }

    int free() { return ring.length - count; }

    /** Good DATA frames dropped because they were not the expected one (duplicates, or after a lost frame). */
    long duplicates() { return duplicates; }

    /** Good DATA frames dropped because they did not fit. */
    long noRoom() { return noRoom; }
}
