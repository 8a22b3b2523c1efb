package coop.entraide.node.federation.social;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real nodes on loopback, each with its own database: a member of one follows a collective of
 * the other by handle, the follow is accepted, a post there reaches the follower's timeline
 * through the collective's Announce, and an unfollow ends it on both sides.
 */
class TwoNodesSocialTest {
    private static final String PASSWORD = "une phrase de passe";
    private static TestNode a;
    private static TestNode b;

    @BeforeAll
    static void start() {
        a = TestNode.start();
        b = TestNode.start();
        a.await(a.identity().createCollective(new NewCollective("capucins", "Les Capucins", null, false)));
        a.await(a.identity().createMember(new NewMember("alice", "capucins", null, null, Role.MEMBER, PASSWORD)));
        b.await(b.identity().createCollective(new NewCollective("croixrousse", "La Croix-Rousse", null, false)));
        b.await(b.identity().createMember(new NewMember("dalia", "croixrousse", null, null, Role.MEMBER, PASSWORD)));
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    private static String token(TestNode node, String username) {
        HttpResponse<String> r = node.send(node.request("/api/v1/sessions").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(new JsonObject().put("username", username).put("password", PASSWORD).encode())));
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body()).getString("token");
    }

    private static HttpResponse<String> post(TestNode node, String token, String path, JsonObject body) {
        return node.send(node.request(path).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(BodyPublishers.ofString(body.encode())));
    }

    private static JsonObject get(TestNode node, String token, String path) {
        HttpResponse<String> r = node.get(path, "Authorization", "Bearer " + token);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting until " + what);
    }

    private static long followersOfCapucins() {
        return new JsonObject(a.get("/c/capucins/followers", "Accept", "application/activity+json").body()).getLong("totalItems");
    }

    @Test
    void followByHandleAcceptPublishReceiveAndUndo() throws Exception {
        String dalia = token(b, "dalia");
        String alice = token(a, "alice");

        HttpResponse<String> asked = post(b, dalia, "/api/v1/follows", new JsonObject().put("handle", "@capucins@" + a.authority()));
        assertEquals(201, asked.statusCode(), asked.body());
        JsonObject follow = new JsonObject(asked.body());
        assertEquals("pending", follow.getString("state"), "a remote follow waits for the Accept");
        assertEquals("Group", follow.getJsonObject("actor").getString("type"));

        eventually("the Accept reached node B", () -> get(b, dalia, "/api/v1/follows").getJsonArray("items").stream()
                .anyMatch(f -> ((JsonObject) f).getJsonObject("actor").getString("uri").equals(a.base() + "/c/capucins")));
        assertEquals(1, followersOfCapucins());
        JsonArray listed = new JsonObject(a.get("/c/capucins/followers?page=1", "Accept", "application/activity+json").body())
                .getJsonArray("orderedItems");
        assertEquals(b.base() + "/u/dalia", listed.getString(0));

        String text = "Vide-grenier rue des Capucins dimanche " + System.nanoTime();
        HttpResponse<String> posted = post(a, alice, "/api/v1/posts", new JsonObject().put("content", text).put("visibility", "public"));
        assertEquals(201, posted.statusCode(), posted.body());
        String uri = new JsonObject(posted.body()).getString("uri");

        eventually("the announced post is in dalia's timeline", () -> get(b, dalia, "/api/v1/timeline").getJsonArray("items").stream()
                .anyMatch(p -> ((JsonObject) p).getString("uri").equals(uri)));
        JsonObject seen = get(b, dalia, "/api/v1/timeline").getJsonArray("items").stream().map(p -> (JsonObject) p)
                .filter(p -> p.getString("uri").equals(uri)).findFirst().orElseThrow();
        assertTrue(seen.getString("content").contains("Vide-grenier"), seen.encode());
        assertEquals("alice@" + a.authority(), seen.getJsonObject("author").getString("handle"));
        assertEquals(false, seen.getBoolean("local"));

        HttpResponse<String> undone = b.send(b.request("/api/v1/follows/" + follow.getString("id"))
                .header("Authorization", "Bearer " + dalia).DELETE());
        assertEquals(204, undone.statusCode(), undone.body());
        eventually("node A received the Undo", () -> followersOfCapucins() == 0);
    }
}
