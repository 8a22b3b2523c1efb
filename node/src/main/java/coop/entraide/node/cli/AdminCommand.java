package coop.entraide.node.cli;

import picocli.CommandLine.Command;

/** {@code entraide admin …}: manage a node's collectives and members from its host. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Manage this node's collectives and members. Works whether or not the node is running.",
        subcommands = {CollectivesCommand.class, MembersCommand.class})
final class AdminCommand {
}
