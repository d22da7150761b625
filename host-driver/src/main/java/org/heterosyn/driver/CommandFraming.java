package org.heterosyn.driver;

import org.heterosyn.protocol.Header;
import org.heterosyn.protocol.Opcode;

/**
 * Counts the commands in a raw word stream the way the device frames them: a header, then the
 * number of words its opcode and length field announce. An unknown opcode is one word (the device
 * answers it and goes on with the next word). A stream that ends inside a command is an error on
 * the host, before anything is sent.
 */
public final class CommandFraming {
    private CommandFraming() {}

    /** Words of the longest prefix that holds only complete commands. */
    public static int completePrefix(int[] words) {
        int i = 0;
        while (i < words.length) {
            Opcode op = Opcode.of(Header.decode(words[i]).opcode());
            int next = i + 1 + (op == null ? 0 : op.followingWords(words[i] & Header.LENGTH_MASK));
            if (next > words.length) break;
            i = next;
        }
        return i;
    }

    public static int count(int[] words) {
        int n = 0;
        int i = 0;
        while (i < words.length) {
            Header h = Header.decode(words[i]);
            Opcode op = Opcode.of(h.opcode());
            int follow = op == null ? 0 : op.followingWords(h.length());
            if (i + 1 + follow > words.length) {
                throw new DeviceException("command stream ends inside the command at word " + i + " (header 0x"
                        + Integer.toHexString(words[i]) + " announces " + follow + " more words, " + (words.length - i - 1)
                        + " follow)");
            }
            i += 1 + follow;
            n++;
        }
        return n;
    }
}
