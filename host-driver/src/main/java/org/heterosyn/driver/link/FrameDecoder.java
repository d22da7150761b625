package org.heterosyn.driver.link;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a byte stream into frames. Bytes before a sync byte, frames with a bad CRC, an unknown
 * type or an oversized length are dropped, and the search for the next sync byte starts one byte
 * after the bad frame's sync, so a corrupted frame can never swallow the good one behind it.
 */
public final class FrameDecoder {
    private byte[] buf = new byte[4096];
    private int size;
    private long dropped;

    public List<Frame> feed(byte[] data, int n) {
        if (size + n > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(size + n, 2 * buf.length));
        System.arraycopy(data, 0, buf, size, n);
        size += n;
        List<Frame> out = new ArrayList<>();
        int at = 0;
        while (true) {
            while (at < size && (buf[at] & 0xFF) != Frame.SYNC) {
                at++;
                dropped++;
            }
            if (size - at < Frame.HEADER_BYTES) break;
            int type = buf[at + 1] & 0xFF;
            int len = (buf[at + 3] & 0xFF) | (buf[at + 4] & 0xFF) << 8;
            if ((type != Frame.DATA && type != Frame.ACK) || len > Frame.MAX_WORDS || (type == Frame.ACK && len != 0)) {
                at++;
                dropped++;
                continue;
            }
            int total = Frame.HEADER_BYTES + 4 * len + Frame.CRC_BYTES;
            if (size - at < total) break;
            int crc = (buf[at + total - 2] & 0xFF) | (buf[at + total - 1] & 0xFF) << 8;
            if (crc != Frame.crc16(buf, at + 1, total - 1 - Frame.CRC_BYTES)) {
                at++;
                dropped++;
                continue;
            }
            int[] words = new int[len];
            for (int i = 0; i < len; i++) {
                int p = at + Frame.HEADER_BYTES + 4 * i;
                words[i] = (buf[p] & 0xFF) | (buf[p + 1] & 0xFF) << 8 | (buf[p + 2] & 0xFF) << 16 | (buf[p + 3] & 0xFF) << 24;
            }
            out.add(new Frame(type, buf[at + 2] & 0xFF, words));
            at += total;
        }
        System.arraycopy(buf, at, buf, 0, size - at);
        size -= at;
        return out;
    }

    /** Bytes discarded while searching for frames (noise, corruption). */
    public long droppedBytes() { return dropped; }
}
