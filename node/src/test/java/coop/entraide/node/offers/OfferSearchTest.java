package coop.entraide.node.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Finding offers: French and English full text without accents, filters, distance, stable pages. */
class OfferSearchTest {
    private static TestNode node;
    private static OfferApi api;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        api = new OfferApi(node);
        api.collective("capucins", "alice");
        api.collective("croixrousse", "dalia");
        api.publish("alice", OfferApi.give("Vélo d'enfant bleu").put("category", "sport")
                .put("location", point(45.77, 4.83)));
        api.publish("alice", OfferApi.lend("Perceuses et visseuse", 7).put("description", "Deux perceuses sans fil")
                .put("location", point(45.76, 4.84)));
        api.publish("dalia", new JsonObject().put("kind", "sell").put("title", "Old bicycles for parts")
                .put("category", "sport").put("language", "en").put("price", new JsonObject().put("amount", "15"))
                .put("location", point(45.78, 4.82)));
        api.publish("dalia", OfferApi.give("Bibliothèque en chêne").put("category", "furniture")
                .put("location", point(48.85, 2.35)));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static JsonObject point(double lat, double lon) {
        return new JsonObject().put("neighbourhood", "Quartier").put("latitude", lat).put("longitude", lon);
    }

    private static JsonObject search(String query) {
        HttpResponse<String> r = api.get(null, "/api/v1/offers?" + query);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static List<String> titles(String query) {
        List<String> titles = new ArrayList<>();
        search(query).getJsonArray("items").forEach(o -> titles.add(((JsonObject) o).getString("title")));
        return titles;
    }

    private static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void accentsAreIgnored() {
        assertEquals(List.of("Vélo d'enfant bleu"), titles(q("velo")));
        assertEquals(List.of("Vélo d'enfant bleu"), titles(q("VÉLO")));
        assertEquals(List.of("Bibliothèque en chêne"), titles(q("bibliotheque chene")));
    }

    @Test
    void frenchAndEnglishWordsAreStemmed() {
        assertEquals(List.of("Perceuses et visseuse"), titles(q("perceuse")));
        assertEquals(List.of("Vélo d'enfant bleu"), titles(q("vélos")));
        assertEquals(List.of("Old bicycles for parts"), titles(q("bicycle")));
        assertTrue(titles(q("trombone")).isEmpty());
    }

    @Test
    void filtersCombine() {
        assertEquals(Set.of("Vélo d'enfant bleu", "Old bicycles for parts"), new HashSet<>(titles("category=sport")));
        assertEquals(List.of("Old bicycles for parts"), titles("category=sport&kind=sell"));
        assertEquals(List.of("Perceuses et visseuse"), titles("kind=lend,swap"));
        assertEquals(Set.of("Old bicycles for parts", "Bibliothèque en chêne"), new HashSet<>(titles("collective=croixrousse")));
        assertTrue(titles("collective=nowhere").isEmpty());
        assertTrue(titles("state=reserved").isEmpty());
        HttpResponse<String> bad = api.get(null, "/api/v1/offers?kind=auction&sort=random&limit=500&near=north");
        assertEquals(422, bad.statusCode());
        for (String field : List.of("kind", "sort", "limit", "near")) {
            assertTrue(bad.body().contains("\"field\":\"" + field + "\""), field + " in " + bad.body());
        }
    }

    @Test
    void nearestFirstWithinADistance() {
        JsonArray near = search("near=45.771,4.829&within_km=5&sort=nearest").getJsonArray("items");
        List<String> titles = new ArrayList<>();
        near.forEach(o -> titles.add(((JsonObject) o).getString("title")));
        assertEquals(List.of("Vélo d'enfant bleu", "Old bicycles for parts", "Perceuses et visseuse"), titles,
                "Paris is 400 km away");
        assertEquals(0.0, near.getJsonObject(0).getDouble("distance_km"));
        assertTrue(near.getJsonObject(2).getDouble("distance_km") > 1);
        assertEquals(422, api.get(null, "/api/v1/offers?sort=nearest").statusCode(), "nearest needs a point");
    }

    @Test
    void pagesStayStableWhileNewOffersArrive() {
        TestNode own = TestNode.start();
        try {
            OfferApi a = new OfferApi(own);
            a.collective("pentes", "eve");
            for (int i = 0; i < 7; i++) {
                a.publish("eve", OfferApi.give("Objet " + i));
            }
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                HttpResponse<String> r = a.get(null, "/api/v1/offers?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
                JsonObject page = new JsonObject(r.body());
                page.getJsonArray("items").forEach(o -> seen.add(((JsonObject) o).getString("title")));
                cursor = page.getString("next_cursor");
                if (pages++ == 0) {
                    a.publish("eve", OfferApi.give("Arrivé entre deux pages"));
                }
            } while (cursor != null);
            assertEquals(List.of("Objet 6", "Objet 5", "Objet 4", "Objet 3", "Objet 2", "Objet 1", "Objet 0"), seen);
            assertEquals(422, a.get(null, "/api/v1/offers?cursor=garbage").statusCode());
        } finally {
            own.close();
        }
    }

    @Test
    void lastPageHasNoCursor() {
        assertNull(search("limit=50").getString("next_cursor"));
    }
}
