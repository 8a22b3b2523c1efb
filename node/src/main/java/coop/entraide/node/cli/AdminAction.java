package coop.entraide.node.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code entraide admin} subcommand shares: the node's settings, where it prints, and
 * one way to open the node's data for the work and close it again. Errors are left to the
 * command line's handler, which turns them into one readable line and an exit code.
 */
abstract class AdminAction implements Callable<Integer> {
    @Mixin
    NodeOptions options;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Does the work with the node's data open, then shows what it printed: exit code 0. */
    int inSession(Consumer<AdminSession> work) {
        withSession(session -> {
            work.accept(session);
            return null;
        });
        out().flush();
        return 0;
    }

    /** What the work finds, with the node's data open only while it runs. */
    <T> T withSession(Function<AdminSession, T> work) {
        try (AdminSession session = AdminSession.open(options, spec.commandLine().getErr())) {
            return work.apply(session);
        }
    }

    /** One readable line and exit code 1, for mistakes the operator can fix. */
    int refuse(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("entraide: " + message);
        err.flush();
        return 1;
    }
}
