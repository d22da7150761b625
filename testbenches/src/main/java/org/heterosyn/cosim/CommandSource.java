package org.heterosyn.cosim;

/** Where a co-simulation's command words come from. */
public interface CommandSource {
    /** The next commands' words: whole commands, at least {@code minWords} of them. */
    int[] next(int minWords);
}
