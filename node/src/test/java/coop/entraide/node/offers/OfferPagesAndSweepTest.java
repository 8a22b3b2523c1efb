package coop.entraide.node.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import coop.entraide.node.Uris;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Public pages, feeds and the context document; expiry and loan reminders driven by the database. */
class OfferPagesAndSweepTest {
    private static TestNode node;
    private static OfferApi api;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        api = new OfferApi(node);
        api.collective("capucins", "alice", "bruno");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String path(JsonObject offer) {
        return URI.create(offer.getString("uri")).getPath();
    }

    @Test
    void anOfferPageIsEscapedWithOpenGraphTags() {
        JsonObject offer = api.publish("alice", OfferApi.give("Lampe <script>alert(1)</script> & abat-jour")
                .put("description", "Une lampe \"vintage\" <img src=x onerror=alert(1)>"));
        HttpResponse<String> page = node.get(path(offer), "Accept", "text/html");
        assertEquals(200, page.statusCode());
        String html = page.body();
        assertTrue(html.startsWith("<!doctype html><html lang=\"fr\">"), html);
        assertTrue(html.contains("<meta property=\"og:title\" content=\"Don · Lampe &lt;script&gt;alert(1)&lt;/script&gt; &amp; abat-jour\">"), html);
        assertTrue(html.contains("<meta property=\"og:url\" content=\"" + offer.getString("uri") + "\">"), html);
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<img src=\"x\""), html);
        assertTrue(page.headers().firstValue("Content-Security-Policy").isPresent());
        assertEquals("Accept", page.headers().firstValue("Vary").orElse(""));
    }

    @Test
    void theSameIdIsAnActivityStreamsDocumentForServers() {
        JsonObject offer = api.publish("alice", OfferApi.lend("Tondeuse", 5));
        HttpResponse<String> r = node.get(path(offer), "Accept", "application/activity+json");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/activity+json"));
        JsonObject document = new JsonObject(r.body());
        assertEquals("Note", document.getString("type"));
        assertEquals(offer.getString("uri"), document.getString("id"));
        assertEquals("lend", document.getString("kind"));
        assertEquals("P5D", document.getString("loanPeriod"));
        assertEquals(node.base() + "/c/capucins", document.getString("audience"));
        assertEquals(List.of("https://www.w3.org/ns/activitystreams#Public"), document.getJsonArray("to").getList());
        assertEquals(200, node.get(path(offer), "Accept",
                "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"").statusCode());
        assertEquals(406, node.get(path(offer), "Accept", "image/png").statusCode());
        assertEquals(404, node.get("/offers/not-a-uuid").statusCode());
    }

    @Test
    void tagsFeedsAndTheContextDocument() {
        api.publish("alice", OfferApi.give("Graines de tomates").put("category", "garden"));
        assertTrue(node.get("/tags/garden").body().contains("Graines de tomates"));
        assertTrue(node.get("/tags/give").body().contains("Graines de tomates"));
        assertEquals(404, node.get("/tags/nothing").statusCode());

        HttpResponse<String> feed = node.get("/c/capucins/offers.atom");
        assertEquals(200, feed.statusCode());
        assertTrue(feed.headers().firstValue("Content-Type").orElse("").startsWith("application/atom+xml"));
        assertTrue(feed.body().contains("<title>Don · Graines de tomates</title>"), feed.body());
        assertTrue(feed.body().contains("<category term=\"garden\"/>"));
        assertEquals(404, node.get("/c/nobody/offers.atom").statusCode());

        HttpResponse<String> ns = node.get("/ns");
        assertEquals(200, ns.statusCode());
        assertTrue(ns.headers().firstValue("Content-Type").orElse("").startsWith("application/ld+json"));
        JsonObject context = new JsonObject(ns.body()).getJsonObject("@context");
        assertEquals("https://entraide.coop/ns#", context.getString("entraide"));
        assertEquals("https://entraide.coop/ns#kind", context.getString("kind"));
    }

    @Test
    void offersExpireAndLoansAreRemindedOnceEvenAcrossSweepers() {
        JsonObject soon = api.publish("alice", OfferApi.give("Cartons de déménagement").put("expires_in_days", 1));
        JsonObject loan = api.publish("alice", OfferApi.lend("Remorque", 3).put("expires_in_days", 1));
        JsonObject response = new JsonObject(api.post("bruno", "/api/v1/offers/" + loan.getString("id") + "/responses",
                new JsonObject()).body());
        api.post("alice", "/api/v1/offers/" + loan.getString("id") + "/responses/" + response.getString("id") + "/accept",
                new JsonObject());
        api.post("alice", "/api/v1/offers/" + loan.getString("id") + "/transitions", new JsonObject().put("to", "lent"));

        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(2).plusHours(12));
        OfferService future = new OfferService(node.node().context().pool(), later, new Uris(URI.create(node.base())),
                OfferPublications.NONE);
        OfferSweeper one = new OfferSweeper(node.node().context().vertx(), future, Duration.ofHours(24));
        OfferSweeper two = new OfferSweeper(node.node().context().vertx(), future, Duration.ofHours(24));
        int changed = node.await(io.vertx.core.Future.all(one.sweep(), two.sweep())
                .map(all -> all.<Integer>resultAt(0) + all.<Integer>resultAt(1)));
        assertTrue(changed >= 2, "expired and reminded: " + changed);
        assertEquals(0, node.await(one.sweep()), "nothing left to do");

        assertEquals("expired", new JsonObject(api.get("alice", "/api/v1/offers/" + soon.getString("id")).body())
                .getString("state"));
        JsonObject last = new JsonObject(api.get("alice", "/api/v1/offers/" + soon.getString("id") + "/transitions")
                .body()).getJsonArray("items").getJsonObject(1);
        assertEquals("expired", last.getString("to"));
        assertNull(last.getString("by"), "the node expired it");
        assertEquals("lent", new JsonObject(api.get("alice", "/api/v1/offers/" + loan.getString("id")).body())
                .getString("state"), "a lent offer does not expire");

        Offer stored = node.await(future.byUri(loan.getString("uri"))).orElseThrow();
        List<String> reminders = node.await(future.messages(stored.id())).stream()
                .filter(m -> m.kind().equals("loan_due_soon")).map(ExchangeRepository.Message::recipientUri).toList();
        assertEquals(List.of(node.base() + "/u/bruno"), reminders, "one reminder, to the borrower");
    }
}
