package coop.entraide.node.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad offers are refused with a problem naming each wrong field. */
class OfferValidationTest {
    private static TestNode node;
    private static OfferApi api;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        api = new OfferApi(node);
        api.collective("capucins", "alice");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static Map<String, String> errors(JsonObject offer) {
        HttpResponse<String> r = api.post("alice", "/api/v1/offers", offer);
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonArray list = new JsonObject(r.body()).getJsonArray("errors");
        Map<String, String> byField = new HashMap<>();
        list.forEach(e -> byField.put(((JsonObject) e).getString("field"), ((JsonObject) e).getString("message")));
        return byField;
    }

    @Test
    void namesEveryWrongField() {
        Map<String, String> e = errors(new JsonObject().put("kind", "auction").put("title", "")
                .put("category", "cars").put("visibility", "everyone").put("language", "de")
                .put("location", new JsonObject().put("latitude", 95).put("longitude", "east"))
                .put("available_from", "demain").put("expires_in_days", 0));
        for (String field : new String[] {"kind", "title", "category", "visibility", "language", "location.latitude",
                "location.longitude", "available_from", "expires_in_days"}) {
            assertTrue(e.containsKey(field), field + " missing from " + e);
        }
    }

    @Test
    void moneyIsExact() {
        JsonObject sale = new JsonObject().put("kind", "sell").put("title", "Vélo").put("category", "sport");
        assertTrue(errors(sale.copy()).containsKey("price"));
        assertTrue(errors(sale.copy().put("price", new JsonObject().put("amount", 12.5))).containsKey("price.amount"),
                "a binary floating point number is refused");
        assertTrue(errors(sale.copy().put("price", new JsonObject().put("amount", "12.505"))).containsKey("price.amount"));
        assertTrue(errors(sale.copy().put("price", new JsonObject().put("amount", "12").put("currency", "XXQ")))
                .containsKey("price.currency"));
        JsonObject ok = api.publish("alice", sale.copy().put("price", new JsonObject().put("amount", "12.5")));
        assertEquals(new JsonObject().put("amount", "12.50").put("currency", "EUR"), ok.getJsonObject("price"));
        assertTrue(errors(OfferApi.give("Don").put("price", new JsonObject().put("amount", "1"))).containsKey("price"));
        assertTrue(errors(OfferApi.give("Don").put("loan_period_days", 7)).containsKey("loan_period_days"));
    }

    @Test
    void photosNeedAltTextAndAnUpload() {
        Map<String, String> e = errors(OfferApi.give("Chaise").put("photos", new JsonArray()
                .add(new JsonObject().put("media_id", "7d8a4a80-9a51-4b3e-9e39-5a0f1a2b3c4d"))
                .add(new JsonObject().put("media_id", "nope").put("alt", "une chaise"))));
        assertTrue(e.containsKey("photos[0].alt"), e.toString());
        assertTrue(e.containsKey("photos[1].media_id"), e.toString());
        Map<String, String> unknown = errors(OfferApi.give("Chaise").put("photos", new JsonArray()
                .add(new JsonObject().put("media_id", "7d8a4a80-9a51-4b3e-9e39-5a0f1a2b3c4d").put("alt", "une chaise"))));
        assertTrue(unknown.containsKey("photos[0].media_id"), unknown.toString());
    }

    @Test
    void aPreciseLocationIsRoundedBeforeItIsStored() {
        JsonObject offer = api.publish("alice", OfferApi.give("Pommes").put("location", new JsonObject()
                .put("neighbourhood", "Capucins").put("latitude", 45.771234).put("longitude", 4.830187)));
        assertEquals(45.77, offer.getJsonObject("location").getDouble("latitude"));
        assertEquals(4.83, offer.getJsonObject("location").getDouble("longitude"));
    }

    @Test
    void anonymousCallersCannotPublish() {
        HttpResponse<String> r = api.post(null, "/api/v1/offers", OfferApi.give("x"));
        assertEquals(401, r.statusCode());
    }
}
