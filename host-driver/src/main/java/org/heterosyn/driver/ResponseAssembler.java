package org.heterosyn.driver;

import org.heterosyn.protocol.Header;

import java.util.Arrays;

/** Collects response words until a given number of complete responses has arrived. */
final class ResponseAssembler {
    private int[] words = new int[256];
    private int size;
    private int complete;
    private int completeWords;

    void add(int[] w) {
        if (size + w.length > words.length) words = Arrays.copyOf(words, Math.max(size + w.length, 2 * words.length));
        System.arraycopy(w, 0, words, size, w.length);
        size += w.length;
        while (completeWords < size) {
            int len = words[completeWords] & Header.LENGTH_MASK;
            if (completeWords + 1 + len > size) break;
            completeWords += 1 + len;
            complete++;
        }
    }

    int complete() { return complete; }

    /** Words still needed at least, assuming every missing response has no payload. */
    int minimumMissingWords(int responses) {
        int partial = size - completeWords;
        int missing = responses - complete;
        if (partial > 0) {
            int len = words[completeWords] & Header.LENGTH_MASK;
            return 1 + len - partial + (missing - 1);
        }
        return missing;
    }

    int[] words() { return Arrays.copyOf(words, size); }
}
