package org.heterosyn.rtl.firrtl;

import java.util.ArrayList;
import java.util.List;

/** Statements of a module body; each prints itself at an indentation level. */
sealed interface Stmt permits Stmt.Line, Stmt.Connect, Stmt.When {

    void emit(StringBuilder out, int indent);

    /** Paths this statement reads. */
    void reads(java.util.function.Consumer<String> f);

    static void pad(StringBuilder out, int indent) {
        out.append("  ".repeat(indent));
    }

    /** A declaration that prints as one or more fixed lines (wire, reg, node, inst, mem). */
    record Line(List<String> lines, List<Expr> uses) implements Stmt {
        @Override public void reads(java.util.function.Consumer<String> f) {
            for (Expr e : uses) e.refs(f);
        }

        @Override public void emit(StringBuilder out, int indent) {
            for (int i = 0; i < lines.size(); i++) {
                pad(out, indent + (i == 0 ? 0 : 1));
                out.append(lines.get(i)).append('\n');
            }
        }
    }

    record Connect(Expr.Ref sink, Expr source) implements Stmt {
        @Override public void reads(java.util.function.Consumer<String> f) { source.refs(f); }

        @Override public void emit(StringBuilder out, int indent) {
            pad(out, indent);
            out.append("connect ").append(sink.emit()).append(", ").append(source.emit()).append('\n');
        }
    }

    /** when/else; an empty branch prints as skip, an empty else is left out. */
    final class When implements Stmt {
        final Expr cond;
        final List<Stmt> then = new ArrayList<>();
        final List<Stmt> otherwise = new ArrayList<>();

        When(Expr cond) { this.cond = cond; }

        @Override public void reads(java.util.function.Consumer<String> f) {
            cond.refs(f);
            for (Stmt s : then) s.reads(f);
            for (Stmt s : otherwise) s.reads(f);
        }

        @Override public void emit(StringBuilder out, int indent) {
            pad(out, indent);
            out.append("when ").append(cond.emit()).append(" :\n");
            block(out, indent + 1, then);
            if (!otherwise.isEmpty()) {
                pad(out, indent);
                out.append("else :\n");
                block(out, indent + 1, otherwise);
            }
        }

        private static void block(StringBuilder out, int indent, List<Stmt> body) {
            if (body.isEmpty()) {
                pad(out, indent);
                out.append("skip\n");
            }
            for (Stmt s : body) s.emit(out, indent);
        }
    }
}
