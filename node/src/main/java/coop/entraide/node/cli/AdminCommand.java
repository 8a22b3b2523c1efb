package coop.entraide.node.cli;

import picocli.CommandLine.Command;

/** {@code entraide admin …}: manage a node's collectives, members and federation from its host. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Manage this node's collectives, members and federation. Works whether or not the node is running.",
        subcommands = {CollectivesCommand.class, MembersCommand.class, DomainsCommand.class})
final class AdminCommand {
}
