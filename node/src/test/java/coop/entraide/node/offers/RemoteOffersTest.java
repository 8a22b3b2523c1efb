package coop.entraide.node.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.TestNode;
import coop.entraide.node.Uris;
import coop.entraide.node.federation.inbox.ActivityHandler.Outcome;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.Addressing;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.AsJson;
import coop.entraide.protocol.as.AsObject;
import coop.entraide.protocol.offers.Category;
import coop.entraide.protocol.offers.CoarseLocation;
import coop.entraide.protocol.offers.FederatedOffer;
import coop.entraide.protocol.offers.OfferDocuments;
import coop.entraide.protocol.offers.OfferKind;
import coop.entraide.protocol.offers.OfferState;
import coop.entraide.protocol.offers.ResponseRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Offers from followed neighbourhoods, and answers from other servers; nobody changes what they do not own. */
class RemoteOffersTest {
    static final String B = "https://croixrousse.example";
    private static TestNode node;
    private static OfferApi api;
    private static RemoteOffers remote;
    private static Pool pool;
    private static Actor dalia;
    private static Actor mallory;
    private static Actor mastodonUser;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        api = new OfferApi(node);
        api.collective("capucins", "alice");
        pool = node.node().context().pool();
        remote = new RemoteOffers(new OfferService(pool, Clock.systemUTC(), new Uris(URI.create(node.base())),
                OfferPublications.NONE));
        dalia = remoteActor(B + "/u/dalia", "dalia", "croixrousse.example");
        mallory = remoteActor("https://mallory.example/u/mallory", "mallory", "mallory.example");
        mastodonUser = remoteActor("https://mastodon.example/users/zoe", "zoe", "mastodon.example");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static Actor remoteActor(String uri, String username, String domain) {
        return node.await(pool.preparedQuery("""
                        INSERT INTO actors (uri, type, username, domain, inbox_uri, fetched_at)
                        VALUES ($1, 'Person', $2, $3, $1 || '/inbox', now()) RETURNING *""")
                .execute(Tuple.of(uri, username, domain)).map(rows -> Actor.fromRow(rows.iterator().next())));
    }

    static ObjectNode offer(String id, String title, OfferState state) {
        return OfferDocuments.toAs(new FederatedOffer(id, id, B + "/u/dalia", B + "/c/croixrousse", OfferKind.GIVE,
                state, title, "Un **beau** vélo", "fr", Category.SPORT, null, null, null, null,
                CoarseLocation.rounded("Croix-Rousse", 45.7748, 4.8275), null, null,
                Addressing.of(List.of(As.PUBLIC), List.of(B + "/c/croixrousse/followers")),
                Instant.parse("2025-05-01T10:00:00Z"), null, List.of()), t -> B + "/tags/" + t);
    }

    private static Outcome inTx(java.util.function.Function<io.vertx.sqlclient.SqlConnection,
            io.vertx.core.Future<Outcome>> work) {
        return node.await(pool.withTransaction(work::apply));
    }

    private static List<String> titles(String query) {
        List<String> titles = new java.util.ArrayList<>();
        new JsonObject(api.get(null, "/api/v1/offers?" + query).body()).getJsonArray("items")
                .forEach(o -> titles.add(((JsonObject) o).getString("title")));
        return titles;
    }

    @Test
    void aFollowedNeighbourhoodsOfferIsSearchableUpdatedAndDeletedByItsAuthorOnly() {
        String id = B + "/offers/1";
        assertInstanceOf(Outcome.Applied.class, inTx(tx -> remote.receive(tx, dalia, offer(id, "Vélo rouge", OfferState.AVAILABLE))));
        assertEquals(List.of("Vélo rouge"), titles("q=velo"));
        JsonObject stored = new JsonObject(api.get(null, "/api/v1/offers?q=velo").body()).getJsonArray("items").getJsonObject(0);
        assertEquals(false, stored.getBoolean("local"));
        assertEquals("<p>Un <strong>beau</strong> vélo</p>", stored.getString("description_html"));

        Outcome stolen = inTx(tx -> remote.receive(tx, mallory, offer(id, "Vélo volé", OfferState.AVAILABLE)));
        assertInstanceOf(Outcome.Refused.class, stolen, "the sender is not the author");
        ObjectNode forged = offer(id, "Vélo volé", OfferState.AVAILABLE);
        forged.put("attributedTo", "https://mallory.example/u/mallory");
        assertInstanceOf(Outcome.Refused.class, inTx(tx -> remote.receive(tx, mallory, forged)), "id and author differ");
        assertInstanceOf(Outcome.Refused.class, inTx(tx -> remote.delete(tx, mallory, id)));
        assertEquals(List.of("Vélo rouge"), titles("q=velo"), "nothing changed");

        assertInstanceOf(Outcome.Applied.class, inTx(tx -> remote.receive(tx, dalia, offer(id, "Vélo rouge repeint",
                OfferState.RESERVED))));
        assertEquals(List.of("Vélo rouge repeint"), titles("q=velo&state=reserved"));
        assertInstanceOf(Outcome.Applied.class, inTx(tx -> remote.delete(tx, dalia, id)));
        assertTrue(titles("q=velo&state=reserved,available").isEmpty());
        assertInstanceOf(Outcome.Ignored.class, inTx(tx -> remote.receive(tx, dalia, offer(id, "Revenu", OfferState.AVAILABLE))),
                "a deleted offer does not come back");
    }

    @Test
    void ourOwnIdsCannotComeFromElsewhere() {
        JsonObject local = api.publish("alice", OfferApi.give("Chaise"));
        ObjectNode claim = offer(local.getString("uri"), "Chaise", OfferState.AVAILABLE);
        assertInstanceOf(Outcome.Refused.class, inTx(tx -> remote.receive(tx, dalia, claim)));
        assertInstanceOf(Outcome.Refused.class, inTx(tx -> remote.delete(tx, dalia, local.getString("uri"))));
    }

    @Test
    void answersFromOtherServersBecomeResponses() {
        JsonObject local = api.publish("alice", OfferApi.give("Poussette"));
        String uri = local.getString("uri");
        ResponseRequest request = new ResponseRequest(B + "/activities/9", dalia.uri(), uri, local.getJsonObject("author")
                .getString("uri"), "Je suis intéressée");
        JsonNode activity = AsJson.read(AsJson.toString(request.toAs())).orElseThrow();
        assertInstanceOf(Outcome.Applied.class, inTx(tx -> remote.respondRemote(tx, dalia, activity)));
        assertInstanceOf(Outcome.Ignored.class, inTx(tx -> remote.respondRemote(tx, dalia, activity)), "delivered twice");
        assertInstanceOf(Outcome.Refused.class, inTx(tx -> remote.respondRemote(tx, mallory, activity)),
                "on behalf of someone else");

        JsonNode reply = AsJson.read("""
                {"id":"https://mastodon.example/users/zoe/statuses/1","type":"Note",
                 "attributedTo":"https://mastodon.example/users/zoe","inReplyTo":"%s",
                 "content":"<p><span class=\\"h-card\\"><a href=\\"x\\">@alice</a></span> Elle est encore là ?</p>",
                 "to":["https://www.w3.org/ns/activitystreams#Public"]}""".formatted(uri)).orElseThrow();
        AsObject note = AsObject.parse(reply).orElseThrow();
        assertInstanceOf(Outcome.Applied.class, inTx(tx -> remote.replyToOffer(tx, mastodonUser, note)));

        List<String> messages = new java.util.ArrayList<>();
        new JsonObject(api.get("alice", "/api/v1/offers/" + local.getString("id") + "/responses").body())
                .getJsonArray("items").forEach(r -> messages.add(((JsonObject) r).getString("message")));
        assertEquals(List.of("Je suis intéressée", "@alice Elle est encore là ?"), messages);
    }
}
