package coop.entraide.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import coop.entraide.node.TestNode.CliResult;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code entraide admin …} against a running node's data directory, and data surviving a restart. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminCommandTest {
    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static void assertOneReadableLine(CliResult r) {
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("entraide: "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    private static int signIn(String username, String password) {
        return node.send(node.request("/api/v1/sessions").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(new JsonObject().put("username", username).put("password", password).encode())))
                .statusCode();
    }

    @Test
    @Order(1)
    void createsAndListsCollectives() {
        CliResult created = node.cli("admin", "collectives", "create", "quartier", "--display-name", "Le Quartier",
                "--summary", "Entraide entre voisins", "--approve-followers");
        assertEquals(0, created.exitCode(), created.err());
        assertTrue(created.out().contains("Created collective quartier (Le Quartier)"), created.out());
        assertTrue(created.out().contains("@quartier@" + node.authority()), created.out());
        JsonObject doc = new JsonObject(node.get("/c/quartier", "Accept", "application/activity+json").body());
        assertTrue(doc.getBoolean("manuallyApprovesFollowers"));
        assertEquals("<p>Entraide entre voisins</p>", doc.getString("summary"));

        CliResult list = node.cli("admin", "collectives", "list");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("quartier") && l.contains("Le Quartier")), list.out());
    }

    @Test
    @Order(2)
    void refusesTakenAndInvalidNames() {
        CliResult again = node.cli("admin", "collectives", "create", "quartier");
        assertEquals(1, again.exitCode());
        assertOneReadableLine(again);
        assertTrue(again.err().contains("already taken"), again.err());

        CliResult invalid = node.cli("admin", "collectives", "create", "Quartier!");
        assertEquals(2, invalid.exitCode());
        assertOneReadableLine(invalid);
        assertTrue(invalid.err().contains("lowercase"), invalid.err());
    }

    @Test
    @Order(3)
    void createsAMemberWithAGeneratedPasswordShownOnce() {
        CliResult r = node.cli("admin", "members", "create", "zoe", "--collective", "quartier",
                "--display-name", "Zoé", "--role", "admin");
        assertEquals(0, r.exitCode(), r.err());
        Matcher m = Pattern.compile("password \\(shown only this once[^)]*\\): (\\S+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(201, signIn("zoe", m.group(1)));
        assertEquals(401, signIn("zoe", m.group(1) + "x"));
    }

    @Test
    @Order(4)
    void createsAMemberWithAPasswordFromStandardInput() {
        InputStream original = System.in;
        try {
            System.setIn(new ByteArrayInputStream("mon mot de passe\n".getBytes(StandardCharsets.UTF_8)));
            CliResult r = node.cli("admin", "members", "create", "yann", "--collective", "quartier", "--password-stdin");
            assertEquals(0, r.exitCode(), r.err());
            assertFalse(r.out().contains("mon mot de passe"));
        } finally {
            System.setIn(original);
        }
        assertEquals(201, signIn("yann", "mon mot de passe"));
    }

    @Test
    @Order(5)
    void memberErrorsAreOneLine() {
        CliResult taken = node.cli("admin", "members", "create", "quartier", "--collective", "quartier");
        assertEquals(1, taken.exitCode());
        assertOneReadableLine(taken);
        assertTrue(taken.err().contains("already taken"), taken.err());

        CliResult noCollective = node.cli("admin", "members", "create", "xavier", "--collective", "nowhere");
        assertEquals(1, noCollective.exitCode());
        assertOneReadableLine(noCollective);
        assertTrue(noCollective.err().contains("no collective named 'nowhere'"), noCollective.err());

        CliResult badRole = node.cli("admin", "members", "create", "xavier", "--collective", "quartier", "--role", "boss");
        assertEquals(2, badRole.exitCode());
        assertOneReadableLine(badRole);
    }

    @Test
    @Order(6)
    void listsSuspendsAndResetsMembers() {
        CliResult list = node.cli("admin", "members", "list", "--collective", "quartier");
        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("zoe") && l.contains("admin")), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("yann") && l.contains("member")), list.out());

        assertEquals(0, node.cli("admin", "members", "suspend", "yann").exitCode());
        assertEquals(403, signIn("yann", "mon mot de passe"));
        assertTrue(node.cli("admin", "members", "list").out().contains("[suspended]"));
        assertEquals(0, node.cli("admin", "members", "unsuspend", "yann").exitCode());

        InputStream original = System.in;
        try {
            System.setIn(new ByteArrayInputStream("un autre mot de passe\n".getBytes(StandardCharsets.UTF_8)));
            assertEquals(0, node.cli("admin", "members", "set-password", "yann", "--password-stdin").exitCode());
        } finally {
            System.setIn(original);
        }
        assertEquals(401, signIn("yann", "mon mot de passe"));
        assertEquals(201, signIn("yann", "un autre mot de passe"));
    }

    @Test
    @Order(7)
    void everyCommandHasHelp() {
        for (String[] args : new String[][] {{"admin", "--help"}, {"admin", "collectives", "create", "--help"},
                {"admin", "members", "create", "--help"}, {"admin", "members", "list", "--help"}}) {
            CliResult r = node.cli(args);
            assertEquals(0, r.exitCode(), String.join(" ", args));
            assertTrue(r.out().contains("Usage: entraide admin"), r.out());
        }
        assertTrue(node.cli("admin", "members", "create", "--help").out().contains("--password-stdin"));
    }

    @Test
    @Order(8)
    void dataSurvivesARestart() {
        String keyBefore = new JsonObject(node.get("/actor", "Accept", "application/activity+json").body())
                .getJsonObject("publicKey").getString("publicKeyPem");
        String zoeBefore = node.get("/u/zoe", "Accept", "application/activity+json").body();
        node.restart();
        String keyAfter = new JsonObject(node.get("/actor", "Accept", "application/activity+json").body())
                .getJsonObject("publicKey").getString("publicKeyPem");
        assertEquals(keyBefore, keyAfter, "the instance actor is created once");
        assertEquals(zoeBefore, node.get("/u/zoe", "Accept", "application/activity+json").body());
        assertEquals(200, node.get("/.well-known/webfinger?resource=acct:quartier@" + node.authority()).statusCode());
        assertEquals(201, signIn("yann", "un autre mot de passe"));
    }
}
