package org.heterosyn.rtl.blocks;

import org.heterosyn.board.Board;
import org.heterosyn.board.BoardPort;
import org.heterosyn.board.BoardTopConfig;
import org.heterosyn.link.LinkFrame;
import org.heterosyn.manifest.Hierarchy;
import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Manifest;
import org.heterosyn.manifest.Registers;
import org.heterosyn.manifest.TopPort;
import org.heterosyn.rtl.blocks.LinkFifo.Kind;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.Type;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The board top (docs/board-top.md): PLL, power-on reset, UART receiver and transmitter, the
 * link's frame receiver and transmitter, the command and response FIFOs, and the core (u_core).
 * Its ports are exactly {@link BoardPort}'s pins. The LEDs: ok while out of reset and no bad frame
 * was dropped lately; err for errLedCycles after a dropped frame; inverted on boards whose LEDs
 * light when low.
 */
public final class BoardTop {
    public static final String NAME = Manifest.BOARD_TOP;

    private BoardTop() {}

    public static Circuit circuit(Layout lay, Board board, BoardTopConfig cfg) {
        Circuit c = new Circuit(NAME);
        Module m = new Module(NAME);
        Map<BoardPort, Expr.Ref> pin = new EnumMap<>(BoardPort.class);
        for (BoardPort p : BoardPort.values()) {
            Type t = p == BoardPort.OSC ? Type.clock() : Type.bool();
            pin.put(p, p.pin.endsWith("_i") ? m.input(p.pin, t) : m.output(p.pin, t));
        }
        Module.Instance pll = m.instance(Hierarchy.PLL, Pll.build(c, Pll.settings(board, cfg.clockMhz())));
        Module.Instance por = m.instance(Hierarchy.POR, PowerOnReset.build(c, cfg));
        Module.Instance urx = m.instance(Hierarchy.UART_RX, UartRx.build(c, cfg));
        Module.Instance utx = m.instance(Hierarchy.UART_TX, UartTx.build(c, cfg));
        Module.Instance cmdq = m.instance(Hierarchy.CMD_FIFO, LinkFifo.build(c, cfg.cmdFifoWords(), Kind.COMMAND));
        Module.Instance rspq = m.instance(Hierarchy.RSP_FIFO, LinkFifo.build(c, cfg.rspFifoWords(), Kind.RESPONSE));
        Module.Instance frx = m.instance(Hierarchy.FRAME_RX, FrameRx.build(c, cmdq.port("free_o").width()));
        Module.Instance ftx = m.instance(Hierarchy.FRAME_TX, FrameTx.build(c, cfg));
        Module.Instance core = m.instance(Hierarchy.CORE, Top.build(c, lay));

        m.connect(pll.port("osc_i"), pin.get(BoardPort.OSC));
        Expr clk = m.node("clk", pll.port("clk_o"));
        m.connect(por.port("clk_i"), clk);
        m.connect(por.port("lock_i"), pll.port("lock_o"));
        Expr rst = m.node("rst", por.port("rst_o"));
        for (Module.Instance i : List.of(urx, utx, cmdq, rspq, frx, ftx)) {
            m.connect(i.port("clk_i"), clk);
            m.connect(i.port("rst_i"), rst);
        }
        m.connect(core.port(TopPort.CLK_I.port()), clk);
        m.connect(core.port(TopPort.RST_I.port()), rst);

        m.connect(urx.port("rx_i"), pin.get(BoardPort.UART_RX));
        m.connect(frx.port("byte_valid_i"), urx.port("valid_o"));
        m.connect(frx.port("byte_i"), urx.port("data_o"));
        m.connect(frx.port("free_i"), cmdq.port("free_o"));
        m.connect(cmdq.port("push_i"), frx.port("push_o"));
        m.connect(cmdq.port("data_i"), frx.port("word_o"));
        m.connect(cmdq.port("commit_i"), frx.port("commit_o"));
        m.connect(cmdq.port("rewind_i"), frx.port("rewind_o"));

        Expr cmdValid = cmdq.port("valid_o");
        m.connect(core.port(TopPort.CMD_VALID_I.port()), cmdValid);
        m.connect(core.port(TopPort.CMD_DATA_I.port()), cmdq.port("data_o"));
        m.connect(cmdq.port("pop_i"), cmdValid.and(core.port(TopPort.CMD_READY_O.port())));
        Expr rspRoom = m.node("rsp_room", rspq.port("free_o").neq(0));
        m.connect(core.port(TopPort.RSP_READY_I.port()), rspRoom);
        m.connect(rspq.port("push_i"), rspRoom.and(core.port(TopPort.RSP_VALID_O.port())));
        m.connect(rspq.port("data_i"), core.port(TopPort.RSP_DATA_O.port()));

        for (String s : List.of("pop", "release", "seek")) m.connect(rspq.port(s + "_i"), ftx.port(s + "_o"));
        for (String s : List.of("release_ptr", "seek_ptr")) m.connect(rspq.port(s + "_i"), ftx.port(s + "_o"));
        m.connect(ftx.port("ack_req_i"), frx.port("ack_req_o"));
        m.connect(ftx.port("exp_i"), frx.port("exp_o"));
        Expr free = cmdq.port("free_o");
        int unitBits = Layout.bits(LinkFrame.CREDIT_UNIT_WORDS - 1);
        m.connect(ftx.port("cmd_units_i"), m.node("cmd_units", free.bits(free.width() - 1, unitBits)));
        for (String s : List.of("host_ack", "host_seq", "host_credit")) m.connect(ftx.port(s + "_i"), frx.port(s + "_o"));
        m.connect(ftx.port("rsp_data_i"), rspq.port("data_o"));
        for (String s : List.of("avail", "rptr", "rcom")) m.connect(ftx.port(s + "_i"), rspq.port(s + "_o"));
        m.connect(ftx.port("byte_ready_i"), utx.port("ready_o"));
        m.connect(utx.port("valid_i"), ftx.port("byte_valid_o"));
        m.connect(utx.port("data_i"), ftx.port("byte_o"));
        m.connect(pin.get(BoardPort.UART_TX), utx.port("tx_o"));

        leds(m, board, cfg, clk, rst, frx.port("bad_o"), pin);
        c.add(m);
        return c;
    }

    private static void leds(Module m, Board board, BoardTopConfig cfg, Expr clk, Expr rst, Expr bad,
                             Map<BoardPort, Expr.Ref> pin) {
        Hw.DQ hold = new Hw.Regs(m, Registers.boardTop(cfg), clk, rst).get("err_hold");
        Type t = hold.q().type();
        m.connect(hold.d(), Expr.mux(bad, Expr.u((1L << t.width()) - 1, t.width()),
                Expr.mux(hold.q().neq(0), hold.q().sub(Expr.u(1, 1)).low(t.width()), hold.q())));
        Expr err = hold.q().neq(0);
        Expr ok = rst.or(err).not();
        m.connect(pin.get(BoardPort.LED_OK), board.ledActiveLow() ? ok.not() : ok);
        m.connect(pin.get(BoardPort.LED_ERR), board.ledActiveLow() ? err.not() : err);
    }
}
