package io.recgate.indexbuilder.cli;

import picocli.CommandLine.Command;

/** The top-level {@code recgate} command; each job is a subcommand. */
@Command(name = "recgate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Recgate index builder: import interactions, train and evaluate models, build and publish verified bundles.",
        subcommands = {GenerateCommand.class, TrainCommand.class, EvaluateCommand.class, BuildCommand.class, RebuildCommand.class, VerifyCommand.class,
                ExportEventsCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 internal error, 2 bad input, 3 quality gate failed,",
                "4 rebuild published in retrieval order (the served-quality gate refused the reranker).",
                "Run 'recgate COMMAND --help' for a command's options."})
public final class RecgateCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
