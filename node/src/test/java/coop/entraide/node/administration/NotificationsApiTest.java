package coop.entraide.node.administration;

import static coop.entraide.node.administration.StaffApi.fieldsInError;
import static coop.entraide.node.administration.StaffApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Members' notifications, written with the events they announce (an offer's response and its
 * acceptance, a pledge received), read and marked read over HTTP on a real node.
 */
class NotificationsApiTest {
    @RegisterExtension
    static final StaffApi api = StaffApi.start();

    private static long unread(String who) {
        return json(200, api.get(who, "/api/v1/notifications/unread-count")).getLong("unread");
    }

    private static JsonArray items(String who) {
        return json(200, api.get(who, "/api/v1/notifications")).getJsonArray("items");
    }

    @Test
    void notificationsAreForSignedInMembersAndTheirOwnOnly() {
        assertEquals(401, api.get(null, "/api/v1/notifications").statusCode());
        assertEquals(401, api.get(null, "/api/v1/notifications/unread-count").statusCode());
        assertEquals(401, api.post(null, "/api/v1/notifications/read", null).statusCode());
        assertEquals(List.of("limit"), fieldsInError(api.get("chloe", "/api/v1/notifications?limit=1000")));
        assertEquals(List.of("up_to"), fieldsInError(api.post("chloe", "/api/v1/notifications/read",
                new JsonObject().put("up_to", "all"))));
        assertEquals(404, api.post("chloe", "/api/v1/notifications/999999/read", null).statusCode());
    }

    @Test
    void theAuthorIsToldOfAResponseAndTheResponderOfTheAcceptance() {
        long authorBefore = unread("chloe");
        JsonObject offer = json(201, api.post("chloe", "/api/v1/offers", new JsonObject().put("kind", "give")
                .put("title", "Confiture de coings").put("category", "other")));
        String path = "/api/v1/offers/" + offer.getString("id");
        JsonObject response = json(201, api.post("bruno", path + "/responses", new JsonObject().put("message", "Avec plaisir")));
        assertEquals(authorBefore + 1, unread("chloe"));
        JsonObject told = items("chloe").getJsonObject(0);
        assertEquals("response_received", told.getString("kind"));
        assertEquals("Confiture de coings", told.getJsonObject("data").getString("title"));
        assertEquals(offer.getString("id"), told.getJsonObject("data").getString("offer_id"));
        assertFalse(told.getBoolean("read"));

        long responderBefore = unread("bruno");
        json(200, api.post("chloe", path + "/responses/" + response.getString("id") + "/accept", new JsonObject()));
        assertEquals(responderBefore + 1, unread("bruno"));
        assertEquals("response_accepted", items("bruno").getJsonObject(0).getString("kind"));

        long id = told.getLong("id");
        assertEquals(404, api.post("bruno", "/api/v1/notifications/" + id + "/read", null).statusCode(), "not bruno's");
        assertEquals(204, api.post("chloe", "/api/v1/notifications/" + id + "/read", null).statusCode());
        assertTrue(items("chloe").getJsonObject(0).getBoolean("read"));
        assertEquals(authorBefore, unread("chloe"));
    }

    @Test
    void aMemberIsToldWhenTheirPledgeIsReceived() {
        Instant now = Instant.now();
        JsonObject campaign = json(201, api.post("alice", "/api/v1/collectives/capucins/campaigns", new JsonObject()
                .put("title", "Un four à pain").put("description", "<p>Pour le quartier</p>").put("goal", "1000.00")
                .put("currency", "EUR").put("starts_at", now.minus(Duration.ofMinutes(1)).toString())
                .put("ends_at", now.plus(Duration.ofDays(30)).toString()).put("rule", "keep_what_is_raised")
                .put("tiers", new JsonArray())));
        long id = campaign.getLong("id");
        json(200, api.post("alice", "/api/v1/campaigns/" + id + "/publish", null));
        JsonObject pledge = json(201, api.post("bruno", "/api/v1/campaigns/" + id + "/pledges",
                new JsonObject().put("amount", "25").put("tip", "0")));
        long before = unread("bruno");
        long pledgeId = pledge.containsKey("pledge") ? pledge.getJsonObject("pledge").getLong("id") : pledge.getLong("id");
        json(200, api.post("alice", "/api/v1/pledges/" + pledgeId + "/receive", new JsonObject().put("method", "cash")));
        assertEquals(before + 1, unread("bruno"));
        JsonObject told = items("bruno").getJsonObject(0);
        assertEquals("pledge_received", told.getString("kind"));
        assertEquals("Un four à pain", told.getJsonObject("data").getString("title"));
        assertEquals("25.00", told.getJsonObject("data").getString("amount"));
    }

    @Test
    void markingAllReadStopsAtTheGivenId() {
        api.member("nina", coop.entraide.node.identity.Role.MODERATOR);
        for (int i = 0; i < 3; i++) {
            json(201, api.post("chloe", "/api/v1/reports", new JsonObject().put("account", "bruno").put("comment", "n" + i)));
        }
        JsonArray all = items("nina");
        assertEquals(3, all.size());
        assertEquals("report_opened", all.getJsonObject(0).getString("kind"));
        long middle = all.getJsonObject(1).getLong("id");
        JsonObject marked = json(200, api.post("nina", "/api/v1/notifications/read", new JsonObject().put("up_to", middle)));
        assertEquals(2, marked.getInteger("marked"));
        assertEquals(1, marked.getLong("unread"));
        assertEquals(1, json(200, api.get("nina", "/api/v1/notifications?limit=1&before=" + all.getJsonObject(0).getLong("id")))
                .getJsonArray("items").size());
        assertEquals(0, json(200, api.post("nina", "/api/v1/notifications/read", null)).getLong("unread"));
    }
}
