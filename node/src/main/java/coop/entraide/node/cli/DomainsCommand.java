package coop.entraide.node.cli;

import coop.entraide.node.Blocking;
import coop.entraide.node.federation.policy.DomainName;
import coop.entraide.node.federation.policy.DomainPolicy;
import coop.entraide.node.federation.policy.DomainPolicyEditor;
import coop.entraide.node.federation.policy.DomainPurges;
import coop.entraide.node.federation.policy.FederationMode;
import coop.entraide.node.federation.policy.Policy;
import io.vertx.core.Future;
import java.io.PrintWriter;
import java.net.IDN;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code entraide admin domains …}: which remote servers this node federates with. */
@Command(name = "domains", mixinStandardHelpOptions = true,
        description = "Block, silence or allow remote domains (a policy covers subdomains too), "
                + "and choose between open and allowlist federation.",
        subcommands = {
            DomainsCommand.Block.class, DomainsCommand.Silence.class, DomainsCommand.Allow.class,
            DomainsCommand.Remove.class, DomainsCommand.ListPolicies.class, DomainsCommand.Mode.class})
final class DomainsCommand {
    private static final String BY = "command line (" + System.getProperty("user.name", "unknown") + ")";

    /** What every subcommand shares: a way to change the node's domain policies. */
    abstract static class Action extends AdminAction {
        <T> T withEditor(Function<DomainPolicyEditor, Future<T>> work) {
            return withSession(session -> Blocking.await(
                    work.apply(new DomainPolicyEditor(session.pool(), DomainPurges.standard())),
                    600, "changing domain policies"));
        }
    }

    /** Shared by block, silence and allow. */
    abstract static class SetPolicy extends Action {
        @Parameters(index = "0", paramLabel = "DOMAIN", description = "A domain such as spam.example; covers its subdomains.")
        String domain;

        @Option(names = "--comment", paramLabel = "TEXT", description = "Public reason, shown to anyone who asks.")
        String comment;

        @Option(names = "--note", paramLabel = "TEXT", description = "Private note for the node's administrators.")
        String note;

        abstract Policy policy();

        @Override
        public Integer call() {
            DomainName.Parsed parsed = DomainName.parse(domain);
            if (parsed instanceof DomainName.Invalid invalid) {
                return refuse(invalid.message());
            }
            DomainName name = ((DomainName.Valid) parsed).domain();
            DomainPolicyEditor.Change change = withEditor(editor -> editor.set(name, policy(), comment, note, BY));
            out().println(describe(change));
            return 0;
        }

        private String describe(DomainPolicyEditor.Change change) {
            String verb = switch (policy()) {
                case BLOCK -> "Blocked";
                case SILENCE -> "Silenced";
                case ALLOW -> "Allowed";
            };
            StringBuilder line = new StringBuilder(verb).append(' ').append(display(change.policy().domain()))
                    .append(" and its subdomains");
            change.previous().filter(p -> p != policy()).ifPresent(p -> line.append(" (was ").append(p.wireName()).append(')'));
            line.append('.');
            if (policy() == Policy.BLOCK) {
                long total = change.purged().total();
                line.append(total == 0 ? " Nothing held from it needed purging."
                        : " Purged " + total + " rows (" + change.purged().removed().entrySet().stream()
                                .filter(e -> e.getValue() > 0)
                                .map(e -> e.getKey() + ": " + e.getValue())
                                .collect(Collectors.joining(", ")) + ").");
            }
            return line.toString();
        }
    }

    @Command(name = "block", mixinStandardHelpOptions = true,
            description = "Refuse everything from DOMAIN and its subdomains, and purge what this node holds from them.")
    static final class Block extends SetPolicy {
        @Override
        Policy policy() {
            return Policy.BLOCK;
        }
    }

    @Command(name = "silence", mixinStandardHelpOptions = true,
            description = "Accept what DOMAIN sends to people here, but keep it out of public listings and discovery.")
    static final class Silence extends SetPolicy {
        @Override
        Policy policy() {
            return Policy.SILENCE;
        }
    }

    @Command(name = "allow", mixinStandardHelpOptions = true,
            description = "Federate with DOMAIN: needed in allowlist mode, or to make an exception to a block on a parent domain.")
    static final class Allow extends SetPolicy {
        @Override
        Policy policy() {
            return Policy.ALLOW;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove the policy on DOMAIN (a block's purged data does not come back).")
    static final class Remove extends Action {
        @Parameters(index = "0", paramLabel = "DOMAIN")
        String domain;

        @Override
        public Integer call() {
            DomainName.Parsed parsed = DomainName.parse(domain);
            if (parsed instanceof DomainName.Invalid invalid) {
                return refuse(invalid.message());
            }
            DomainName name = ((DomainName.Valid) parsed).domain();
            Optional<DomainPolicy> removed = withEditor(editor -> editor.remove(name));
            if (removed.isEmpty()) {
                return refuse("there is no policy on " + display(name));
            }
            out().println("Removed the policy on " + display(name) + " (it was: " + removed.get().policy().wireName() + ").");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show the federation mode and every domain policy.")
    static final class ListPolicies extends Action {
        /** Both in one database session. */
        record Listing(FederationMode mode, List<DomainPolicy> policies) {
        }

        @Override
        public Integer call() {
            Listing listing = withEditor(editor -> editor.mode()
                    .compose(mode -> editor.list().map(all -> new Listing(mode, all))));
            PrintWriter out = out();
            out.println("Federation mode: " + listing.mode().wireName());
            if (listing.policies().isEmpty()) {
                out.println("No domain policies.");
            }
            for (DomainPolicy p : listing.policies()) {
                out.printf("%-40s %-8s %s%n", display(p.domain()), p.policy().wireName(), p.publicComment());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "mode", mixinStandardHelpOptions = true,
            description = "open: federate with every domain not blocked (default). allowlist: only with allowed domains.")
    static final class Mode extends Action {
        @Parameters(index = "0", paramLabel = "MODE", description = "open or allowlist")
        String mode;

        @Override
        public Integer call() {
            Optional<FederationMode> chosen = FederationMode.fromWireName(mode.strip().toLowerCase(java.util.Locale.ROOT));
            if (chosen.isEmpty()) {
                return refuse("the mode must be open or allowlist, got '" + mode + "'");
            }
            long allowed = withEditor(editor -> editor.setMode(chosen.get())
                    .compose(v -> editor.list())
                    .map(all -> all.stream().filter(p -> p.policy() == Policy.ALLOW).count()));
            out().println(chosen.get() == FederationMode.OPEN
                    ? "Federation mode: open. Every domain that is not blocked federates."
                    : "Federation mode: allowlist. Only allowed domains and their subdomains federate (" + allowed
                            + (allowed == 1 ? " domain is" : " domains are") + " allowed)."
                            + (allowed == 0 ? " None is allowed yet: add some with 'entraide admin domains allow DOMAIN'." : ""));
            return 0;
        }
    }

    /** {@code xn--bcher-kva.example (bücher.example)}: operators recognise the name they typed. */
    static String display(DomainName domain) {
        String unicode = IDN.toUnicode(domain.value());
        return unicode.equals(domain.value()) ? domain.value() : domain.value() + " (" + unicode + ")";
    }
}
