package coop.entraide.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.federation.policy.TestPostgres;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code entraide admin domains …} against a real database, as an operator runs it. */
class DomainsCommandTest {
    @TempDir
    Path dataDir;
    private Map<String, String> env;

    @BeforeEach
    void database() {
        env = Map.of("ENTRAIDE_DATABASE_URL", TestPostgres.get().freshDatabase().toString(),
                "ENTRAIDE_DATA_DIR", dataDir.toString());
    }

    private MainTest.Run admin(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "admin";
        full[1] = "domains";
        System.arraycopy(args, 0, full, 2, args.length);
        return MainTest.run(env, full);
    }

    private static void assertOk(MainTest.Run r) {
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
    }

    @Test
    void blocksSilencesAllowsListsAndRemoves() {
        MainTest.Run block = admin("block", "Spam.Example", "--comment", "spam waves", "--note", "reports 12-14");
        assertOk(block);
        assertEquals("Blocked spam.example and its subdomains. Nothing held from it needed purging.", block.out().strip());

        assertOk(admin("silence", "bücher.example"));
        MainTest.Run allow = admin("allow", "friends.example:443");
        assertOk(allow);
        assertTrue(allow.out().startsWith("Allowed friends.example and its subdomains."), allow.out());

        MainTest.Run changed = admin("allow", "spam.example");
        assertTrue(changed.out().contains("(was block)"), changed.out());

        MainTest.Run list = admin("list");
        assertOk(list);
        String[] lines = list.out().strip().split("\n");
        assertEquals("Federation mode: open", lines[0]);
        assertEquals(4, lines.length, list.out());
        assertTrue(lines[1].startsWith("friends.example") && lines[1].contains("allow"), lines[1]);
        assertTrue(lines[2].startsWith("spam.example") && lines[2].contains("allow") && lines[2].endsWith("spam waves"), lines[2]);
        assertTrue(lines[3].startsWith("xn--bcher-kva.example (bücher.example)") && lines[3].contains("silence"), lines[3]);
        assertFalse(list.out().contains("reports 12-14"), "the private note is not listed");

        MainTest.Run remove = admin("remove", "SPAM.example");
        assertOk(remove);
        assertEquals("Removed the policy on spam.example (it was: allow).", remove.out().strip());
        MainTest.Run again = admin("remove", "spam.example");
        assertEquals(1, again.code());
        assertEquals("entraide: there is no policy on spam.example", again.err().strip());
    }

    @Test
    void switchesBetweenOpenAndAllowlistMode() {
        MainTest.Run empty = admin("mode", "allowlist");
        assertOk(empty);
        assertTrue(empty.out().contains("(0 domains are allowed)"), empty.out());
        assertTrue(empty.out().contains("None is allowed yet"), empty.out());
        assertOk(admin("allow", "friends.example"));
        MainTest.Run one = admin("mode", "allowlist");
        assertEquals("Federation mode: allowlist. Only allowed domains and their subdomains federate (1 domain is allowed).",
                one.out().strip());
        assertTrue(admin("list").out().startsWith("Federation mode: allowlist"));
        assertOk(admin("mode", "open"));
        assertTrue(admin("list").out().startsWith("Federation mode: open"));

        MainTest.Run wrong = admin("mode", "closed");
        assertEquals(1, wrong.code());
        assertEquals("entraide: the mode must be open or allowlist, got 'closed'", wrong.err().strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://spam.example", "spam.example/users/a", "spam example", "", "*", "*.spam.example", "a@spam.example"})
    void anInvalidDomainIsOneReadableLineAndExitCodeOne(String domain) {
        for (String verb : new String[] {"block", "remove"}) {
            MainTest.Run r = admin(verb, domain);
            assertEquals(1, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("entraide: '" + domain + "' is not a domain name: "), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertEquals("", r.out());
        }
        assertTrue(admin("list").out().contains("No domain policies."), "nothing was stored");
    }

    @Test
    void helpDocumentsTheCommands() {
        MainTest.Run r = MainTest.run(env, "admin", "domains", "--help");
        assertEquals(0, r.code());
        for (String sub : new String[] {"block", "silence", "allow", "remove", "list", "mode"}) {
            assertTrue(r.out().contains(sub), sub + " missing from:\n" + r.out());
        }
        assertTrue(MainTest.run(env, "admin", "domains", "block", "--help").out().contains("--comment"));
    }

    @Test
    void anUnreachableDatabaseIsOneLine() {
        MainTest.Run r = MainTest.run(Map.of("ENTRAIDE_DATABASE_URL", "postgres://nobody@127.0.0.1:1/none",
                "ENTRAIDE_DATA_DIR", dataDir.toString()), "admin", "domains", "list");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("entraide: --database-url: cannot reach the database"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void serveDocumentsTheInboxRateLimitsAndTheirVariables() {
        MainTest.Run help = MainTest.run(Map.of(), "serve", "--help");
        assertTrue(help.out().contains("--inbox-rate") && help.out().contains("--inbox-ip-rate"), help.out());
        assertTrue(help.out().contains("Default: 50:200"), help.out());
        MainTest.Run bad = MainTest.run(Map.of("ENTRAIDE_INBOX_RATE", "fast"), "serve", "--data-dir", dataDir.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("entraide: --inbox-rate: "), bad.err());
        MainTest.Run badIp = MainTest.run(Map.of(), "serve", "--inbox-ip-rate", "10:0", "--data-dir", dataDir.toString());
        assertEquals(2, badIp.code());
        assertTrue(badIp.err().startsWith("entraide: --inbox-ip-rate: the burst must be at least 1"), badIp.err());
    }
}
