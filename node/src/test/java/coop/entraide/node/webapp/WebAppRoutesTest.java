package coop.entraide.node.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How the node serves the web app, and that it shadows none of the node's other addresses. */
class WebAppRoutesTest {
    private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/static/[0-9a-f]{12}/[^\"]+)\"");
    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        node.await(node.identity().createCollective(new NewCollective("atelier", "L'Atelier", null, false)));
        node.await(node.identity().createMember(new NewMember("alice", "atelier", "Alice", null, Role.ADMIN, "un mot de passe")));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static List<String> assets(String page) {
        List<String> found = new ArrayList<>();
        Matcher m = ASSET.matcher(page);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void rootServesTheAppPageWithAStrictPolicyAndRevalidation() {
        HttpResponse<String> r = node.get("/", "Accept", "text/html");
        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.startsWith("default-src 'self'"), csp);
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe"), csp);
        assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElseThrow());
        assertFalse(r.body().contains("%ASSETS%"), "asset paths are filled in");
        assertFalse(r.body().contains("<script>"), "no inline script");
        assertTrue(assets(r.body()).stream().anyMatch(a -> a.endsWith("/app.js")), r.body());

        String etag = r.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = node.get("/", "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
    }

    @Test
    void everyAppAddressServesTheSamePage() {
        String page = node.get("/").body();
        for (String path : List.of("/app", "/app/", "/app/sign-in", "/app/federation", "/app/no/such/screen?x=1")) {
            HttpResponse<String> r = node.get(path);
            assertEquals(200, r.statusCode(), path);
            assertEquals(page, r.body(), path);
        }
    }

    @Test
    void assetsAreServedOnceForAYearUnderTheirVersion() {
        List<String> assets = assets(node.get("/").body());
        assertTrue(assets.size() >= 4, assets.toString());
        for (String asset : assets) {
            HttpResponse<String> r = node.get(asset);
            assertEquals(200, r.statusCode(), asset);
            String cache = r.headers().firstValue("Cache-Control").orElseThrow();
            assertTrue(cache.contains("immutable") && cache.contains("max-age=31536000"), asset + ": " + cache);
            assertTrue(r.headers().firstValue("Content-Security-Policy").isPresent(), asset);
        }
        String js = assets.stream().filter(a -> a.endsWith("/app.js")).findFirst().orElseThrow();
        assertTrue(node.get(js).headers().firstValue("Content-Type").orElseThrow().contains("javascript"));
        String version = js.split("/")[2];
        HttpResponse<String> catalogue = node.get("/static/" + version + "/i18n/fr.json");
        assertEquals(200, catalogue.statusCode());
        assertEquals("Entraide", new JsonObject(catalogue.body()).getString("app.name"));
    }

    @Test
    void otherVersionsTemplatesAndEscapesAreNotServed() {
        String js = assets(node.get("/").body()).stream().filter(a -> a.endsWith("/app.js")).findFirst().orElseThrow();
        String version = js.split("/")[2];
        assertEquals(404, node.get("/static/000000000000/app.js").statusCode());
        assertEquals(404, node.get("/static/" + version + "/index.html").statusCode());
        assertEquals(404, node.get("/static/" + version + "/no-such-file.js").statusCode());
        assertEquals(404, node.get("/static/" + version + "/../../META-INF/MANIFEST.MF").statusCode());
        assertEquals(404, node.get("/static/" + version + "/%2e%2e/%2e%2e/logback.xml").statusCode());
        assertEquals(404, node.get("/static/" + version + "/i18n/").statusCode());
    }

    @Test
    void theNodesOtherAddressesAreNotShadowed() {
        HttpResponse<String> profile = node.get("/u/alice", "Accept", "text/html");
        assertEquals(200, profile.statusCode());
        assertTrue(profile.body().contains("Alice"), profile.body());
        assertFalse(profile.body().contains("app.js"), "a browser asking for an actor gets its page, not the app");
        assertTrue(node.get("/u/alice", "Accept", "application/activity+json").body().contains("\"Person\""));

        HttpResponse<String> api = node.get("/api/v1/no-such-thing");
        assertEquals(404, api.statusCode());
        assertTrue(api.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
        assertEquals(401, node.get("/api/v1/me").statusCode());
        assertEquals(200, node.get("/health").statusCode());
        assertEquals(200, node.get("/.well-known/webfinger?resource=acct:alice@" + node.authority()).statusCode());
        assertEquals(404, node.get("/applications").statusCode(), "only /app and /app/… belong to the app");
        assertEquals(404, node.get("/u/alice/no-such-collection").statusCode());
    }

    @Test
    void theApiDescriptionIsServed() {
        HttpResponse<String> r = node.get("/api/openapi.json");
        assertEquals(200, r.statusCode());
        JsonObject doc = new JsonObject(r.body());
        assertTrue(doc.getString("openapi").startsWith("3.1"));
        assertTrue(doc.getJsonObject("paths").containsKey("/api/v1/me"));
    }
}
