package coop.entraide.node.cli;

import coop.entraide.node.identity.Collective;
import coop.entraide.node.identity.IdentityService.NewCollective;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "collectives", mixinStandardHelpOptions = true,
        description = "Create and list the collectives (associations, cooperatives, groups) this node hosts.",
        subcommands = {CollectivesCommand.Create.class, CollectivesCommand.ListAll.class})
final class CollectivesCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a collective. Its name becomes its address: @NAME@your-host.")
    static final class Create extends AdminAction {
        @Parameters(paramLabel = "NAME", description = "Lowercase letters, digits and _, at most 30 characters; cannot be changed later.")
        String name;

        @Option(names = "--display-name", paramLabel = "TEXT", description = "Name shown to people. Default: NAME.")
        String displayName;

        @Option(names = "--summary", paramLabel = "TEXT", description = "A few words about the collective (plain text).")
        String summary;

        @Option(names = "--approve-followers", description = "Approve each follower by hand instead of accepting them all.")
        boolean approveFollowers;

        @Override
        public Integer call() {
            return inSession(session -> {
                Collective c = session.await(session.identity()
                        .createCollective(new NewCollective(name, displayName, summary, approveFollowers)));
                out().println("Created collective " + c.username() + " (" + c.actor().displayName() + ")");
                out().println("  address: @" + c.username() + "@" + session.identity().uris().authority());
                out().println("  id:      " + c.actor().uri());
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the collectives, one a line.")
    static final class ListAll extends AdminAction {
        @Override
        public Integer call() {
            return inSession(session -> {
                List<Collective> all = session.await(session.identity().collectives());
                if (all.isEmpty()) {
                    out().println("No collectives yet; create one with: entraide admin collectives create NAME");
                }
                for (Collective c : all) {
                    out().printf("%-30s %4d member%s  %s%n", c.username(), c.memberCount(),
                            c.memberCount() == 1 ? " " : "s", c.actor().displayName());
                }
            });
        }
    }
}
