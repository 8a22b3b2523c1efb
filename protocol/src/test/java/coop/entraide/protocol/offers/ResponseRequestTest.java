package coop.entraide.protocol.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.protocol.as.AsJson;
import org.junit.jupiter.api.Test;

class ResponseRequestTest {
    @Test
    void roundTrip() {
        ResponseRequest request = new ResponseRequest("https://b.example/activities/1", "https://b.example/u/dalia",
                "https://a.example/offers/1", "https://a.example/u/alice", "Bonjour, je peux passer samedi <b>?</b>");
        ObjectNode json = request.toAs();
        assertEquals("https://a.example/offers/1#primary", json.at("/object/stipulates/satisfies").textValue());
        assertEquals("Offer", json.get("type").textValue());
        assertEquals(request, ResponseRequest.parse(AsJson.read(AsJson.toString(json)).orElseThrow()).orElseThrow());
    }

    @Test
    void readsTheFep0837OfferShape() {
        String text = """
                {"type":"Offer","id":"https://social.example/objects/fc4af0d2/offer","actor":"https://social.example/users/bob",
                 "object":{"type":"Agreement",
                   "stipulates":{"type":"Commitment","satisfies":"https://market.example/proposals/ddde9d6f#primary",
                     "resourceQuantity":{"hasUnit":"one","hasNumericalValue":"1"}}},
                 "to":"https://market.example/users/alice"}""";
        ResponseRequest r = ResponseRequest.parse(AsJson.read(text).orElseThrow()).orElseThrow();
        assertEquals("https://market.example/proposals/ddde9d6f", r.proposal());
        assertEquals("https://social.example/users/bob", r.actor());
    }

    @Test
    void refusesOtherShapes() {
        assertFalse(ResponseRequest.parse(AsJson.read("{\"type\":\"Like\"}").orElseThrow()).isOk());
        assertFalse(ResponseRequest.parse(AsJson.read(
                "{\"type\":\"Offer\",\"id\":\"x\",\"actor\":\"y\",\"object\":{\"type\":\"Note\"}}").orElseThrow()).isOk());
        assertFalse(ResponseRequest.parse(AsJson.read(
                "{\"type\":\"Offer\",\"id\":\"x\",\"actor\":\"y\",\"object\":{\"type\":\"Agreement\",\"stipulates\":{\"satisfies\":\"https://a/1\"}}}")
                .orElseThrow()).isOk());
    }
}
