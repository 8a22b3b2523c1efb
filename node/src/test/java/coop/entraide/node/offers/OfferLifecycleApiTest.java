package coop.entraide.node.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

/** Publishing, answering and following an offer to its end over HTTP; what makes no sense is a 409. */
class OfferLifecycleApiTest {
    private static TestNode node;
    private static OfferApi api;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        api = new OfferApi(node);
        api.collective("capucins", "alice", "bruno", "chloe");
        api.collective("croixrousse", "dalia");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String path(JsonObject offer) {
        return "/api/v1/offers/" + offer.getString("id");
    }

    private static HttpResponse<String> move(String member, JsonObject offer, String to) {
        return api.post(member, path(offer) + "/transitions", new JsonObject().put("to", to));
    }

    private static JsonObject current(JsonObject offer) {
        return new JsonObject(api.get("alice", path(offer)).body());
    }

    private static int historyLength(JsonObject offer) {
        return new JsonObject(api.get("alice", path(offer) + "/transitions").body()).getJsonArray("items").size();
    }

    private static JsonObject respond(String member, JsonObject offer, String message) {
        HttpResponse<String> r = api.post(member, path(offer) + "/responses", new JsonObject().put("message", message));
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    @Test
    void aLoanFromResponseToReturn() {
        JsonObject offer = api.publish("alice", OfferApi.lend("Perceuse à percussion", 7));
        assertEquals("available", offer.getString("state"));
        assertEquals("20.00", offer.getJsonObject("deposit").getString("amount"));
        JsonObject fromBruno = respond("bruno", offer, "Je peux passer samedi");
        JsonObject fromChloe = respond("chloe", offer, "Moi aussi !");
        assertEquals(409, api.post("bruno", path(offer) + "/responses", new JsonObject()).statusCode(),
                "one open response per person");
        assertEquals(403, api.post("bruno", path(offer) + "/responses/" + fromChloe.getString("id") + "/accept",
                new JsonObject()).statusCode(), "only the author accepts");

        HttpResponse<String> accepted = api.post("alice", path(offer) + "/responses/" + fromBruno.getString("id")
                + "/accept", new JsonObject());
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertEquals("reserved", new JsonObject(accepted.body()).getString("state"));
        JsonArray responses = new JsonObject(api.get("alice", path(offer) + "/responses").body()).getJsonArray("items");
        assertEquals("accepted", responses.getJsonObject(0).getString("state"));
        assertEquals("declined", responses.getJsonObject(1).getString("state"), "the others are told politely");
        assertEquals(1, new JsonObject(api.get("chloe", path(offer) + "/responses").body()).getJsonArray("items").size(),
                "a responder sees only their own response");

        assertEquals(409, api.post("alice", path(offer) + "/responses/" + fromChloe.getString("id") + "/accept",
                new JsonObject()).statusCode(), "accepting a second response");
        assertEquals(409, move("alice", offer, "given").statusCode(), "a loan is not given");

        HttpResponse<String> lent = move("alice", offer, "lent");
        assertEquals(200, lent.statusCode(), lent.body());
        JsonObject loan = new JsonObject(lent.body()).getJsonObject("loan");
        assertNotNull(loan.getString("due_at"));
        assertTrue(loan.getString("borrower").endsWith("/u/bruno"));
        assertEquals(409, move("alice", offer, "withdrawn").statusCode(), "a loan that is out is not withdrawn");

        assertEquals(200, api.post("alice", path(offer) + "/return", new JsonObject()).statusCode());
        assertEquals(200, move("alice", offer, "closed").statusCode());

        assertEquals(201, api.post("bruno", path(offer) + "/feedback",
                new JsonObject().put("text", "Merci Alice, perceuse au top")).statusCode());
        assertEquals(409, api.post("bruno", path(offer) + "/feedback", new JsonObject().put("text", "encore")).statusCode());
        assertEquals(403, api.post("chloe", path(offer) + "/feedback", new JsonObject().put("text", "?")).statusCode());
        JsonArray aboutAlice = new JsonObject(api.get(null, "/api/v1/members/alice/feedback").body()).getJsonArray("items");
        assertEquals("Merci Alice, perceuse au top", aboutAlice.getJsonObject(0).getString("text"));

        List<String> states = new ArrayList<>();
        new JsonObject(api.get("alice", path(offer) + "/transitions").body()).getJsonArray("items")
                .forEach(t -> states.add(((JsonObject) t).getString("to")));
        assertEquals(List.of("available", "reserved", "lent", "returned", "closed"), states);
    }

    @Test
    void everyInvalidMoveIsAConflictAndChangesNothing() {
        JsonObject offer = api.publish("alice", OfferApi.give("Livres pour enfants"));
        for (String to : List.of("reserved", "lent", "returned", "given", "sold", "closed", "expired", "available")) {
            HttpResponse<String> r = move("alice", offer, to);
            assertEquals(409, r.statusCode(), to + ": " + r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        }
        assertEquals("available", current(offer).getString("state"));
        assertEquals(1, historyLength(offer));

        JsonObject r = respond("bruno", offer, "");
        api.post("alice", path(offer) + "/responses/" + r.getString("id") + "/accept", new JsonObject());
        for (String to : List.of("lent", "returned", "swapped", "sold", "done", "closed", "expired", "reserved")) {
            assertEquals(409, move("alice", offer, to).statusCode(), to);
        }
        assertEquals("reserved", current(offer).getString("state"));
        assertEquals(200, move("alice", offer, "given").statusCode());
        for (String to : List.of("returned", "available", "lent", "given", "reserved")) {
            assertEquals(409, move("alice", offer, to).statusCode(), to);
        }
        assertEquals(200, move("alice", offer, "closed").statusCode());
        for (String to : List.of("available", "withdrawn", "closed", "given")) {
            assertEquals(409, move("alice", offer, to).statusCode(), "closed is final: " + to);
        }
        assertEquals(4, historyLength(offer));
        assertEquals(403, move("bruno", offer, "withdrawn").statusCode(), "only the author moves an offer");
        assertEquals(422, move("alice", offer, "lost").statusCode());
    }

    @Test
    void releasingAReservationMakesItAvailableAgain() {
        JsonObject offer = api.publish("alice", OfferApi.give("Table"));
        JsonObject r = respond("bruno", offer, "");
        api.post("alice", path(offer) + "/responses/" + r.getString("id") + "/accept", new JsonObject());
        assertEquals(200, move("alice", offer, "available").statusCode());
        JsonArray responses = new JsonObject(api.get("alice", path(offer) + "/responses").body()).getJsonArray("items");
        assertEquals("cancelled", responses.getJsonObject(0).getString("state"));
        respond("chloe", offer, "Toujours dispo ?");
    }

    @Test
    void withdrawingDeclinesWhoWasWaiting() {
        JsonObject offer = api.publish("alice", OfferApi.give("Vélo enfant"));
        respond("bruno", offer, "");
        HttpResponse<String> withdrawn = api.delete("alice", path(offer));
        assertEquals(200, withdrawn.statusCode(), withdrawn.body());
        assertEquals("withdrawn", new JsonObject(withdrawn.body()).getString("state"));
        assertEquals("declined", new JsonObject(api.get("bruno", path(offer) + "/responses").body())
                .getJsonArray("items").getJsonObject(0).getString("state"));
        assertEquals(409, api.post("chloe", path(offer) + "/responses", new JsonObject()).statusCode());
    }

    @Test
    void nobodyRespondsToTheirOwnOffer() {
        JsonObject offer = api.publish("alice", OfferApi.give("Plantes"));
        assertEquals(409, api.post("alice", path(offer) + "/responses", new JsonObject()).statusCode());
    }

    @Test
    void membersOnlyOffersStayInTheCollective() {
        JsonObject offer = api.publish("alice", OfferApi.give("Confiture maison").put("visibility", "members"));
        assertEquals(200, api.get("bruno", path(offer)).statusCode());
        assertEquals(404, api.get("dalia", path(offer)).statusCode());
        assertEquals(404, api.get(null, path(offer)).statusCode());
        assertEquals(404, node.get("/offers/" + offer.getString("id")).statusCode());
    }

    @Test
    void editingKeepsTheRestAndOnlyWhileAvailable() {
        JsonObject offer = api.publish("alice", OfferApi.lend("Escabeau", 3));
        HttpResponse<String> edited = api.patch("alice", path(offer), new JsonObject().put("title", "Escabeau 5 marches"));
        assertEquals(200, edited.statusCode(), edited.body());
        JsonObject after = new JsonObject(edited.body());
        assertEquals("Escabeau 5 marches", after.getString("title"));
        assertEquals(3, after.getInteger("loan_period_days"));
        assertEquals(422, api.patch("alice", path(offer), new JsonObject().put("kind", "give")).statusCode());
        assertEquals(403, api.patch("bruno", path(offer), new JsonObject().put("title", "x")).statusCode());
        JsonObject r = respond("bruno", offer, "");
        api.post("alice", path(offer) + "/responses/" + r.getString("id") + "/accept", new JsonObject());
        assertEquals(409, api.patch("alice", path(offer), new JsonObject().put("title", "y")).statusCode());
    }
}
