package coop.entraide.node.cli;

import picocli.CommandLine.Command;

/** {@code entraide admin …}: administration of a node's data, with or without the node running. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Administer this node (works whether or not the node is running).",
        subcommands = {DomainsCommand.class})
final class AdminCommand {
}
