package coop.entraide.node.posts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.identity.IdentityService.NewMember;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Posts, the timeline, follows and what other servers read of them, over HTTP on a real node. */
class PostsApiTest {
    private static final String PASSWORD = "une phrase de passe";
    private static TestNode node;
    private static String alice;
    private static String bea;
    private static String mia;
    private static String mod;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        node.await(node.identity().createCollective(new NewCollective("quartier", "Le Quartier", null, false)));
        node.await(node.identity().createCollective(new NewCollective("atelier", "L'Atelier", null, true)));
        node.await(node.identity().createMember(new NewMember("alice", "quartier", null, null, Role.MEMBER, PASSWORD)));
        node.await(node.identity().createMember(new NewMember("bea", "quartier", null, null, Role.ADMIN, PASSWORD)));
        node.await(node.identity().createMember(new NewMember("mia", "atelier", null, null, Role.MEMBER, PASSWORD)));
        node.await(node.identity().createMember(new NewMember("mod", "atelier", null, null, Role.MODERATOR, PASSWORD)));
        alice = token("alice");
        bea = token("bea");
        mia = token("mia");
        mod = token("mod");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String token(String username) {
        return node.sessionToken(username, PASSWORD);
    }

    private static HttpResponse<String> post(String token, String path, JsonObject body) {
        HttpRequest.Builder r = node.request(path).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body.encode()));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return node.send(r);
    }

    private static HttpResponse<String> get(String token, String path) {
        return node.get(path, "Authorization", "Bearer " + token);
    }

    private static JsonObject publish(String token, String content, String visibility) {
        HttpResponse<String> r = post(token, "/api/v1/posts", new JsonObject().put("content", content).put("visibility", visibility));
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static List<String> contents(JsonArray items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(((JsonObject) i).getString("content")));
        return out;
    }

    @Test
    void anonymousCallersAreAskedToSignIn() {
        assertEquals(401, post(null, "/api/v1/posts", new JsonObject().put("content", "x")).statusCode());
        assertEquals(401, node.get("/api/v1/timeline").statusCode());
        assertEquals(401, node.get("/api/v1/follows").statusCode());
        assertEquals(401, post(null, "/api/v1/follows", new JsonObject().put("handle", "@a@b")).statusCode());
        assertEquals(401, node.get("/api/v1/lookup?handle=@alice@" + node.authority()).statusCode());
    }

    @Test
    void aPostIsEscapedLinkedStoredAndServedToOtherServersWithItsProof() {
        JsonObject post = publish(alice, "Fête des voisins <b>samedi</b> : https://quartier.example/fete", "public");
        String content = post.getString("content");
        assertTrue(content.contains("&lt;b&gt;samedi&lt;/b&gt;"), content);
        assertTrue(content.contains("<a href=\"https://quartier.example/fete\""), content);
        assertEquals("alice@" + node.authority(), post.getJsonObject("author").getString("handle"));

        HttpResponse<String> read = get(alice, "/api/v1/posts/" + post.getString("id"));
        assertEquals(200, read.statusCode(), read.body());
        assertEquals(post.getString("uri"), new JsonObject(read.body()).getString("uri"));

        String path = post.getString("uri").substring(node.base().length());
        HttpResponse<String> as = node.get(path, "Accept", "application/activity+json");
        assertEquals(200, as.statusCode());
        JsonObject doc = new JsonObject(as.body());
        assertEquals("Note", doc.getString("type"));
        assertEquals(node.base() + "/u/alice", doc.getString("attributedTo"));
        assertEquals(node.base() + "/c/quartier", doc.getString("audience"));
        assertEquals("eddsa-jcs-2022", doc.getJsonObject("proof").getString("cryptosuite"));
        HttpResponse<String> page = node.get(path, "Accept", "text/html");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("&lt;b&gt;samedi"), page.body());

        JsonObject outbox = new JsonObject(node.get("/c/quartier/outbox", "Accept", "application/activity+json").body());
        assertTrue(outbox.getLong("totalItems") >= 1, "the collective announced it");
        JsonObject first = new JsonObject(node.get("/c/quartier/outbox?page=1", "Accept", "application/activity+json").body());
        JsonObject announce = first.getJsonArray("orderedItems").getJsonObject(0);
        assertEquals("Announce", announce.getString("type"));
        assertEquals("Note", announce.getJsonObject("object").getString("type"), "the object itself, not the Create");
        JsonObject mine = new JsonObject(node.get("/u/alice/outbox?page=1", "Accept", "application/activity+json").body());
        assertTrue(mine.getJsonArray("orderedItems").stream()
                .anyMatch(i -> ((JsonObject) i).getString("type").equals("Create")));
    }

    @Test
    void aDeletedObjectIsGoneAndUnknownOnesAreNotFound() {
        JsonObject post = publish(alice, "Bientôt effacé", "public");
        JsonObject outbox = new JsonObject(node.get("/u/alice/outbox?page=1", "Accept", "application/activity+json").body());
        String create = outbox.getJsonArray("orderedItems").stream().map(i -> (JsonObject) i)
                .filter(i -> i.getJsonObject("object").getString("id").equals(post.getString("uri")))
                .findFirst().orElseThrow().getString("id");
        String createPath = create.substring(node.base().length());
        assertEquals(200, node.get(createPath, "Accept", "application/activity+json").statusCode());
        node.await(node.node().context().pool().preparedQuery("""
                        UPDATE objects SET deleted_at = now(), document = jsonb_build_object('id', uri, 'type', 'Tombstone')
                        WHERE uri = $1""").execute(Tuple.of(post.getString("uri"))));
        String path = post.getString("uri").substring(node.base().length());
        HttpResponse<String> gone = node.get(path, "Accept", "application/activity+json");
        assertEquals(410, gone.statusCode());
        assertEquals("Tombstone", new JsonObject(gone.body()).getString("type"));
        assertEquals(404, get(alice, "/api/v1/posts/" + post.getString("id")).statusCode());
        assertEquals(410, node.get(createPath, "Accept", "application/activity+json").statusCode(), "its Create is gone too");
        assertEquals(404, node.get("/o/aaaaaaaaaaaaaaaaaaaaaaaaaa", "Accept", "application/activity+json").statusCode());
        assertEquals(404, node.get("/o/not-a-key", "Accept", "application/activity+json").statusCode());
    }

    @Test
    void badPostsAreRefusedWithTheFieldNamed() {
        for (JsonObject bad : List.of(new JsonObject(), new JsonObject().put("content", "   "),
                new JsonObject().put("content", "x".repeat(PostText.MAX_CHARACTERS + 1)),
                new JsonObject().put("content", "x").put("visibility", "direct"),
                new JsonObject().put("content", 42))) {
            HttpResponse<String> r = post(alice, "/api/v1/posts", bad);
            assertEquals(422, r.statusCode(), bad + " → " + r.body());
        }
        assertEquals(422, get(alice, "/api/v1/timeline?limit=0").statusCode());
        assertEquals(422, get(alice, "/api/v1/timeline?before=@@@").statusCode());
        assertEquals(404, get(alice, "/api/v1/posts/abc").statusCode());
    }

    @Test
    void theTimelineIsNewestFirstAndPagesWithoutRepeats() {
        String token = token("bea");
        List<String> written = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            written.add(publish(token, "Annonce numéro " + i, "public").getString("content"));
        }
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String path = "/api/v1/timeline?limit=2";
        for (int pages = 0; pages < 50 && path != null; pages++) {
            JsonObject page = new JsonObject(get(alice, path).body());
            for (String c : contents(page.getJsonArray("items"))) {
                assertTrue(seen.add(c) || !c.startsWith("<p>Annonce"), "repeated " + c);
                order.add(c);
            }
            String next = page.getString("next");
            path = next == null ? null : "/api/v1/timeline?limit=2&before=" + next;
        }
        List<String> mine = order.stream().filter(written::contains).toList();
        assertEquals(List.of(written.get(4), written.get(3), written.get(2), written.get(1), written.get(0)), mine);
    }

    @Test
    void followersOnlyPostsReachFollowersOnly() {
        String text = "Réservé aux abonnés " + System.nanoTime();
        publish(mia, text, "followers");
        assertFalse(contents(new JsonObject(get(alice, "/api/v1/timeline?limit=40").body()).getJsonArray("items")).stream()
                .anyMatch(c -> c.contains(text)));

        HttpResponse<String> follow = post(alice, "/api/v1/follows", new JsonObject().put("handle", "@mia@" + node.authority()));
        assertEquals(201, follow.statusCode(), follow.body());
        assertEquals("accepted", new JsonObject(follow.body()).getString("state"));
        HttpResponse<String> again = post(alice, "/api/v1/follows", new JsonObject().put("handle", "@mia@" + node.authority()));
        assertEquals(200, again.statusCode(), "an existing follow is answered, not created: " + again.body());
        assertEquals(new JsonObject(follow.body()).getString("id"), new JsonObject(again.body()).getString("id"));
        assertEquals("accepted", new JsonObject(again.body()).getString("state"));
        assertTrue(contents(new JsonObject(get(alice, "/api/v1/timeline?limit=40").body()).getJsonArray("items")).stream()
                .anyMatch(c -> c.contains(text)));
        JsonArray followers = new JsonObject(get(mia, "/api/v1/followers").body()).getJsonArray("items");
        assertTrue(followers.stream().anyMatch(f -> ((JsonObject) f).getJsonObject("actor").getString("uri").endsWith("/u/alice")));

        String id = new JsonObject(follow.body()).getString("id");
        assertEquals(404, node.send(node.request("/api/v1/follows/" + id).header("Authorization", "Bearer " + mia).DELETE()).statusCode(),
                "only the follower ends a follow");
        assertEquals(204, node.send(node.request("/api/v1/follows/" + id).header("Authorization", "Bearer " + alice).DELETE()).statusCode());
        assertTrue(new JsonObject(get(alice, "/api/v1/follows").body()).getJsonArray("items").stream()
                .noneMatch(f -> ((JsonObject) f).getJsonObject("actor").getString("uri").endsWith("/u/mia")));
    }

    @Test
    void aCollectiveFollowsAnotherThatApprovesItsFollowersByHand() {
        HttpResponse<String> lookup = get(alice, "/api/v1/lookup?handle=@atelier@" + node.authority());
        assertEquals(200, lookup.statusCode(), lookup.body());
        assertEquals("Group", new JsonObject(lookup.body()).getString("type"));
        assertNotNull(new JsonObject(lookup.body()).getLong("followers_count"));
        assertEquals(404, get(alice, "/api/v1/lookup?handle=@personne@" + node.authority()).statusCode());
        assertEquals(422, get(alice, "/api/v1/lookup?handle=nobody").statusCode());

        JsonObject asCollective = new JsonObject().put("handle", "@atelier@" + node.authority()).put("as", "collective");
        assertEquals(403, post(alice, "/api/v1/follows", asCollective).statusCode(), "alice is no administrator");
        HttpResponse<String> asked = post(bea, "/api/v1/follows", asCollective);
        assertEquals(201, asked.statusCode(), asked.body());
        assertEquals("pending", new JsonObject(asked.body()).getString("state"));
        String id = new JsonObject(asked.body()).getString("id");

        assertEquals(403, get(mia, "/api/v1/follow-requests?as=collective").statusCode());
        assertEquals(404, post(mia, "/api/v1/follow-requests/" + id + "/accept", new JsonObject()).statusCode());
        JsonArray waiting = new JsonObject(get(mod, "/api/v1/follow-requests?as=collective").body()).getJsonArray("items");
        assertEquals(id, waiting.getJsonObject(0).getString("id"));
        HttpResponse<String> accepted = post(mod, "/api/v1/follow-requests/" + id + "/accept", new JsonObject());
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertEquals("accepted", new JsonObject(accepted.body()).getString("state"));
        assertEquals(404, post(mod, "/api/v1/follow-requests/" + id + "/accept", new JsonObject()).statusCode());

        JsonObject followers = new JsonObject(node.get("/c/atelier/followers?page=1", "Accept", "application/activity+json").body());
        assertTrue(followers.getJsonArray("orderedItems").contains(node.base() + "/c/quartier"), followers.encode());
        JsonObject following = new JsonObject(node.get("/c/quartier/following", "Accept", "application/activity+json").body());
        assertEquals(1, following.getLong("totalItems"));
        JsonObject members = new JsonObject(node.get("/u/alice/followers", "Accept", "application/activity+json").body());
        assertNull(members.getString("first"), "a member's followers are counted, not listed");
        assertEquals(422, post(bea, "/api/v1/follows", new JsonObject().put("handle", "@quartier@" + node.authority())
                .put("as", "collective")).statusCode(), "a collective does not follow itself");
    }
}
