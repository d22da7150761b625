package org.heterosyn.rtl.blocks;

import org.heterosyn.manifest.Layout;
import org.heterosyn.manifest.Registers;
import org.heterosyn.manifest.StateMap;
import org.heterosyn.rtl.firrtl.Circuit;
import org.heterosyn.rtl.firrtl.Expr;
import org.heterosyn.rtl.firrtl.Module;
import org.heterosyn.rtl.firrtl.ModuleDef;
import org.heterosyn.rtl.firrtl.Type;

/**
 * A 32-bit FIFO of the board link in one inferred block RAM, with pointers one bit wider than the
 * address (so full and empty differ). The reader sees the words below the committed write pointer
 * {@code wcom}:
 * <ul>
 *   <li>the command FIFO ({@link Kind#COMMAND}) writes a frame's words tentatively and commits
 *       them ({@code commit_i}: wcom = wptr) when its CRC checks, or rewinds ({@code rewind_i}:
 *       wptr = wcom) when it does not;</li>
 *   <li>the response FIFO ({@link Kind#RESPONSE}) commits every write one cycle later, and reads
 *       tentatively: words stay until {@code release_i} moves {@code rcom} past them (their frame was
 *       acknowledged), and {@code seek_i} moves the read pointer (go-back).</li>
 * </ul>
 * The RAM's read address is the next read pointer and its word is registered ({@code rd_q}), so
 * data_o is the word at rptr in every cycle: a block RAM read port. A word becomes visible the
 * cycle after wcom passes it, when the registered read has caught up with the write.
 */
public final class LinkFifo {
    public enum Kind { COMMAND, RESPONSE }

    private LinkFifo() {}

    public static String name(int depth, Kind k) {
        return "heterosyn_link_fifo_D" + depth + (k == Kind.COMMAND ? "_C" : "_R");
    }

    public static ModuleDef build(Circuit c, int depth, Kind kind) {
        String name = name(depth, kind);
        if (c.has(name)) return c.get(name);
        boolean rsp = kind == Kind.RESPONSE;
        int a = Layout.bits(depth - 1);
        Type ptr = Type.uint(a + 1);
        Type word = Type.uint(Layout.WORD_BITS);
        Module m = new Module(name);
        Expr clk = m.input("clk_i", Type.clock());
        Expr rst = m.input("rst_i", Type.bool());
        Expr push = m.input("push_i", Type.bool());
        Expr data = m.input("data_i", word);
        Expr commit = rsp ? Expr.TRUE : m.input("commit_i", Type.bool());
        Expr rewind = rsp ? Expr.FALSE : m.input("rewind_i", Type.bool());
        Expr pop = m.input("pop_i", Type.bool());
        // Response FIFO only: acknowledged words leave (release), the reader goes back (seek).
        Expr release = rsp ? m.input("release_i", Type.bool()) : Expr.FALSE;
        Expr releasePtr = rsp ? m.input("release_ptr_i", ptr) : null;
        Expr seek = rsp ? m.input("seek_i", Type.bool()) : Expr.FALSE;
        Expr seekPtr = rsp ? m.input("seek_ptr_i", ptr) : null;
        Expr.Ref freeO = m.output("free_o", ptr);
        Expr.Ref validO = m.output("valid_o", Type.bool());
        Expr.Ref dataO = m.output("data_o", word);
        Expr.Ref availO = rsp ? m.output("avail_o", ptr) : null;
        Expr.Ref rptrO = rsp ? m.output("rptr_o", ptr) : null;
        Expr.Ref rcomO = rsp ? m.output("rcom_o", ptr) : null;
        Hw.Regs r = new Hw.Regs(m, Registers.linkFifo(depth, rsp), clk, rst);
        Hw.DQ wptr = r.get("wptr"), wcom = r.get("wcom"), rptr = r.get("rptr"), rd = r.get("rd");
        Hw.DQ rcom = r.opt("rcom");
        // Free space counts from the oldest word still needed: the reader's, or the unreleased one.
        Expr base = rsp ? rcom.q() : rptr.q();
        m.connect(freeO, Expr.u(depth, a + 1).sub(wptr.q().sub(base).low(a + 1)).low(a + 1));
        m.connect(validO, rptr.q().neq(wcom.q()));
        m.connect(dataO, rd.q());
        if (rsp) {
            m.connect(availO, wcom.q().sub(rptr.q()).low(a + 1));
            m.connect(rptrO, rptr.q());
            m.connect(rcomO, rcom.q());
            m.when(release, () -> m.connect(rcom.d(), releasePtr));
        }
        m.when(push, () -> m.connect(wptr.d(), Hw.inc(wptr.q())));
        m.when(rewind, () -> m.connect(wptr.d(), wcom.q()));
        m.when(commit, () -> m.connect(wcom.d(), wptr.q()));
        m.when(pop, () -> m.connect(rptr.d(), Hw.inc(rptr.q())));
        if (rsp) m.when(seek, () -> m.connect(rptr.d(), seekPtr));

        Module.Mem ram = m.mem(StateMap.FIFO_RAM, word, depth, 1, 1);
        m.connect(ram.readClk(0), clk);
        m.connect(ram.readEn(0), Expr.TRUE);
        m.connect(ram.readAddr(0), rptr.d().bits(a - 1, 0));
        m.connect(rd.d(), ram.readData(0));
        m.connect(ram.writeClk(0), clk);
        m.connect(ram.writeEn(0), push);
        m.connect(ram.writeAddr(0), wptr.q().bits(a - 1, 0));
        m.connect(ram.writeData(0), data);
        m.connect(ram.writeMask(0), Expr.TRUE);
        c.add(m);
        return m;
    }
}
