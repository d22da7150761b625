package org.heterosyn.manifest;

/**
 * The state codes of the board top's frame machines (code = ordinal), shared by rtl-gen's FrameRx
 * and FrameTx and their emulator twins, as {@link Phase} is for the controller.
 */
public final class LinkStates {
    private LinkStates() {}

    /** heterosyn_frame_rx's state_q: the byte the receiver waits for (docs/link.md, "Receiving"). */
    public enum Rx { HUNT, TYPE, SEQ, LEN, HCRC, PAY, CRC_LO, CRC_HI }

    /** heterosyn_frame_tx's state_q: idle (choosing the next frame), or the part of a frame being sent. */
    public enum Tx { IDLE, HDR, PAY, CRC_LO, CRC_HI }
}
