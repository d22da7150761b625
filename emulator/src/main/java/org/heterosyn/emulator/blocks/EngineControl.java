package org.heterosyn.emulator.blocks;

/**
 * The controller-to-engine bundle (Bundles.engineControl): one field per signal, of the same name,
 * written by the controller each cycle and read by the layer engine. Flags are booleans, fields
 * raw unsigned bits, in_data sign-extended.
 */
public final class EngineControl {
    int layer;
    boolean fwd;
    boolean issue;
    boolean cmp;
    int row;
    int col;
    int vaddr;
    int gaddr;
    int gbank;
    boolean first;
    boolean last;
    boolean uselat;
    boolean useblat;
    boolean stage;
    boolean dith_w;
    boolean in_we;
    int in_bank;
    int in_addr;
    int in_data;
    int y_addr;
    int y_bank;
    boolean err_we;
    boolean hit;
    boolean key_start;
    int key_site;
    boolean key_w;
    boolean key_b;
    int sample;
}
