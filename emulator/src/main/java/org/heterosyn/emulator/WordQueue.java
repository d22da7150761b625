package org.heterosyn.emulator;

import java.util.Arrays;

/**
 * The host's side of a clocked model's stream: words queued in order, consumed one per accepting
 * cycle, and drained in bulk. One growable array, compacted when it fills, so a long run of pushes
 * and takes costs no allocation per word.
 */
final class WordQueue {
    private int[] words = new int[1024];
    private int head;
    private int tail;

    void push(int[] more) {
        room(more.length);
        System.arraycopy(more, 0, words, tail, more.length);
        tail += more.length;
    }

    void add(int word) {
        room(1);
        words[tail++] = word;
    }

    /** Makes room for {@code n} more words: compacts in place, or grows when over half full. */
    private void room(int n) {
        if (tail + n <= words.length) return;
        int live = tail - head;
        int[] next = live + n > words.length / 2 ? new int[Math.max(2 * words.length, 2 * (live + n))] : words;
        System.arraycopy(words, head, next, 0, live);
        words = next;
        head = 0;
        tail = live;
    }

    boolean isEmpty() { return head == tail; }

    int size() { return tail - head; }

    /** The next word; the queue must not be empty. */
    int peek() { return words[head]; }

    void take() { head++; }

    /** Every queued word, in order; the queue is empty afterwards. */
    int[] drain() {
        int[] w = Arrays.copyOfRange(words, head, tail);
        head = 0;
        tail = 0;
        return w;
    }

    void clear() {
        head = 0;
        tail = 0;
    }
}
