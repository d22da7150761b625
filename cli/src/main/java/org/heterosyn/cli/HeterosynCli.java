package org.heterosyn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The `heterosyn` command: one subcommand per job a user of the toolkit runs. */
@Command(name = "heterosyn", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, version = "heterosyn 0.1.0",
        description = {
            "Physically learnable synapse arrays: generate RTL whose local update units learn on chip, "
                + "emulate it bit for bit, and train it on real data.",
            "",
            "Run 'heterosyn help <command>' for the options of one command."},
        subcommands = {PipelineCommand.class, GenerateCommand.class, TrainCommand.class, RunCommand.class, CosimCommand.class, ServeCommand.class, BenchCommand.class, FpgaCommand.class, BoardCommand.class, SweepCommand.class, ExperimentCommand.class, CommandLine.HelpCommand.class})
public final class HeterosynCli {
    // Read by UserErrors from the arguments; declared here so every subcommand accepts it.
    @Option(names = UserErrors.DEBUG, scope = ScopeType.INHERIT,
            description = "Show the stack trace of a user error too (a bug always shows its own).")
    boolean debug;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests call it without exiting the JVM). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HeterosynCli());
        cl.setExecutionExceptionHandler(new UserErrors());
        return cl;
    }
}
