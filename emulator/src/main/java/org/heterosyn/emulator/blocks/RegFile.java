package org.heterosyn.emulator.blocks;

import org.heterosyn.manifest.Registers;

import java.util.List;

/**
 * A block's registers from its {@link Registers} table, the twin of rtl-gen's Hw.Regs: q holds
 * the state, d the next value. {@link #hold} starts a cycle with d = q (a register keeps its value
 * unless a phase writes it); {@link #commit} takes d, truncated to the register's width as the
 * RTL's would be, or the reset value. Entries the design does not have are slots nobody names.
 */
final class RegFile {
    final long[] q;
    final long[] d;
    private final List<Registers.Decl> table;
    private final long[] mask;

    RegFile(List<Registers.Decl> table) {
        this.table = List.copyOf(table);
        q = new long[table.size()];
        d = new long[table.size()];
        mask = new long[table.size()];
        for (int i = 0; i < mask.length; i++) mask[i] = Hw.mask(table.get(i).width());
    }

    /** The slot of register {@code name}; every name the table does not declare is a bug. */
    int slot(String name) {
        for (int i = 0; i < table.size(); i++) {
            if (table.get(i).name().equals(name)) return i;
        }
        throw new IllegalArgumentException("no register " + name + " in the table");
    }

    void hold() { System.arraycopy(q, 0, d, 0, q.length); }

    void commit(boolean rst) {
        for (int i = 0; i < q.length; i++) {
            Long reset = table.get(i).reset();
            q[i] = rst && reset != null ? reset : d[i] & mask[i];
        }
    }

    /** Names the present registers at {@code at} (an instance path ending in a dot). */
    void name(NamedState n, String at) {
        for (int i = 0; i < q.length; i++) {
            Registers.Decl r = table.get(i);
            if (!r.present()) continue;
            int s = i;
            n.reg(at + r.q(), new NamedState.Slot(q, s), (v, w) -> q[s] = v);
        }
    }
}
