package org.heterosyn.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the heterosyn command in-process, as a user would from the shell, and keeps its exit code and stderr. */
record Cli(int code, String err) {
    static Cli run(String... args) {
        CommandLine cl = HeterosynCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return new Cli(cl.execute(args), err.toString());
    }

    boolean hasStackTrace() { return err.contains("\tat "); }
}
