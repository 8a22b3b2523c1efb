package coop.entraide.node.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signing in and out over HTTP, and what the API refuses. */
class SessionApiTest {
    private static final String PASSWORD = "une phrase de passe";
    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        node.await(node.identity().createCollective(new NewCollective("atelier", "L'Atelier", null, false)));
        for (String name : List.of("bob", "carol", "dave", "erin")) {
            node.await(node.identity().createMember(new NewMember(name, "atelier", null, null, Role.MEMBER, PASSWORD)));
        }
        node.await(node.identity().setSuspended("carol", true));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder r = node.request(path).header("Content-Type", contentType).POST(BodyPublishers.ofString(body));
        if (headers.length > 0) {
            r.headers(headers);
        }
        return node.send(r);
    }

    private static HttpResponse<String> signIn(String username, String password) {
        return post("/api/v1/sessions", "application/json",
                new JsonObject().put("username", username).put("password", password).encode());
    }

    private static String token(String username) {
        HttpResponse<String> r = signIn(username, PASSWORD);
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body()).getString("token");
    }

    private static HttpResponse<String> delete(String path, String... headers) {
        HttpRequest.Builder r = node.request(path).DELETE();
        if (headers.length > 0) {
            r.headers(headers);
        }
        return node.send(r);
    }

    @Test
    void signInAnswersATokenAndSetsACookie() {
        HttpResponse<String> r = signIn("bob", PASSWORD);
        assertEquals(201, r.statusCode(), r.body());
        JsonObject body = new JsonObject(r.body());
        String token = body.getString("token");
        assertTrue(token.length() >= 43, token);
        Instant expires = Instant.parse(body.getString("expires_at"));
        assertTrue(expires.isAfter(Instant.now().plus(Duration.ofDays(29))));
        JsonObject member = body.getJsonObject("member");
        assertEquals("bob", member.getString("username"));
        assertEquals("member", member.getString("role"));
        assertEquals("atelier", member.getJsonObject("collective").getString("username"));
        assertEquals(node.base() + "/u/bob", member.getString("uri"));

        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith(Authenticator.COOKIE + "=" + token + ";"), cookie);
        assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
        assertFalse(cookie.toLowerCase().contains("secure"), "not Secure on an http:// base URL: " + cookie);
        assertFalse(r.body().contains("argon2"));
    }

    @Test
    void wrongPasswordAndUnknownNameGetTheSameAnswer() {
        HttpResponse<String> wrong = signIn("bob", "not the password");
        HttpResponse<String> unknown = signIn("nobody_here", "not the password");
        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        assertEquals(wrong.body(), unknown.body());
        assertEquals(wrong.headers().firstValue("Content-Type"), unknown.headers().firstValue("Content-Type"));
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());
    }

    @Test
    void suspendedMemberIsRefusedOnlyWithTheRightPassword() {
        assertEquals(403, signIn("carol", PASSWORD).statusCode());
        assertEquals(401, signIn("carol", "not the password").statusCode());
    }

    @Test
    void malformedRequestsAreRefused() {
        assertEquals(400, post("/api/v1/sessions", "application/json", "{\"username\": ").statusCode());
        assertEquals(400, post("/api/v1/sessions", "application/json", "[1, 2]").statusCode());
        assertEquals(400, post("/api/v1/sessions", "application/json", "").statusCode());
        HttpResponse<String> missing = post("/api/v1/sessions", "application/json", "{\"username\": 3}");
        assertEquals(422, missing.statusCode());
        assertTrue(missing.body().contains("\"field\":\"password\""), missing.body());
        assertEquals(415, post("/api/v1/sessions", "text/plain", "{\"username\":\"bob\",\"password\":\"x\"}").statusCode());
        assertEquals(415, post("/api/v1/sessions", "application/x-www-form-urlencoded", "username=bob&password=x").statusCode());
        HttpResponse<String> big = post("/api/v1/sessions", "application/json",
                "{\"username\":\"bob\",\"password\":\"" + "x".repeat(70 * 1024) + "\"}");
        assertEquals(413, big.statusCode());
        assertTrue(big.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void meWithABearerTokenOrTheCookie() {
        String token = token("bob");
        HttpResponse<String> bearer = node.get("/api/v1/me", "Authorization", "Bearer " + token);
        assertEquals(200, bearer.statusCode());
        assertEquals("bob", new JsonObject(bearer.body()).getString("username"));
        HttpResponse<String> cookie = node.get("/api/v1/me", "Cookie", Authenticator.COOKIE + "=" + token);
        assertEquals(200, cookie.statusCode());
        assertEquals("bob", new JsonObject(cookie.body()).getString("username"));
        assertFalse(bearer.body().contains("PRIVATE KEY"));
        assertFalse(bearer.body().contains("argon2"));
    }

    @Test
    void meRefusesMissingOrWrongCredentials() {
        HttpResponse<String> none = node.get("/api/v1/me");
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, node.get("/api/v1/me", "Authorization", "Bearer not-a-real-token").statusCode());
        assertEquals(401, node.get("/api/v1/me", "Authorization", "Basic Ym9iOnBhc3N3b3Jk").statusCode());
        assertEquals(401, node.get("/api/v1/me", "Cookie", Authenticator.COOKIE + "=forged").statusCode());
    }

    @Test
    void suspendingAMemberStopsTheirSessions() {
        String token = token("erin");
        assertEquals(200, node.get("/api/v1/me", "Authorization", "Bearer " + token).statusCode());
        node.await(node.identity().setSuspended("erin", true));
        assertEquals(403, node.get("/api/v1/me", "Authorization", "Bearer " + token).statusCode());
        node.await(node.identity().setSuspended("erin", false));
        assertEquals(200, node.get("/api/v1/me", "Authorization", "Bearer " + token).statusCode());
    }

    @Test
    void cookieRequestsThatCouldBeForgedAreRefused() {
        String token = token("bob");
        String cookie = Authenticator.COOKIE + "=" + token;
        assertEquals(403, delete("/api/v1/sessions/current", "Cookie", cookie).statusCode());
        assertEquals(403, delete("/api/v1/sessions/current", "Cookie", cookie, "Origin", "http://evil.example").statusCode());
        assertEquals(403, delete("/api/v1/sessions/current", "Cookie", cookie, "X-Requested-With", "fetch",
                "Sec-Fetch-Site", "cross-site").statusCode());
        assertEquals(200, node.get("/api/v1/me", "Cookie", cookie).statusCode(), "the session survived");

        HttpResponse<String> fromUs = delete("/api/v1/sessions/current", "Cookie", cookie, "Origin", node.base());
        assertEquals(204, fromUs.statusCode());
        assertTrue(fromUs.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
        assertEquals(401, node.get("/api/v1/me", "Cookie", cookie).statusCode());
    }

    @Test
    void cookieSignOutWithTheCustomHeader() {
        String cookie = Authenticator.COOKIE + "=" + token("bob");
        assertEquals(204, delete("/api/v1/sessions/current", "Cookie", cookie, "X-Requested-With", "fetch").statusCode());
    }

    @Test
    void signInFromAnotherOriginIsRefused() {
        HttpResponse<String> r = post("/api/v1/sessions", "application/json",
                new JsonObject().put("username", "bob").put("password", PASSWORD).encode(), "Origin", "http://evil.example");
        assertEquals(403, r.statusCode());
    }

    @Test
    void signOutEndsTheBearerSession() {
        String token = token("bob");
        assertEquals(204, delete("/api/v1/sessions/current", "Authorization", "Bearer " + token).statusCode());
        assertEquals(401, node.get("/api/v1/me", "Authorization", "Bearer " + token).statusCode());
        assertEquals(401, delete("/api/v1/sessions/current", "Authorization", "Bearer " + token).statusCode());
    }

    @Test
    void databaseKeepsOnlyHashes() {
        String token = token("bob");
        var pool = node.node().context().pool();
        String hash = node.await(pool.preparedQuery("""
                        SELECT m.password_hash FROM members m JOIN actors a ON a.id = m.actor_id WHERE a.username = $1""")
                .execute(Tuple.of("bob"))).iterator().next().getString("password_hash");
        assertTrue(hash.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+"), hash);
        long byHash = node.await(pool.preparedQuery("SELECT count(*) AS n FROM sessions WHERE token_sha256 = sha256(convert_to($1, 'UTF8'))")
                .execute(Tuple.of(token))).iterator().next().getLong("n");
        assertEquals(1, byHash);
        long raw = node.await(pool.preparedQuery("SELECT count(*) AS n FROM sessions WHERE token_sha256 = convert_to($1, 'UTF8')")
                .execute(Tuple.of(token))).iterator().next().getLong("n");
        assertEquals(0, raw);
    }

    @Test
    void repeatedFailuresAreThrottled() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_NAME; i++) {
            assertEquals(401, signIn("dave", "guess " + i).statusCode());
        }
        HttpResponse<String> blocked = signIn("dave", PASSWORD);
        assertEquals(429, blocked.statusCode());
        assertTrue(Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow()) > 0);
        assertEquals(201, signIn("bob", PASSWORD).statusCode(), "other names still sign in");
    }
}
