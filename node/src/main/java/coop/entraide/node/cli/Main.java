package coop.entraide.node.cli;

import coop.entraide.node.Blocking;
import coop.entraide.node.InvalidInputException;
import coop.entraide.node.config.ConfigException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code entraide} command: {@code serve} (default), {@code demo}, {@code admin}. */
@Command(name = "entraide", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Entraide: offers and campaigns for neighbourhoods and associations, federated with ActivityPub.",
        subcommands = {ServeCommand.class, DemoCommand.class, AdminCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    private static final Set<String> TOP_LEVEL_FLAGS = Set.of("-h", "--help", "-V", "--version");

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; never prints a stack trace for expected errors. */
    public static int run(String... args) {
        return run(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #run(String...)}, with the environment and the output streams given (for tests). */
    public static int run(java.util.Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(env);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(withDefaultCommand(args, cli));
    }

    /** Runs a command line with its output and errors going to the given writers (tests, embedding). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(System.getenv(), out, err, args);
    }

    static CommandLine commandLine(java.util.Map<String, String> env) {
        CommandLine cli = new CommandLine(new Main());
        cli.setDefaultValueProvider(new EnvironmentDefaults(env));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (e instanceof ConfigException || e instanceof InvalidInputException) {
                err.println("entraide: " + e.getMessage());
                err.flush();
                return 2;
            }
            err.println("entraide: " + Blocking.rootMessage(e));
            err.flush();
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", e);
            return 1;
        });
        return cli;
    }

    /** {@code entraide --port 8090} means {@code entraide serve --port 8090}. */
    static String[] withDefaultCommand(String[] args, CommandLine cli) {
        if (args.length == 0) {
            return new String[] {"serve"};
        }
        if (cli.getSubcommands().containsKey(args[0]) || TOP_LEVEL_FLAGS.contains(args[0])) {
            return args;
        }
        String[] withServe = new String[args.length + 1];
        withServe[0] = "serve";
        System.arraycopy(args, 0, withServe, 1, args.length);
        return args[0].startsWith("-") ? withServe : Arrays.copyOf(args, args.length);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"Entraide " + (v == null ? "development build" : v)};
        }
    }
}
