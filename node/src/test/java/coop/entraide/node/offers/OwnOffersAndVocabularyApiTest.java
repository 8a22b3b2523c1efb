package coop.entraide.node.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A member's own offers with the responses waiting on each, and the vocabulary forms are built from. */
class OwnOffersAndVocabularyApiTest {
    private static TestNode node;
    private static OfferApi api;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        api = new OfferApi(node);
        api.collective("capucins", "alice", "bruno", "chloe");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static JsonObject mine(String member, String query) {
        HttpResponse<String> r = api.get(member, "/api/v1/me/offers" + query);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static List<String> titles(JsonObject page) {
        List<String> titles = new ArrayList<>();
        page.getJsonArray("items").forEach(o -> titles.add(((JsonObject) o).getString("title")));
        return titles;
    }

    @Test
    void aMemberSeesOnlyTheirOwnOffersNewestFirstInEveryStateWithWaitingResponses() {
        JsonObject ladder = api.publish("chloe", OfferApi.give("Échelle"));
        JsonObject drill = api.publish("chloe", OfferApi.lend("Perceuse", 7));
        JsonObject chairs = api.publish("chloe", OfferApi.give("Chaises"));
        api.publish("bruno", OfferApi.give("Vélo"));
        assertEquals(201, api.post("alice", "/api/v1/offers/" + drill.getString("id") + "/responses",
                new JsonObject().put("message", "Pour samedi ?")).statusCode());
        assertEquals(201, api.post("bruno", "/api/v1/offers/" + drill.getString("id") + "/responses",
                new JsonObject()).statusCode());
        assertEquals(200, api.delete("chloe", "/api/v1/offers/" + chairs.getString("id")).statusCode());

        JsonObject all = mine("chloe", "");
        assertEquals(List.of("Chaises", "Perceuse", "Échelle"), titles(all), "withdrawn offers too, newest first");
        assertEquals("withdrawn", all.getJsonArray("items").getJsonObject(0).getString("state"));
        assertEquals(2, all.getJsonArray("items").getJsonObject(1).getInteger("pending_responses"));
        assertEquals(0, all.getJsonArray("items").getJsonObject(2).getInteger("pending_responses"));
        assertNull(all.getString("next_cursor"));

        JsonObject first = mine("chloe", "?limit=2");
        assertEquals(List.of("Chaises", "Perceuse"), titles(first));
        JsonObject second = mine("chloe", "?limit=2&cursor=" + first.getString("next_cursor"));
        assertEquals(List.of("Échelle"), titles(second));
        assertEquals(ladder.getString("id"), second.getJsonArray("items").getJsonObject(0).getString("id"));
        assertNull(second.getString("next_cursor"));

        assertEquals(List.of("Vélo"), titles(mine("bruno", "")));
        assertEquals(List.of(), titles(mine("alice", "")), "a response is not an offer");
    }

    @Test
    void wrongParametersAreFieldErrorsAndStrangersAreRefused() {
        HttpResponse<String> limit = api.get("alice", "/api/v1/me/offers?limit=0");
        assertEquals(422, limit.statusCode(), limit.body());
        assertEquals("limit", new JsonObject(limit.body()).getJsonArray("errors").getJsonObject(0).getString("field"));
        HttpResponse<String> cursor = api.get("alice", "/api/v1/me/offers?cursor=not-a-cursor");
        assertEquals(422, cursor.statusCode(), cursor.body());
        assertEquals("cursor", new JsonObject(cursor.body()).getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals(401, api.get(null, "/api/v1/me/offers").statusCode());
    }

    @Test
    void theVocabularyListsEveryKindCategoryAndConditionInBothLanguages() {
        HttpResponse<String> r = api.get(null, "/api/v1/offer-vocabulary");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject vocabulary = new JsonObject(r.body());
        JsonArray categories = vocabulary.getJsonArray("categories");
        assertEquals(coop.entraide.protocol.offers.Category.values().length, categories.size());
        JsonObject tools = categories.getJsonObject(0);
        assertEquals("tools", tools.getString("key"));
        assertEquals("Outils", tools.getJsonObject("label").getString("fr"));
        assertEquals("Tools", tools.getJsonObject("label").getString("en"));
        assertEquals(List.of("give", "lend", "swap", "sell", "service", "request"),
                vocabulary.getJsonArray("kinds").stream().map(k -> ((JsonObject) k).getString("key")).toList());
        assertTrue(vocabulary.getJsonArray("conditions").stream()
                .anyMatch(c -> "like_new".equals(((JsonObject) c).getString("key"))
                        && "Comme neuf".equals(((JsonObject) c).getJsonObject("label").getString("fr"))));
    }
}
