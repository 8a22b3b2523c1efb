package coop.entraide.protocol.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.protocol.as.Addressing;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.AsJson;
import coop.entraide.protocol.as.Entraide;
import coop.entraide.protocol.as.Parsed;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** An offer's ActivityStreams form: exact for Entraide nodes, readable for microblogging servers. */
class OfferDocumentsTest {
    static final String BASE = "https://voisins.example";
    static final String ID = BASE + "/offers/5f0c1b5e-1d7a-4b8e-9a51-0a4f7d1c2b3e";

    static FederatedOffer drill() {
        return new FederatedOffer(ID, ID, BASE + "/u/alice", BASE + "/c/capucins", OfferKind.LEND,
                OfferState.AVAILABLE, "Perceuse à percussion", "Prête **avec** mèches.\n\n- béton\n- bois", "fr",
                Category.TOOLS, Condition.GOOD, null, new Money(new BigDecimal("20.00"), "EUR"), Period.ofDays(14),
                CoarseLocation.rounded("Capucins", 45.7712, 4.8301), Instant.parse("2025-05-01T08:00:00Z"),
                Instant.parse("2025-06-30T18:00:00Z"),
                Addressing.of(List.of(As.PUBLIC), List.of(BASE + "/c/capucins/followers")),
                Instant.parse("2025-04-30T10:15:30Z"), null,
                List.of(new OfferPhoto(BASE + "/media/ab12.jpg", "image/jpeg", "Une perceuse verte sur un établi",
                        "LEHV6nWB2yk8pyo0adR*.7kCMdnj", 1200, 800)));
    }

    static FederatedOffer bike() {
        return new FederatedOffer(ID, ID, BASE + "/u/alice", BASE + "/c/capucins", OfferKind.SELL,
                OfferState.RESERVED, "Vélo de ville", "Un vélo bleu.", "fr", Category.SPORT, Condition.FAIR,
                new Money(new BigDecimal("35.50"), "EUR"), null, null, null, null, null,
                Addressing.of(List.of(BASE + "/c/capucins/followers"), List.of()),
                Instant.parse("2025-04-30T10:15:30Z"), Instant.parse("2025-05-02T09:00:00Z"), List.of());
    }

    static String tag(String name) {
        return BASE + "/tags/" + name;
    }

    static JsonNode load(String name) {
        try (InputStream in = OfferDocumentsTest.class.getResourceAsStream("/offers/" + name)) {
            return AsJson.read(in.readAllBytes()).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void roundTripIsExact() {
        for (FederatedOffer offer : List.of(drill(), bike())) {
            ObjectNode document = OfferDocuments.toAs(offer, OfferDocumentsTest::tag);
            // Through text, as another node receives it.
            JsonNode received = AsJson.read(AsJson.toString(document)).orElseThrow();
            assertEquals(offer, OfferDocuments.parse(received).orElseThrow());
        }
    }

    @Test
    void isAPlainNoteWithFep0837Terms() {
        ObjectNode d = OfferDocuments.toAs(drill(), OfferDocumentsTest::tag);
        assertEquals("Note", d.get("type").textValue(), "Pleroma and GoToSocial need a single Note type");
        assertEquals("offer", d.get("purpose").textValue());
        assertEquals("transfer", d.at("/publishes/action").textValue());
        assertEquals(ID + "#primary", d.at("/publishes/id").textValue());
        assertEquals("one", d.at("/publishes/resourceQuantity/hasUnit").textValue());
        assertEquals("1", d.at("/publishes/resourceQuantity/hasNumericalValue").textValue());
        assertFalse(d.get("unitBased").booleanValue());
        assertEquals("lend", d.get("kind").textValue());
        assertEquals("P14D", d.get("loanPeriod").textValue());
        assertEquals("20.00", d.at("/deposit/hasNumericalValue").textValue());
        assertEquals("EUR", d.at("/deposit/currency").textValue());
        assertEquals(1000, d.get("locationPrecision").intValue());
        assertEquals(45.77, d.at("/location/latitude").doubleValue());
        assertEquals(4.83, d.at("/location/longitude").doubleValue());
        assertEquals(BASE + "/c/capucins", d.get("audience").textValue());
        assertNull(d.get("reciprocal"), "a loan asks nothing back");
    }

    @Test
    void declaresEveryExtensionTermInline() {
        ObjectNode d = OfferDocuments.toAs(drill(), OfferDocumentsTest::tag);
        ArrayNode context = (ArrayNode) d.get("@context");
        assertEquals(As.CONTEXT, context.get(0).textValue());
        JsonNode terms = context.get(context.size() - 1);
        assertEquals(Entraide.NS + "kind", terms.get("kind").textValue());
        assertEquals(Entraide.NS + "state", terms.get("state").textValue());
        assertEquals(Entraide.NS + "currency", terms.get("currency").textValue());
        assertEquals(Entraide.NS + "loanPeriod", terms.at("/loanPeriod/@id").textValue());
        assertEquals("https://w3id.org/valueflows/ont/vf#publishes", terms.get("publishes").textValue());
        assertEquals("http://www.ontology-of-units-of-measure.org/resource/om-2/hasNumericalValue",
                terms.get("hasNumericalValue").textValue());
        assertEquals("http://joinmastodon.org/ns#blurhash", terms.get("blurhash").textValue());
        // Every context entry is a string a consumer knows or an inline object: nothing to fetch.
        context.forEach(c -> assertTrue(c.isObject() || c.textValue().startsWith("https://www.w3.org/")));
    }

    @Test
    void saleCarriesAnExactPriceInTheReciprocalIntent() {
        ObjectNode d = OfferDocuments.toAs(bike(), OfferDocumentsTest::tag);
        assertEquals(ID + "#reciprocal", d.at("/reciprocal/id").textValue());
        assertEquals("35.50", d.at("/reciprocal/resourceQuantity/hasNumericalValue").textValue());
        assertTrue(d.at("/reciprocal/resourceQuantity/hasNumericalValue").isTextual(), "never a binary float");
        assertEquals("EUR", d.at("/reciprocal/currency").textValue());
        assertEquals("https://www.wikidata.org/wiki/Q4916", d.at("/reciprocal/resourceConformsTo").textValue());
        assertEquals("reserved", d.get("state").textValue());
    }

    @Test
    void rendersOfferForMastodon() {
        ObjectNode d = OfferDocuments.toAs(drill(), OfferDocumentsTest::tag);
        String content = d.get("content").textValue();
        assertTrue(content.startsWith("<p><strong>Prêt · Perceuse à percussion</strong></p>"), content);
        assertTrue(content.contains("<strong>avec</strong>"), content);
        assertTrue(content.contains("<ul><li>béton</li><li>bois</li></ul>"), content);
        assertTrue(content.contains("Prêt de 14 jours · Caution : 20.00 EUR · Catégorie : Outils"), content);
        assertTrue(content.contains("Quartier : Capucins"), content);
        assertTrue(content.contains("<a href=\"" + ID + "\""), content);
        assertTrue(content.contains("<a href=\"" + BASE + "/tags/lend\" class=\"mention hashtag\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">#<span>lend</span></a>"),
                content);
        assertEquals(content, d.at("/contentMap/fr").textValue());
        assertTrue(d.get("summary") == null, "a summary would become a content warning on Mastodon");
        assertEquals(As.PUBLIC, d.get("to").get(0).textValue());
        JsonNode photo = d.get("attachment").get(0);
        assertEquals("Document", photo.get("type").textValue());
        assertEquals("image/jpeg", photo.get("mediaType").textValue());
        assertEquals("Une perceuse verte sur un établi", photo.get("name").textValue(), "Mastodon's alt text");
        assertEquals("LEHV6nWB2yk8pyo0adR*.7kCMdnj", photo.get("blurhash").textValue());
        List<String> hashtags = new java.util.ArrayList<>();
        d.get("tag").forEach(t -> {
            assertEquals("Hashtag", t.get("type").textValue());
            hashtags.add(t.get("name").textValue());
        });
        assertEquals(List.of("#lend", "#tools"), hashtags);
        assertEquals(ID, d.get("url").textValue());
    }

    @Test
    void saleTextShowsThePriceInEnglishToo() {
        FederatedOffer english = new FederatedOffer(ID, ID, BASE + "/u/alice", null, OfferKind.SELL,
                OfferState.AVAILABLE, "City bike", "", "en", Category.SPORT, null,
                new Money(new BigDecimal("35.50"), "EUR"), null, null, null, null, null,
                Addressing.of(List.of(As.PUBLIC), List.of()), Instant.parse("2025-04-30T10:15:30Z"), null, List.of());
        String content = OfferDocuments.toAs(english, OfferDocumentsTest::tag).get("content").textValue();
        assertTrue(content.contains("<strong>Sell · City bike</strong>"), content);
        assertTrue(content.contains("Price: 35.50 EUR · Category: Sport"), content);
    }

    @Test
    void readsTheFep0837Example() {
        FederatedOffer offer = OfferDocuments.parse(load("fep-0837-proposal.json")).orElseThrow();
        assertEquals(OfferKind.SELL, offer.kind(), "a reciprocal money Intent makes a sale");
        assertEquals(new Money(new BigDecimal("30.00"), "USD"), offer.price());
        assertEquals("Offering used bike", offer.title());
        assertEquals("https://market.example/users/alice", offer.author());
        assertEquals(25.0, offer.location().latitude());
        assertEquals(-71.0, offer.location().longitude());
        assertEquals(OfferState.AVAILABLE, offer.state());
        assertEquals(Category.OTHER, offer.category());
        assertEquals("Blue one-speed bike, 15 years old, some rust", offer.description());
    }

    @Test
    void roundsAPreciseRemotePointToTheGrid() {
        ObjectNode d = OfferDocuments.toAs(drill(), OfferDocumentsTest::tag);
        ((ObjectNode) d.get("location")).put("latitude", 45.771234).put("longitude", 4.830187);
        FederatedOffer offer = OfferDocuments.parse(d).orElseThrow();
        assertEquals(45.77, offer.location().latitude());
        assertEquals(4.83, offer.location().longitude());
    }

    @Test
    void refusesWhatCannotBeAnOffer() {
        assertRefused(d -> d.put("attributedTo", "https://elsewhere.example/u/mallory"), "different servers");
        assertRefused(d -> d.put("purpose", "request"), "contradicts");
        assertRefused(d -> d.put("purpose", "gift"), "purpose");
        assertRefused(d -> d.remove("publishes"), "publishes");
        assertRefused(d -> ((ObjectNode) d.get("publishes")).put("action", "steal"), "publishes.action");
        assertRefused(d -> d.put("kind", "auction"), "kind");
        assertRefused(d -> d.put("state", "lost"), "state");
        assertRefused(d -> d.put("loanPeriod", "P2Y"), "loanPeriod");
        assertRefused(d -> d.put("loanPeriod", "two weeks"), "loanPeriod");
        assertRefused(d -> ((ObjectNode) d.get("deposit")).put("hasNumericalValue", "20.001"), "deposit");
        assertRefused(d -> ((ObjectNode) d.get("deposit")).put("hasNumericalValue", 20.5), "expected a string");
        assertRefused(d -> ((ObjectNode) d.get("deposit")).put("currency", "EURO"), "currency");
        assertRefused(d -> d.put("name", " "), "name");
        assertRefused(d -> d.put("type", "Article"), "type");
        assertRefused(d -> ((ObjectNode) d.get("location")).put("latitude", 123.0), "location");
        assertRefused(d -> ((ObjectNode) d.get("location")).put("latitude", "north"), "location");
        assertRefused(d -> d.put("startTime", "tomorrow"), "startTime");
        assertRefused(d -> d.set("attachment", d.numberNode(3)), "attachment");
    }

    @Test
    void refusesASaleWithoutAnExactPrice() {
        ObjectNode d = OfferDocuments.toAs(bike(), OfferDocumentsTest::tag);
        ((ObjectNode) d.at("/reciprocal/resourceQuantity")).put("hasNumericalValue", "1e3");
        assertTrue(OfferDocuments.parse(d).failure().orElseThrow().contains("reciprocal"));
        ObjectNode missing = OfferDocuments.toAs(bike(), OfferDocumentsTest::tag);
        missing.remove("reciprocal");
        assertTrue(OfferDocuments.parse(missing).failure().orElseThrow().contains("reciprocal"));
    }

    @Test
    void garbageIsAValueNotAnException() {
        for (String text : List.of("[]", "42", "{}", "{\"id\":\"https://a.example/1\",\"type\":\"Note\"}",
                "{\"id\":\"https://a.example/1\",\"type\":[\"Note\",\"Proposal\"],\"attributedTo\":{\"id\":7}}")) {
            Parsed<FederatedOffer> parsed = OfferDocuments.parse(AsJson.read(text).orElseThrow());
            assertFalse(parsed.isOk(), text);
        }
    }

    @Test
    void recognisesOffersAmongOtherNotes() {
        assertTrue(OfferDocuments.looksLikeOffer(OfferDocuments.toAs(bike(), OfferDocumentsTest::tag)));
        assertTrue(OfferDocuments.looksLikeOffer(load("fep-0837-proposal.json")));
        assertFalse(OfferDocuments.looksLikeOffer(AsJson.read(
                "{\"id\":\"https://m.example/1\",\"type\":\"Note\",\"content\":\"hi\"}").orElseThrow()));
    }

    private static void assertRefused(Consumer<ObjectNode> change, String expected) {
        ObjectNode d = OfferDocuments.toAs(drill(), OfferDocumentsTest::tag);
        change.accept(d);
        Parsed<FederatedOffer> parsed = OfferDocuments.parse(d);
        assertFalse(parsed.isOk(), "accepted after change expecting " + expected);
        assertTrue(parsed.failure().orElseThrow().contains(expected), parsed.failure().orElseThrow());
    }
}
