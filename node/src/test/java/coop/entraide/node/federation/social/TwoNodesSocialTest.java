package coop.entraide.node.federation.social;

import static coop.entraide.node.federation.exchange.Api.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.federation.exchange.Api;
import coop.entraide.node.federation.exchange.TwoNodes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two real nodes on loopback, each with its own database: a member of one follows a collective of
 * the other by handle, the follow is accepted, a post there reaches the follower's timeline
 * through the collective's Announce, and an unfollow ends it on both sides.
 */
class TwoNodesSocialTest {
    @RegisterExtension
    static final TwoNodes nodes = TwoNodes.start();
    private static final Api a = nodes.a();
    private static final Api b = nodes.b();

    @BeforeAll
    static void start() {
        a.collective("capucins", "alice");
        b.collective("croixrousse", "dalia");
    }

    private static JsonObject get(Api node, String member, String path) {
        HttpResponse<String> r = node.get(member, path);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static long followersOfCapucins() {
        return new JsonObject(a.node.get("/c/capucins/followers", "Accept", "application/activity+json").body()).getLong("totalItems");
    }

    @Test
    void followByHandleAcceptPublishReceiveAndUndo() throws Exception {
        HttpResponse<String> asked = nodes.askToFollow("dalia", "capucins");
        assertEquals(201, asked.statusCode(), asked.body());
        JsonObject follow = new JsonObject(asked.body());
        assertEquals("pending", follow.getString("state"), "a remote follow waits for the Accept");
        assertEquals("Group", follow.getJsonObject("actor").getString("type"));

        eventually("the Accept reached node B", () -> get(b, "dalia", "/api/v1/follows").getJsonArray("items").stream()
                .anyMatch(f -> ((JsonObject) f).getJsonObject("actor").getString("uri").equals(a.uri("/c/capucins"))));
        assertEquals(1, followersOfCapucins());
        JsonArray listed = new JsonObject(a.node.get("/c/capucins/followers?page=1", "Accept", "application/activity+json").body())
                .getJsonArray("orderedItems");
        assertEquals(b.uri("/u/dalia"), listed.getString(0));

        String text = "Vide-grenier rue des Capucins dimanche " + System.nanoTime();
        HttpResponse<String> posted = a.post("alice", "/api/v1/posts", new JsonObject().put("content", text).put("visibility", "public"));
        assertEquals(201, posted.statusCode(), posted.body());
        String uri = new JsonObject(posted.body()).getString("uri");

        eventually("the announced post is in dalia's timeline", () -> get(b, "dalia", "/api/v1/timeline").getJsonArray("items").stream()
                .anyMatch(p -> ((JsonObject) p).getString("uri").equals(uri)));
        JsonObject seen = get(b, "dalia", "/api/v1/timeline").getJsonArray("items").stream().map(p -> (JsonObject) p)
                .filter(p -> p.getString("uri").equals(uri)).findFirst().orElseThrow();
        assertTrue(seen.getString("content").contains("Vide-grenier"), seen.encode());
        assertEquals("alice@" + a.node.authority(), seen.getJsonObject("author").getString("handle"));
        assertEquals(false, seen.getBoolean("local"));

        HttpResponse<String> undone = b.delete("dalia", "/api/v1/follows/" + follow.getString("id"));
        assertEquals(204, undone.statusCode(), undone.body());
        eventually("node A received the Undo", () -> followersOfCapucins() == 0);
    }
}
