package coop.entraide.node.cli;

import coop.entraide.node.InvalidInputException;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Member;
import coop.entraide.node.identity.PasswordHasher;
import coop.entraide.node.identity.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "members", mixinStandardHelpOptions = true,
        description = "Create, list, suspend the people who sign in for a collective, and set their passwords.",
        subcommands = {MembersCommand.Create.class, MembersCommand.ListAll.class, MembersCommand.SetPassword.class,
                MembersCommand.Suspend.class, MembersCommand.Unsuspend.class})
final class MembersCommand {

    /** Reads one line from standard input (the password), or generates one and says so. */
    static String password(boolean fromStdin, PasswordHasher hasher, PrintWriter out) {
        if (fromStdin) {
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line = in.readLine();
                if (line == null || line.isEmpty()) {
                    throw new InvalidInputException("password", "no password on standard input");
                }
                return PasswordHasher.requireAcceptable(line);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the password from standard input", e);
            }
        }
        String generated = hasher.generatePassword();
        out.println("Password (shown only this once; give it to the member): " + generated);
        return generated;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a member of a collective. Without --password-stdin a password is generated and printed once.")
    static final class Create extends AdminAction {
        @Parameters(paramLabel = "USERNAME", description = "Lowercase letters, digits and _, at most 30 characters; shared namespace with collectives.")
        String username;

        @Option(names = "--collective", required = true, paramLabel = "NAME", description = "The collective they belong to.")
        String collective;

        @Option(names = "--display-name", paramLabel = "TEXT", description = "Name shown to people. Default: USERNAME.")
        String displayName;

        @Option(names = "--summary", paramLabel = "TEXT", description = "A few words about them (plain text).")
        String summary;

        @Option(names = "--role", paramLabel = "ROLE", defaultValue = "member",
                description = "member, moderator or admin. Default: ${DEFAULT-VALUE}.")
        String role;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() {
            Role parsedRole = Role.parse(role);
            return inSession(session -> {
                String password = passwordStdin ? password(true, null, out()) : new PasswordHasher().generatePassword();
                Member m = session.await(session.identity().createMember(
                        new NewMember(username, collective, displayName, summary, parsedRole, password)));
                out().println("Created member " + m.username() + " (" + m.role().value() + " of " + m.collectiveUsername() + ")");
                out().println("  address: @" + m.username() + "@" + session.identity().uris().authority());
                if (!passwordStdin) {
                    out().println("  password (shown only this once; give it to the member): " + password);
                }
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List members, one a line.")
    static final class ListAll extends AdminAction {
        @Option(names = "--collective", paramLabel = "NAME", description = "Only the members of this collective.")
        String collective;

        @Override
        public Integer call() {
            return inSession(session -> {
                List<Member> all = session.await(session.identity().members(Optional.ofNullable(collective)));
                if (all.isEmpty()) {
                    out().println("No members yet; create one with: entraide admin members create USERNAME --collective NAME");
                }
                for (Member m : all) {
                    out().printf("%-30s %-30s %-9s %s%s%n", m.username(), m.collectiveUsername(), m.role().value(),
                            m.actor().displayName(), m.suspended() ? "  [suspended]" : "");
                }
            });
        }
    }

    @Command(name = "set-password", mixinStandardHelpOptions = true,
            description = "Set a member's password and sign them out everywhere. Without --password-stdin one is generated and printed once.")
    static final class SetPassword extends AdminAction {
        @Parameters(paramLabel = "USERNAME")
        String username;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() {
            return inSession(session -> {
                session.await(session.identity().member(username));
                String password = password(passwordStdin, new PasswordHasher(), out());
                session.await(session.identity().setPassword(username, password));
                out().println("Password of " + username + " changed; their sessions have ended.");
            });
        }
    }

    /** Shared by suspend and unsuspend. */
    abstract static class SetSuspension extends AdminAction {
        @Parameters(paramLabel = "USERNAME")
        String username;

        abstract boolean suspended();

        @Override
        public Integer call() {
            return inSession(session -> {
                Member m = session.await(session.identity().setSuspended(username, suspended()));
                out().println(m.username() + (m.suspended() ? " is suspended." : " is no longer suspended."));
            });
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true,
            description = "Suspend a member: they can no longer sign in, and their sessions stop working.")
    static final class Suspend extends SetSuspension {
        @Override
        boolean suspended() {
            return true;
        }
    }

    @Command(name = "unsuspend", mixinStandardHelpOptions = true, description = "Lift a member's suspension.")
    static final class Unsuspend extends SetSuspension {
        @Override
        boolean suspended() {
            return false;
        }
    }
}
