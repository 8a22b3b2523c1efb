package coop.entraide.node.federation.exchange;

import static coop.entraide.node.federation.exchange.Api.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.identity.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Campaigns between two real nodes on loopback: A's collective opens a campaign, which reaches B
 * through the follow of B's member; that member pledges from B; A records it, its treasurer marks
 * it received, and B's member sees each state and the collective's news. A pledge is withdrawn with an Undo; a bad pledge
 * from another server is answered with a Reject, and nobody may withdraw someone else's pledge.
 */
class FederatedCampaignsTest {
    @RegisterExtension
    static final TwoNodes nodes = TwoNodes.start();
    private static final Api a = nodes.a();
    private static final Api b = nodes.b();
    private static MastodonLike other;

    @BeforeAll
    static void start() {
        a.collective("capucins");
        a.member("capucins", "alice", Role.ADMIN);
        b.collective("croixrousse", "dalia");
        other = new MastodonLike();
        other.account("carl");
    }

    @AfterAll
    static void stop() {
        other.close();
    }

    @Test
    void aCampaignAndItsPledgesTravelBetweenNodes() {
        String capucins = a.uri("/c/capucins");
        nodes.follow("dalia", "capucins");

        // A's collective opens a campaign: B sees it, with its goal and totals.
        long campaignId = a.ok(a.post("alice", "/api/v1/collectives/capucins/campaigns", campaign("Un four à pain")))
                .getLong("id");
        a.ok(a.post("alice", "/api/v1/campaigns/" + campaignId + "/publish", new JsonObject()));
        String campaignUri = a.uri("/campaigns/" + campaignId);
        eventually("B knows the campaign", () -> known(campaignUri).isPresent());
        JsonObject seen = known(campaignUri).orElseThrow();
        assertEquals("Un four à pain", seen.getString("title"));
        assertEquals("1000.00", seen.getString("goal"));
        assertEquals("EUR", seen.getString("currency"));
        assertEquals("open", seen.getString("state"));
        assertEquals(capucins, seen.getString("collective"));

        // Bad input is refused on B before anything is sent.
        HttpResponse<String> negative = b.post("dalia", "/api/v1/federated-pledges",
                new JsonObject().put("campaign", campaignUri).put("amount", "-3"));
        assertEquals(422, negative.statusCode(), negative.body());
        assertTrue(negative.body().contains("amount"), negative.body());
        HttpResponse<String> unknown = b.post("dalia", "/api/v1/federated-pledges",
                new JsonObject().put("campaign", a.uri("/campaigns/999999")).put("amount", "5"));
        assertEquals(422, unknown.statusCode(), unknown.body());

        // B's member pledges: A records it as promised, with the amount and the tip apart.
        JsonObject sent = b.ok(b.post("dalia", "/api/v1/federated-pledges", new JsonObject().put("campaign", campaignUri)
                .put("amount", "25.50").put("tip", "2.55").put("message", "Courage !")));
        assertEquals("sent", sent.getString("state"));
        eventually("A recorded the pledge", () -> pledgesOnA(campaignId).size() == 1);
        JsonObject recorded = pledgesOnA(campaignId).get(0);
        assertEquals("25.50", recorded.getJsonObject("amount").getString("amount"));
        assertEquals("2.55", recorded.getJsonObject("tip").getString("amount"));
        assertEquals("promised", recorded.getString("state"));
        assertEquals("Courage !", recorded.getString("message"));
        eventually("B's member sees it promised", () -> "promised".equals(mine(sent.getString("id")).getString("state")));
        assertTrue(mine(sent.getString("id")).getString("payment_reference").startsWith("RF"));

        // Someone else cannot withdraw it.
        String offerId = b.sql("SELECT activity_uri FROM sent_pledges").get(0).getString("activity_uri");
        ObjectNode undo = undo(other.actorId("carl"), offerId);
        assertEquals(202, other.post("carl", a.node.base() + "/inbox", undo));
        eventually("A refused carl's Undo", () -> "failed".equals(inboxState(a, undo.path("id").asText())));
        assertEquals("promised", pledgesOnA(campaignId).get(0).getString("state"));

        // The treasurer marks it received: B's member is told.
        a.ok(a.post("alice", "/api/v1/pledges/" + recorded.getLong("id") + "/receive",
                new JsonObject().put("method", "bank_transfer")));
        eventually("B's member sees it received", () -> "received".equals(mine(sent.getString("id")).getString("state")));

        // The collective posts news: B stores the Note, named to its contributor, in her timeline.
        a.ok(a.post("alice", "/api/v1/campaigns/" + campaignId + "/updates",
                new JsonObject().put("title", "Le four est commandé").put("content", "<p>Livraison en mars</p>")));
        eventually("B's member reads the news", () -> b.getJson("dalia", "/api/v1/timeline").encode().contains("Livraison en mars"));
        JsonObject note = new JsonObject(b.sql("SELECT document::text AS d FROM objects WHERE document ->> 'context' = $1",
                campaignUri).get(0).getString("d"));
        assertEquals("Note", note.getString("type"));
        assertEquals(capucins, note.getString("attributedTo"));
        assertTrue(note.getJsonArray("cc").contains(b.uri("/u/dalia")), note.encode());
        assertTrue(note.containsKey("proof"), "signed by the collective");

        // Only the campaign's collective may report a pledge's state.
        String pledgeUri = mine(sent.getString("id")).getString("pledge");
        ObjectNode forged = forgedPledgeUpdate(other.actorId("carl"), pledgeUri);
        assertEquals(202, other.post("carl", b.node.base() + "/inbox", forged));
        eventually("B refused carl's Update", () -> "failed".equals(inboxState(b, forged.path("id").asText())));
        assertEquals("received", mine(sent.getString("id")).getString("state"));

        // The coalesced progress Update reaches B once due (made due now rather than in five minutes).
        a.sql("UPDATE campaign_progress SET due_at = now() WHERE campaign_id = $1", campaignId);
        eventually("B's copy shows the new totals", () -> known(campaignUri)
                .map(c -> "25.50".equals(c.getString("raised")) && c.getLong("contributors") == 1).orElse(false));

        // A second pledge, withdrawn from B: released on A, and B is told.
        JsonObject second = b.ok(b.post("dalia", "/api/v1/federated-pledges", new JsonObject().put("campaign", campaignUri)
                .put("amount", "10").put("anonymous", true)));
        eventually("the second pledge is promised", () -> "promised".equals(mine(second.getString("id")).getString("state")));
        assertEquals(202, b.delete("dalia", "/api/v1/federated-pledges/" + second.getString("id")).statusCode());
        eventually("A released it and told B", () -> "released".equals(mine(second.getString("id")).getString("state")));
        assertTrue(pledgesOnA(campaignId).stream().anyMatch(p -> p.getString("state").equals("released")
                && p.getBoolean("anonymous")));
    }

    @Test
    void aPledgeThatBreaksTheRulesIsRejectedToItsSender() {
        long campaignId = a.ok(a.post("alice", "/api/v1/collectives/capucins/campaigns", campaign("Des bancs")))
                .getLong("id");
        a.ok(a.post("alice", "/api/v1/campaigns/" + campaignId + "/publish", new JsonObject()));
        String carl = other.actorId("carl");
        ObjectNode offer = JsonNodeFactory.instance.objectNode();
        offer.put("@context", "https://www.w3.org/ns/activitystreams");
        offer.put("id", carl + "/pledges/" + UUID.randomUUID());
        offer.put("type", "Offer");
        offer.put("actor", carl);
        offer.put("target", a.uri("/campaigns/" + campaignId));
        offer.putObject("object").put("type", "Pledge").put("amount", "12.345").put("currency", "EUR");
        assertEquals(202, other.post("carl", a.node.base() + "/inbox", offer));
        eventually("carl got a Reject naming the amount", () -> other.received().stream().anyMatch(x ->
                "Reject".equals(x.getString("type")) && offer.path("id").asText().equals(x.getString("object"))
                        && x.getString("summary", "").contains("amount")));
        assertEquals(0, pledgesOnA(campaignId).size(), "nothing is recorded");
    }

    // --- helpers --------------------------------------------------------------------------------

    private static JsonObject campaign(String title) {
        Instant now = Instant.now();
        return new JsonObject().put("title", title).put("description", "<p>Pour le quartier</p>")
                .put("goal", "1000.00").put("currency", "EUR")
                .put("starts_at", now.minus(Duration.ofMinutes(1)).toString())
                .put("ends_at", now.plus(Duration.ofDays(30)).toString())
                .put("rule", "keep_what_is_raised").put("tiers", new JsonArray());
    }

    private static Optional<JsonObject> known(String uri) {
        return b.getJson("dalia", "/api/v1/federated-campaigns").getJsonArray("items").stream()
                .map(JsonObject.class::cast).filter(c -> c.getString("uri").equals(uri)).findFirst();
    }

    private static List<JsonObject> pledgesOnA(long campaignId) {
        return a.getJson("alice", "/api/v1/campaigns/" + campaignId + "/pledges").getJsonArray("items").stream()
                .map(JsonObject.class::cast).toList();
    }

    private static JsonObject mine(String id) {
        return b.getJson("dalia", "/api/v1/federated-pledges").getJsonArray("items").stream()
                .map(JsonObject.class::cast).filter(p -> p.getString("id").equals(id)).findFirst().orElseThrow();
    }

    private static String inboxState(Api api, String activityUri) {
        var rows = api.sql("SELECT state FROM inbox_activities WHERE activity_uri = $1", activityUri);
        return rows.isEmpty() ? null : rows.get(0).getString("state");
    }

    private static ObjectNode forgedPledgeUpdate(String actor, String pledgeUri) {
        ObjectNode update = JsonNodeFactory.instance.objectNode();
        update.put("@context", "https://www.w3.org/ns/activitystreams");
        update.put("id", actor + "#update-" + UUID.randomUUID());
        update.put("type", "Update");
        update.put("actor", actor);
        update.putObject("object").put("id", pledgeUri).put("type", "Pledge").put("pledgeState", "refunded");
        return update;
    }

    private static ObjectNode undo(String actor, String offerId) {
        ObjectNode undo = JsonNodeFactory.instance.objectNode();
        undo.put("@context", "https://www.w3.org/ns/activitystreams");
        undo.put("id", actor + "#undo-" + UUID.randomUUID());
        undo.put("type", "Undo");
        undo.put("actor", actor);
        undo.put("object", offerId);
        return undo;
    }
}
