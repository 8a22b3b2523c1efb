package coop.entraide.node.federation.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.Blocking;
import coop.entraide.node.Node;
import coop.entraide.node.config.Settings;
import coop.entraide.node.http.AdminGuard;
import coop.entraide.node.http.ApiException;
import coop.entraide.node.http.HttpVerticle;
import coop.entraide.node.http.Problems;
import coop.entraide.node.store.Database;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API over real HTTP, with a guard that trusts a test header. */
class DomainPolicyRoutesTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Admits "X-Test-Role: admin" as alice, refuses other roles (403) and anonymous callers (401). */
    static final AdminGuard TEST_GUARD = ctx -> {
        String role = ctx.request().getHeader("X-Test-Role");
        if (role == null) {
            ctx.fail(ApiException.unauthorized("Sign in."));
        } else if (!role.equals("admin")) {
            ctx.fail(ApiException.forbidden("Administrators only."));
        } else {
            AdminGuard.admit(ctx, "alice@voisins.example");
        }
    };

    private Vertx vertx;
    private Pool pool;
    private DomainPolicies policies;
    private String base;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        pool = Database.pool(vertx, TestPostgres.get().freshDatabase(), 4);
        policies = Blocking.await(DomainPolicies.start(vertx, pool, Duration.ofSeconds(30)), 10, "policies");
        DomainPolicyRoutes routes = new DomainPolicyRoutes(policies, new DomainPolicyEditor(pool, DomainPurges.standard()), TEST_GUARD);
        HttpVerticle verticle = new HttpVerticle("127.0.0.1", 0, () -> List.of(routes));
        Blocking.await(vertx.deployVerticle(verticle), 10, "deploy");
        base = "http://127.0.0.1:" + verticle.actualPort();
    }

    @AfterEach
    void stop() {
        policies.close();
        Blocking.await(pool.close(), 10, "close");
        Blocking.await(vertx.close(), 10, "close");
    }

    private HttpResponse<String> send(String method, String path, String role, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (role != null) {
            r.header("X-Test-Role", role);
        }
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return send(method, path, "admin", body);
    }

    private static JsonObject problem(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(Problems.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElse(""));
        JsonObject p = new JsonObject(r.body());
        assertEquals(status, p.getInteger("status"));
        return p;
    }

    private static final String POLICIES = DomainPolicyRoutes.POLICIES;

    @Test
    void createsReadsReplacesListsAndDeletesAPolicy() throws Exception {
        HttpResponse<String> created = admin("PUT", POLICIES + "/Spam.Example",
                "{\"policy\":\"silence\",\"publicComment\":\"ads\",\"privateNote\":\"ticket 7\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(POLICIES + "/spam.example", created.headers().firstValue("Location").orElse(""));
        JsonObject body = new JsonObject(created.body());
        assertEquals("spam.example", body.getString("domain"));
        assertEquals("silence", body.getString("policy"));
        assertEquals("alice@voisins.example", body.getString("createdBy"));
        assertNotNull(body.getString("createdAt"));
        assertEquals(Decision.Verdict.SILENCE, policies.decide("www.spam.example").verdict(), "applied at once in this process");

        HttpResponse<String> replaced = admin("PUT", POLICIES + "/spam.example", "{\"policy\":\"block\"}");
        assertEquals(200, replaced.statusCode(), replaced.body());
        JsonObject blocked = new JsonObject(replaced.body());
        assertEquals("block", blocked.getString("policy"));
        assertEquals("", blocked.getString("publicComment"), "PUT replaces the whole policy");
        assertEquals(0L, blocked.getJsonObject("purged").getLong("log"));
        assertTrue(policies.decide("spam.example").rejected());

        assertEquals(201, admin("PUT", POLICIES + "/" + URLEncoder.encode("bücher.example", StandardCharsets.UTF_8),
                "{\"policy\":\"allow\"}").statusCode());
        HttpResponse<String> one = admin("GET", POLICIES + "/xn--bcher-kva.example", null);
        assertEquals(200, one.statusCode());
        assertEquals("bücher.example", new JsonObject(one.body()).getString("displayName"));

        HttpResponse<String> list = admin("GET", POLICIES, null);
        assertEquals(200, list.statusCode());
        assertEquals("no-store", list.headers().firstValue("Cache-Control").orElse(""));
        JsonObject all = new JsonObject(list.body());
        assertEquals("open", all.getString("mode"));
        JsonArray items = all.getJsonArray("policies");
        assertEquals(List.of("spam.example", "xn--bcher-kva.example"),
                items.stream().map(o -> ((JsonObject) o).getString("domain")).toList());

        assertEquals(204, admin("DELETE", POLICIES + "/SPAM.example", null).statusCode());
        assertEquals(Decision.Verdict.ACCEPT, policies.decide("spam.example").verdict());
        problem(admin("DELETE", POLICIES + "/spam.example", null), 404);
        JsonObject missing = problem(admin("GET", POLICIES + "/spam.example", null), 404);
        assertEquals("There is no policy on spam.example.", missing.getString("detail"));
    }

    @Test
    void switchesTheFederationMode() throws Exception {
        assertEquals("open", new JsonObject(admin("GET", DomainPolicyRoutes.MODE, null).body()).getString("mode"));
        HttpResponse<String> r = admin("PUT", DomainPolicyRoutes.MODE, "{\"mode\":\"allowlist\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(FederationMode.ALLOWLIST, policies.mode());
        assertTrue(policies.decide("stranger.example").rejected());
        JsonObject invalid = problem(admin("PUT", DomainPolicyRoutes.MODE, "{\"mode\":\"closed\"}"), 422);
        assertEquals("/mode", invalid.getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals(FederationMode.ALLOWLIST, policies.mode());
    }

    @Test
    void anonymousCallersGet401AndNonAdministrators403() throws Exception {
        for (String[] call : new String[][] {{"GET", POLICIES}, {"GET", POLICIES + "/spam.example"},
                {"PUT", POLICIES + "/spam.example"}, {"DELETE", POLICIES + "/spam.example"},
                {"GET", DomainPolicyRoutes.MODE}, {"PUT", DomainPolicyRoutes.MODE}}) {
            String body = call[0].equals("PUT") ? "{\"policy\":\"block\",\"mode\":\"allowlist\"}" : null;
            problem(send(call[0], call[1], null, body), 401);
            problem(send(call[0], call[1], "member", body), 403);
        }
        assertEquals(Decision.Verdict.ACCEPT, policies.decide("spam.example").verdict(), "nothing was changed");
        assertEquals(FederationMode.OPEN, policies.mode());
    }

    @Test
    void malformedRequestsAreProblems() throws Exception {
        JsonObject badDomain = problem(admin("PUT", POLICIES + "/" + URLEncoder.encode("*.spam.example", StandardCharsets.UTF_8),
                "{\"policy\":\"block\"}"), 400);
        assertTrue(badDomain.getString("detail").startsWith("'*.spam.example' is not a domain name"), badDomain.getString("detail"));
        problem(admin("GET", POLICIES + "/spam%20example", null), 400);
        problem(admin("PUT", POLICIES + "/spam.example", "{not json"), 400);
        problem(admin("PUT", POLICIES + "/spam.example", "[1,2]"), 400);
        problem(admin("PUT", POLICIES + "/spam.example", null), 400);

        JsonObject invalid = problem(admin("PUT", POLICIES + "/spam.example",
                "{\"policy\":\"nuke\",\"publicComment\":42,\"privateNote\":\"" + "x".repeat(DomainPolicyRoutes.MAX_TEXT + 1) + "\"}"), 422);
        List<String> fields = invalid.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList();
        assertEquals(List.of("/policy", "/publicComment", "/privateNote"), fields);
        problem(admin("PUT", POLICIES + "/spam.example", "{\"publicComment\":\"no policy\"}"), 422);
        problem(admin("PUT", POLICIES + "/spam.example", "{\"policy\":\"x\"," + "\"pad\":\"" + "y".repeat(20_000) + "\"}"), 413);
        assertEquals(List.of(), Blocking.await(new DomainPolicyEditor(pool, DomainPurges.standard()).list(), 10, "list"));
    }

    @Test
    void aStartedNodeKeepsAdministrationClosedUntilSignInIsWired(@TempDir Path dir) throws Exception {
        String url = TestPostgres.get().freshDatabase().toString();
        try (Node node = Node.start(Settings.parse(null, "127.0.0.1", 0, dir.toString(), url, true))) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + node.port() + POLICIES)).GET().build(), HttpResponse.BodyHandlers.ofString());
            problem(r, 401);
        }
    }
}
