package coop.entraide.node.federation.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A member's profile change reaches their followers on another node: node A sends an
 * {@code Update} of the member's actor, node B applies it to its copy. Changes that the actor's
 * document does not show (neighbourhood, languages, or the same values again) send nothing.
 */
class FederatedProfileTest {
    @RegisterExtension
    static final TwoNodes nodes = TwoNodes.start();
    private static final Api a = nodes.a();
    private static final Api b = nodes.b();

    @BeforeAll
    static void start() {
        a.collective("pentes", "alice", "basile");
        b.collective("croixrousse", "dalia", "emile");
    }

    @Test
    void aNewNameSummaryAndPhotoReachTheFollowersNode() throws IOException {
        String alice = follow("dalia", "alice");
        JsonObject photo = a.ok(a.upload("alice", png(), "image/png"));

        a.ok(a.patch("alice", "/api/v1/me", new JsonObject()
                .put("display_name", "Alice Martin")
                .put("summary", "Jardinière aux Pentes")
                .put("avatar_media_id", photo.getString("id"))
                .put("avatar_alt", "Des tomates dans un bac")));

        Api.eventually("node B shows alice's new name", () -> "Alice Martin".equals(copyOn(b, alice).getString("display_name")));
        Row copy = copyOn(b, alice);
        assertTrue(copy.getString("summary").contains("Jardinière aux Pentes"), copy.getString("summary"));
        assertEquals(photo.getString("url"), copy.getString("avatar_url"));
        assertEquals("Des tomates dans un bac", copy.getString("avatar_alt"));
        List<Row> updates = b.sql("SELECT state FROM inbox_activities WHERE type = 'Update' AND actor_uri = $1", alice);
        assertEquals(1, updates.size(), "one Update received");
        assertEquals("processed", updates.get(0).getString("state"));

        JsonObject sent = new JsonObject(sentUpdates(alice).get(0).getValue("document").toString());
        JsonObject person = sent.getJsonObject("object");
        assertEquals(alice, person.getString("id"));
        assertEquals("Person", person.getString("type"));
        assertEquals(new JsonArray().add("https://www.w3.org/ns/activitystreams#Public"), sent.getJsonArray("to"));
        assertTrue(sent.getJsonArray("cc").contains(alice + "/followers"), sent.encode());
        assertTrue(sent.containsKey("proof"), "signed like other activities");
    }

    @Test
    void aChangeTheDocumentDoesNotShowSendsNoUpdate() {
        String basile = follow("emile", "basile");
        JsonObject me = a.getJson("basile", "/api/v1/me");

        a.ok(a.patch("basile", "/api/v1/me", new JsonObject()
                .put("display_name", me.getString("display_name"))
                .put("summary", me.getString("summary"))
                .put("neighbourhood", "Croix-Paquet")
                .put("languages", new JsonArray().add("fr").add("it"))));
        assertEquals("Croix-Paquet", a.getJson("basile", "/api/v1/me").getString("neighbourhood"));
        assertEquals(List.of(), sentUpdates(basile), "nothing visible changed");

        // The same request with a new name does send one: the check above looked at the right place.
        a.ok(a.patch("basile", "/api/v1/me", new JsonObject()
                .put("display_name", "Basile des Pentes")
                .put("summary", me.getString("summary"))
                .put("neighbourhood", "Croix-Paquet")));
        assertEquals(1, sentUpdates(basile).size());
    }

    /** {@code follower} on node B follows {@code followed} on node A; the accepted follow's actor id on A. */
    private static String follow(String follower, String followed) {
        String uri = a.uri("/u/" + followed);
        b.ok(nodes.askToFollow(follower, followed));
        Api.eventually(follower + "'s follow is accepted on node A", () -> !a.sql("""
                SELECT 1 FROM follows f JOIN actors x ON x.id = f.follower_id JOIN actors y ON y.id = f.followed_id
                WHERE x.uri = $1 AND y.uri = $2 AND f.state = 'accepted'""", b.uri("/u/" + follower), uri).isEmpty());
        return uri;
    }

    private static Row copyOn(Api node, String uri) {
        return node.sql("SELECT display_name, summary, avatar_url, avatar_alt FROM actors WHERE uri = $1", uri).get(0);
    }

    /** The Updates node A published for this actor, from its outbox. */
    private static List<Row> sentUpdates(String actorUri) {
        return a.sql("""
                SELECT o.document FROM outbox o JOIN actors x ON x.id = o.actor_id
                WHERE x.uri = $1 AND o.type = 'Update'""", actorUri);
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0x2e7d32);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
