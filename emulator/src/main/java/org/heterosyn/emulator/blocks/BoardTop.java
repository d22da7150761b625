package org.heterosyn.emulator.blocks;

import org.heterosyn.board.Board;
import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.link.LinkFrame;
import org.heterosyn.manifest.Hierarchy;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Registers;

/**
 * Twin of rtl-gen's BoardTop (heterosyn_board_top): PLL, power-on reset, UART, frame receiver and
 * transmitter, the two FIFOs and the core (u_core), wired as in the RTL. One {@link #clock} is one
 * rising edge of the oscillator (the simulated PLL passes it through): the blocks evaluate in the
 * order of the combinational wires (registers' outputs first; the frame receiver's strobes feed
 * the transmitter and the command FIFO), then all commit.
 */
public final class BoardTop {
    final Pll u_pll = new Pll();
    final PowerOnReset u_por;
    final UartRx u_urx;
    final UartTx u_utx;
    final FrameRx u_frx = new FrameRx();
    final FrameTx u_ftx;
    final LinkFifo u_cmdq;
    final LinkFifo u_rspq;
    final Top u_core;
    private final boolean ledActiveLow;
    private final RegFile r;
    private final int errHold;
    private final long holdMax;
    private final int unitShift = Integer.numberOfTrailingZeros(LinkFrame.CREDIT_UNIT_WORDS);

    public BoardTop(Layout lay, Board board, BoardTopConfig cfg) {
        u_por = new PowerOnReset(cfg);
        u_urx = new UartRx(cfg);
        u_utx = new UartTx(cfg);
        u_ftx = new FrameTx(cfg);
        u_cmdq = new LinkFifo(cfg.cmdFifoWords(), false);
        u_rspq = new LinkFifo(cfg.rspFifoWords(), true);
        u_core = new Top(lay);
        ledActiveLow = board.ledActiveLow();
        r = new RegFile(Registers.boardTop(cfg));
        errHold = r.slot("err_hold");
        holdMax = Hw.mask(BoardTopConfig.log2(cfg.errLedCycles()));
    }

    public boolean uart_tx_o() { return u_utx.tx_o(); }

    public boolean led_ok_o() { return ledActiveLow != (!u_por.rst_o() && r.q[errHold] == 0); }

    public boolean led_err_o() { return ledActiveLow != (r.q[errHold] != 0); }

    public void clock(boolean uart_rx_i) {
        boolean rst = u_por.rst_o();
        int cmdFree = u_cmdq.free_o();
        u_frx.eval(u_urx.valid_o(), u_urx.data_o(), cmdFree);
        u_ftx.eval(new FrameTx.In(u_frx.ack_req_o, u_frx.exp_o(), cmdFree >>> unitShift, u_frx.host_ack_o,
                u_frx.host_seq_o(), u_frx.host_credit_o(), u_rspq.data_o(), u_rspq.avail_o(), u_rspq.rptr_o(),
                u_rspq.rcom_o(), u_utx.ready_o()));
        boolean cmdValid = u_cmdq.valid_o();
        boolean cmdPop = cmdValid && u_core.cmd_ready_o();
        boolean rspRoom = u_rspq.free_o() != 0;
        boolean rspPush = rspRoom && u_core.rsp_valid_o();
        int rspData = u_core.rsp_data_o();
        u_cmdq.evalCommand(u_frx.push_o, u_frx.word_o, u_frx.commit_o, u_frx.rewind_o, cmdPop);
        u_rspq.evalResponse(rspPush, rspData, u_ftx.pop_o, u_ftx.release_o, u_ftx.release_ptr_o, u_ftx.seek_o,
                u_ftx.seek_ptr_o);
        u_utx.eval(u_ftx.byte_valid_o, u_ftx.byte_o);
        u_urx.eval(uart_rx_i);
        u_por.eval(u_pll.lock_o());
        r.hold();
        r.d[errHold] = u_frx.bad_o ? holdMax : r.q[errHold] != 0 ? r.q[errHold] - 1 : 0;
        // The core's clock evaluates and commits it; its outputs above were read before.
        u_core.clock(rst, cmdValid, u_cmdq.data_o(), rspRoom);
        u_frx.commit(rst);
        u_ftx.commit(rst);
        u_cmdq.commit(rst);
        u_rspq.commit(rst);
        u_utx.commit(rst);
        u_urx.commit(rst);
        u_por.commit();
        r.commit(rst);
    }

    public void name(NamedState n) {
        r.name(n, "");
        u_por.name(n, Hierarchy.path(Hierarchy.POR));
        u_urx.name(n, Hierarchy.path(Hierarchy.UART_RX));
        u_utx.name(n, Hierarchy.path(Hierarchy.UART_TX));
        u_frx.name(n, Hierarchy.path(Hierarchy.FRAME_RX));
        u_ftx.name(n, Hierarchy.path(Hierarchy.FRAME_TX));
        u_cmdq.name(n, Hierarchy.path(Hierarchy.CMD_FIFO));
        u_rspq.name(n, Hierarchy.path(Hierarchy.RSP_FIFO));
        u_core.name(n, Hierarchy.path(Hierarchy.CORE));
    }

    /** The core's weights, by back door (CycleEmulator.weights reads the same words). */
    public Top core() { return u_core; }
}
