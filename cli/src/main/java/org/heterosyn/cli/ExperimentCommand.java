package org.heterosyn.cli;

import picocli.CommandLine.Command;

@Command(name = "experiment", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Run one of the documented experiments and write its results, table and plots (docs/experiments.md)."},
        subcommands = {HspExperimentCommand.class})
final class ExperimentCommand {
}
