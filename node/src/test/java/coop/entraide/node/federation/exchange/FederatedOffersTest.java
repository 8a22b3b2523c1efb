package coop.entraide.node.federation.exchange;

import static coop.entraide.node.federation.exchange.Api.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Offers between two real nodes on loopback, each with its own database, and a Mastodon-shaped
 * server: a member of B follows A's neighbourhood; what A's member publishes, edits and decides
 * reaches B through the collective's Announces; B's member answers with a federated response; a
 * Mastodon reply becomes a response too; and nobody but the author may change the offer.
 */
class FederatedOffersTest {
    @RegisterExtension
    static final TwoNodes nodes = TwoNodes.start();
    private static final Api a = nodes.a();
    private static final Api b = nodes.b();
    private static MastodonLike mastodon;

    @BeforeAll
    static void start() {
        a.collective("capucins", "alice");
        b.collective("croixrousse", "dalia");
        a.member("capucins", "amel", Role.ADMIN);
        mastodon = new MastodonLike();
        mastodon.account("mona");
        mastodon.account("carl");
    }

    @AfterAll
    static void stop() {
        mastodon.close();
    }

    @Test
    void anOfferTravelsFromPublicationToReservation() {
        follow("dalia");

        // A's member publishes a loan with a photo.
        JsonObject photo = a.ok(a.upload("alice", png(), "image/png"));
        JsonObject published = a.ok(a.post("alice", "/api/v1/offers", new JsonObject()
                .put("kind", "lend").put("title", "Perceuse à percussion").put("category", "tools")
                .put("description", "Avec un jeu de *mèches* à béton.").put("language", "fr")
                .put("loan_period_days", 7).put("deposit", new JsonObject().put("amount", "20").put("currency", "EUR"))
                .put("location", new JsonObject().put("neighbourhood", "Capucins").put("latitude", 45.7712)
                        .put("longitude", 4.8311))
                .put("photos", new JsonArray().add(new JsonObject().put("media_id", photo.getString("id"))
                        .put("alt", "Une perceuse bleue")))));
        String offerUri = published.getString("uri");
        String offerId = published.getString("id");

        // It reaches B through the collective's Announce, searchable like a local offer, proof kept.
        JsonObject remote = eventuallyFound("perceuse", offerUri);
        assertFalse(remote.getBoolean("local"));
        assertEquals("lend", remote.getString("kind"));
        assertEquals("available", remote.getString("state"));
        assertEquals("20.00", remote.getJsonObject("deposit").getString("amount"));
        JsonObject remotePhoto = remote.getJsonArray("photos").getJsonObject(0);
        assertEquals(photo.getString("url"), remotePhoto.getString("url"), "the photo stays at its origin");
        assertEquals("Une perceuse bleue", remotePhoto.getString("alt"));
        assertEquals(photo.getString("blurhash"), remotePhoto.getString("blurhash"));
        assertEquals(a.node.base() + "/u/alice#ed25519-key", storedProof(b, offerUri).orElseThrow(),
                "B keeps the offer with its author's FEP-8b32 proof");
        String remoteId = remote.getString("id");
        // A serves the same signed document.
        JsonObject served = new JsonObject(a.node.get("/offers/" + offerId, "Accept", "application/activity+json").body());
        assertEquals(a.node.base() + "/u/alice#ed25519-key", served.getJsonObject("proof").getString("verificationMethod"));

        // An edit by the author reaches B's copy.
        a.ok(a.patch("alice", "/api/v1/offers/" + offerId, new JsonObject().put("title", "Perceuse à percussion Bosch")));
        eventually("the edit reached B", () -> b.getJson("dalia", "/api/v1/offers/" + remoteId)
                .getString("title").equals("Perceuse à percussion Bosch"));

        // A Mastodon user replies to the offer: a response the author sees.
        String mona = mastodon.actorId("mona");
        int status = mastodon.post("mona", a.node.base() + "/inbox", mastodon.reply("mona", offerUri,
                a.uri("/u/alice"), "<p><span class=\"h-card\"><a href=\"" + a.uri("/u/alice")
                        + "\" class=\"u-url mention\">@alice</a></span> Je peux la passer prendre samedi ?</p>"));
        assertEquals(202, status);
        eventually("the Mastodon reply is a response on A", () -> responses(a, "alice", offerId).stream()
                .anyMatch(r -> r.getJsonObject("responder").getString("uri").equals(mona)));
        JsonObject monaResponse = responses(a, "alice", offerId).stream()
                .filter(r -> r.getJsonObject("responder").getString("uri").equals(mona)).findFirst().orElseThrow();
        assertTrue(monaResponse.getString("message").contains("samedi"), monaResponse.encode());

        // B's member responds from B: a federated FEP-0837 response reaches A's author.
        a.ok(b.post("dalia", "/api/v1/offers/" + remoteId + "/responses",
                new JsonObject().put("message", "Je la rendrai propre !")));
        String dalia = b.uri("/u/dalia");
        eventually("dalia's response reached A", () -> responses(a, "alice", offerId).stream()
                .anyMatch(r -> r.getJsonObject("responder").getString("uri").equals(dalia)));
        JsonObject daliaResponse = responses(a, "alice", offerId).stream()
                .filter(r -> r.getJsonObject("responder").getString("uri").equals(dalia)).findFirst().orElseThrow();
        assertEquals("Je la rendrai propre !", daliaResponse.getString("message"));

        // The author accepts it: B's member learns it, B's copy is reserved, the Mastodon user is told politely.
        a.ok(a.post("alice", "/api/v1/offers/" + offerId + "/responses/" + daliaResponse.getString("id") + "/accept",
                new JsonObject()));
        eventually("dalia's response is accepted on B", () -> responses(b, "dalia", remoteId).stream()
                .anyMatch(r -> r.getString("state").equals("accepted")));
        eventually("B's copy is reserved", () -> b.getJson("dalia", "/api/v1/offers/" + remoteId)
                .getString("state").equals("reserved"));
        eventually("dalia got a direct message", () -> b.getJson("dalia", "/api/v1/timeline").getJsonArray("items")
                .stream().map(JsonObject.class::cast)
                .anyMatch(p -> p.getString("content", "").contains("Bonne nouvelle")));
        eventually("mona was told and her response declined", () -> mastodon.received().stream().anyMatch(x ->
                "Reject".equals(x.getString("type")) && x.getString("object", "").startsWith(mona + "/statuses/"))
                && mastodon.received().stream().anyMatch(x -> "Create".equals(x.getString("type"))
                        && x.getJsonObject("object").getString("content", "").contains("Merci pour votre réponse")
                        && x.getJsonObject("object").getJsonArray("tag").encode().contains(mona)));
    }

    @Test
    void nobodyButTheAuthorChangesAnOffer() {
        follow("dalia");
        JsonObject published = a.ok(a.post("alice", "/api/v1/offers", new JsonObject()
                .put("kind", "give").put("title", "Pots de confiture vides").put("category", "kitchen")));
        String offerUri = published.getString("uri");
        JsonObject remote = eventuallyFound("confiture", offerUri);

        // carl, on another server, sends an Update of alice's offer to both nodes.
        String carl = mastodon.actorId("carl");
        ObjectNode forged = forgedUpdate(carl, offerUri, a.uri("/u/alice"));
        assertEquals(202, mastodon.post("carl", b.node.base() + "/inbox", forged));
        ObjectNode forgedAtA = forgedUpdate(carl, offerUri, a.uri("/u/alice"));
        assertEquals(202, mastodon.post("carl", a.node.base() + "/inbox", forgedAtA));
        eventually("B refused the forged Update", () -> "failed".equals(inboxState(b, forged.path("id").asText())));
        eventually("A refused the forged Update", () -> "failed".equals(inboxState(a, forgedAtA.path("id").asText())));
        assertEquals("Pots de confiture vides", b.getJson("dalia", "/api/v1/offers/" + remote.getString("id"))
                .getString("title"));
        assertEquals("Pots de confiture vides", a.getJson("alice", "/api/v1/offers/" + published.getString("id"))
                .getString("title"));

        // The author withdraws it: the Update with the new state is applied on B.
        assertEquals("withdrawn", a.ok(a.delete("alice", "/api/v1/offers/" + published.getString("id")))
                .getString("state"));
        eventually("B's copy is withdrawn", () -> b.getJson("dalia", "/api/v1/offers/" + remote.getString("id"))
                .getString("state").equals("withdrawn"));
    }

    @Test
    void anOfferMadeMembersOnlyLeavesTheOtherNodes() {
        follow("dalia");
        JsonObject published = a.ok(a.post("alice", "/api/v1/offers", new JsonObject()
                .put("kind", "give").put("title", "Graines de tomates anciennes").put("category", "garden")));
        JsonObject remote = eventuallyFound("tomates", published.getString("uri"));

        a.ok(a.patch("alice", "/api/v1/offers/" + published.getString("id"), new JsonObject().put("visibility", "members")));
        eventually("B's copy is gone", () -> b.get("dalia", "/api/v1/offers/" + remote.getString("id")).statusCode() == 404);
        assertTrue(b.getJson(null, "/api/v1/offers?q=tomates").getJsonArray("items").isEmpty());
        assertEquals(404, a.node.get("/offers/" + published.getString("id"), "Accept", "application/activity+json")
                .statusCode(), "a members-only offer is not served to other servers");
    }

    // --- helpers --------------------------------------------------------------------------------

    /** dalia follows A's neighbourhood by handle (once), and the Accept came back. */
    private static synchronized void follow(String member) {
        if (!nodes.follows(member, a.uri("/c/capucins"))) {
            nodes.follow(member, "capucins");
        }
    }

    private static JsonObject eventuallyFound(String query, String uri) {
        String path = "/api/v1/offers?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&state=available,reserved";
        eventually("the offer is found on B", () -> b.getJson(null, path).getJsonArray("items").stream()
                .anyMatch(o -> ((JsonObject) o).getString("uri").equals(uri)));
        return b.getJson(null, path).getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(o -> o.getString("uri").equals(uri)).findFirst().orElseThrow();
    }

    private static List<JsonObject> responses(Api api, String member, String offerId) {
        return api.getJson(member, "/api/v1/offers/" + offerId + "/responses").getJsonArray("items").stream()
                .map(JsonObject.class::cast).toList();
    }

    private static Optional<String> storedProof(Api api, String offerUri) {
        List<Row> rows = api.sql("SELECT document #>> '{proof,verificationMethod}' AS method FROM offers WHERE uri = $1",
                offerUri);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0).getString("method"));
    }

    private static String inboxState(Api api, String activityUri) {
        List<Row> rows = api.sql("SELECT state FROM inbox_activities WHERE activity_uri = $1", activityUri);
        return rows.isEmpty() ? null : rows.get(0).getString("state");
    }

    /** An Update by {@code sender} of someone else's offer, claiming a new title. */
    private static ObjectNode forgedUpdate(String sender, String offerUri, String author) {
        ObjectNode offer = JsonNodeFactory.instance.objectNode();
        offer.put("id", offerUri);
        offer.put("type", "Note");
        offer.put("attributedTo", author);
        offer.put("name", "Gratuit : iPhone neuf, écrivez-moi");
        offer.put("content", "<p>Gratuit : iPhone neuf</p>");
        offer.put("purpose", "offer");
        offer.putObject("publishes").put("type", "Intent").put("id", offerUri + "#primary").put("action", "transfer")
                .putObject("resourceQuantity").put("hasUnit", "one").put("hasNumericalValue", "1");
        offer.put("kind", "give");
        offer.put("state", "available");
        offer.put("category", "electronics");
        offer.put("updated", "2099-01-01T00:00:00Z");
        offer.putArray("to").add("https://www.w3.org/ns/activitystreams#Public");
        ObjectNode update = JsonNodeFactory.instance.objectNode();
        update.putArray("@context").add("https://www.w3.org/ns/activitystreams");
        update.put("id", sender + "#update-" + UUID.randomUUID());
        update.put("type", "Update");
        update.put("actor", sender);
        update.putArray("to").add("https://www.w3.org/ns/activitystreams#Public");
        update.set("object", offer);
        return update;
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 60, 40);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
