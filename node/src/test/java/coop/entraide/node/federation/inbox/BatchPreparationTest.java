package coop.entraide.node.federation.inbox;

import static coop.entraide.node.federation.inbox.InboxRows.awaitFinished;
import static coop.entraide.node.federation.inbox.InboxRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.TestNode;
import coop.entraide.node.federation.social.ActorLookup;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.IdentityService;
import coop.entraide.node.offers.OfferActivityHandler;
import coop.entraide.protocol.as.Activity;
import coop.entraide.protocol.as.Addressing;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.Parsed;
import coop.entraide.protocol.offers.Category;
import coop.entraide.protocol.offers.CoarseLocation;
import coop.entraide.protocol.offers.FederatedOffer;
import coop.entraide.protocol.offers.OfferDocuments;
import coop.entraide.protocol.offers.OfferKind;
import coop.entraide.protocol.offers.OfferState;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Batches prepared as a whole, on a real node with its own handlers: whether the authors of a
 * batch's Creates (notes or offers) are followed is asked once, an Accept earlier in the batch is
 * seen by the Creates after it, and a batch decided in preparation records its outcomes without a
 * transaction.
 */
class BatchPreparationTest {
    private static final String NOT_CONCERNED = "neither addressed to us, nor a reply to us, nor from someone we follow";

    @RegisterExtension
    static final TestNode node = TestNode.start();
    private static final Pool pool = node.node().context().pool();
    private static final InboxStore store = node.node().context().federation().inbox().store();
    private static long collective;
    private static String collectiveUri;

    @BeforeAll
    static void start() {
        var actor = node.await(node.identity().createCollective(
                new IdentityService.NewCollective("jardins", "Les Jardins", "", false))).actor();
        collective = actor.id();
        collectiveUri = actor.uri();
    }

    /** A remote actor as the inbox caches it; returns its id. */
    private static long remote(String uri) {
        return node.await(pool.preparedQuery("""
                        INSERT INTO actors (uri, type, username, domain, inbox_uri, followers_uri, fetched_at)
                        VALUES ($1, 'Person', $2, 'masto.example', $1 || '/inbox', $1 || '/followers', now())
                        RETURNING id""")
                .execute(Tuple.of(uri, uri.substring(uri.lastIndexOf('/') + 1)))).iterator().next().getLong("id");
    }

    private static String newActor() {
        return "https://masto.example/users/u" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void follow(long followed, String state, String activityUri) {
        node.await(pool.preparedQuery("""
                        INSERT INTO follows (follower_id, followed_id, state, activity_uri, accepted_at)
                        VALUES ($1, $2, $3, $4, CASE WHEN $3 = 'accepted' THEN now() END)""")
                .execute(Tuple.of(collective, followed, state, activityUri)));
    }

    /** A public Note as Mastodon sends it, to the author's followers: addressed to nobody here. */
    private static InboxStore.Received create(String author) {
        String note = author + "/statuses/" + UUID.randomUUID();
        String body = """
                {"@context":"https://www.w3.org/ns/activitystreams","id":"%1$s/activity","type":"Create","actor":"%2$s",\
                "to":["https://www.w3.org/ns/activitystreams#Public"],"cc":["%2$s/followers"],\
                "object":{"id":"%1$s","type":"Note","attributedTo":"%2$s","content":"<p>Semis de courges</p>",\
                "published":"2026-05-01T10:00:00Z","to":["https://www.w3.org/ns/activitystreams#Public"],\
                "cc":["%2$s/followers"]}}""".formatted(note, author);
        return received(note + "/activity", author, "Create", body);
    }

    private static InboxStore.Received accept(String author, String followUri) {
        String id = author + "#accepts/" + UUID.randomUUID();
        String body = """
                {"@context":"https://www.w3.org/ns/activitystreams","id":"%s","type":"Accept","actor":"%s",\
                "object":{"id":"%s","type":"Follow","actor":"%s","object":"%s"}}"""
                .formatted(id, author, followUri, collectiveUri, author);
        return received(id, author, "Accept", body);
    }

    /** A Create of an Entraide offer by {@code author}, naming {@code collective} when given, as its node sends it. */
    private static ObjectNode offerCreate(String author, String collective, String title) {
        String id = author + "/offers/" + UUID.randomUUID();
        ObjectNode offer = OfferDocuments.toAs(new FederatedOffer(id, id, author, collective, OfferKind.GIVE, OfferState.AVAILABLE,
                title, "En bon état", "fr", Category.TOOLS, null, null, null, null,
                CoarseLocation.rounded("Croix-Rousse", 45.7748, 4.8275), null, null,
                Addressing.of(List.of(As.PUBLIC), List.of(author + "/followers")), Instant.parse("2026-05-01T10:00:00Z"), null,
                List.of()), tag -> "https://masto.example/tags/" + tag);
        ObjectNode create = JsonNodeFactory.instance.objectNode();
        create.put("@context", As.CONTEXT);
        create.put("id", id + "/activity");
        create.put("type", "Create");
        create.put("actor", author);
        create.putArray("to").add(As.PUBLIC);
        create.putArray("cc").add(author + "/followers");
        create.set("object", offer);
        return create;
    }

    private static InboxStore.Received offer(String author, String collective, String title) {
        ObjectNode create = offerCreate(author, collective, title);
        return received(create.get("id").asText(), author, "Create", create.toString());
    }

    private static long offers(InboxStore.Received create) {
        String offer = create.activityUri().substring(0, create.activityUri().length() - "/activity".length());
        return node.await(pool.preparedQuery("SELECT count(*) AS n FROM offers WHERE uri = $1").execute(Tuple.of(offer)))
                .iterator().next().getLong("n");
    }

    private static InboxStore.Received received(String id, String actor, String type, String body) {
        return new InboxStore.Received(id, id, actor, type, body.getBytes(StandardCharsets.UTF_8), "draft-cavage-12", null);
    }

    private static long objects(InboxStore.Received create) {
        String note = create.activityUri().substring(0, create.activityUri().length() - "/activity".length());
        return node.await(pool.preparedQuery("SELECT count(*) AS n FROM objects WHERE uri = $1").execute(Tuple.of(note)))
                .iterator().next().getLong("n");
    }

    @Test
    void createsAreKeptWhenTheirAuthorIsFollowedIncludingByAnAcceptEarlierInTheBatch() throws Exception {
        String followedUri = newActor();
        follow(remote(followedUri), "accepted", collectiveUri + "#follows/" + UUID.randomUUID());
        String strangerUri = newActor();
        remote(strangerUri);
        String acceptingUri = newActor();
        String followUri = collectiveUri + "#follows/" + UUID.randomUUID();
        follow(remote(acceptingUri), "pending", followUri);

        InboxStore.Received fromStranger = create(strangerUri);
        InboxStore.Received fromFollowed = create(followedUri);
        InboxStore.Received beforeAccept = create(acceptingUri);
        InboxStore.Received accepted = accept(acceptingUri, followUri);
        InboxStore.Received afterAccept = create(acceptingUri);
        // One statement: the worker claims them together, in this order.
        node.await(store.insertAll(pool, List.of(fromStranger, fromFollowed, beforeAccept, accepted, afterAccept),
                Instant.now()));

        assertEquals("ignored", awaitFinished(node, fromStranger.activityUri()).getString("state"));
        assertEquals(NOT_CONCERNED, row(node, fromStranger.activityUri()).getString("error"));
        assertEquals(0, objects(fromStranger));
        assertEquals("processed", awaitFinished(node, fromFollowed.activityUri()).getString("state"));
        assertEquals(1, objects(fromFollowed));
        assertEquals("ignored", awaitFinished(node, beforeAccept.activityUri()).getString("state"), "applied before the Accept");
        assertEquals(0, objects(beforeAccept));
        assertEquals("processed", awaitFinished(node, accepted.activityUri()).getString("state"));
        assertEquals("processed", awaitFinished(node, afterAccept.activityUri()).getString("state"), "the Accept before it was seen");
        assertEquals(1, objects(afterAccept));
    }

    @Test
    void aBatchDecidedInPreparationHasAllItsOutcomesRecorded() throws Exception {
        List<InboxStore.Received> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String author = newActor();
            remote(author);
            batch.add(create(author));
        }
        node.await(store.insertAll(pool, batch, Instant.now()));

        for (InboxStore.Received r : batch) {
            Row row = awaitFinished(node, r.activityUri());
            assertEquals("ignored", row.getString("state"));
            assertEquals(NOT_CONCERNED, row.getString("error"));
            assertEquals(1, row.getInteger("attempts"));
            assertEquals(null, row.getOffsetDateTime("leased_until"));
            assertEquals(0, objects(r));
        }
    }

    /** Outside a transaction, the outcomes of a decided batch never overwrite a row another worker finished. */
    @Test
    void recordingDecidedOutcomesLeavesARowAnotherWorkerFinishedAlone() {
        String author = newActor();
        InboxStore.Received done = received(author + "#done", author, "Listen", "{}");
        InboxStore.Received open = received(author + "#open", author, "Listen", "{}");
        // Leased far ahead, as another worker's claim leaves them: this node's worker keeps off.
        InboxStore.Received[] leased = {
                new InboxStore.Received(done.dedupeKey(), done.activityUri(), author, "Listen", done.body(), "draft-cavage-12",
                        null, Instant.now().plusSeconds(600)),
                new InboxStore.Received(open.dedupeKey(), open.activityUri(), author, "Listen", open.body(), "draft-cavage-12",
                        null, Instant.now().plusSeconds(600))};
        var ids = node.await(store.insertAll(pool, List.of(leased), Instant.now()));
        long doneId = ids.get(done.dedupeKey());
        long openId = ids.get(open.dedupeKey());
        node.await(store.finish(pool, doneId, InboxStore.State.PROCESSED, null, Instant.now()));

        node.await(store.finishAll(pool, List.of(new InboxStore.Finished(doneId, InboxStore.State.IGNORED, "late"),
                new InboxStore.Finished(openId, InboxStore.State.IGNORED, "decided")), Instant.now()));

        Row first = row(node, done.activityUri());
        assertEquals("processed", first.getString("state"));
        assertEquals(null, first.getString("error"));
        assertEquals(1, first.getInteger("attempts"));
        Row second = row(node, open.activityUri());
        assertEquals("ignored", second.getString("state"));
        assertEquals("decided", second.getString("error"));
    }

    /**
     * Remote actors who send offers: one followed here, one nobody here follows, and a member of a
     * neighbourhood (a collective) followed here whose member is not.
     */
    private record OfferSenders(String followed, String stranger, String member, String neighbourhood) {
    }

    private static OfferSenders offerSenders() {
        OfferSenders senders = new OfferSenders(newActor(), newActor(), newActor(), newActor());
        follow(remote(senders.followed()), "accepted", collectiveUri + "#follows/" + UUID.randomUUID());
        remote(senders.stranger());
        remote(senders.member());
        follow(remote(senders.neighbourhood()), "accepted", collectiveUri + "#follows/" + UUID.randomUUID());
        return senders;
    }

    @Test
    void offersAreKeptWhenTheirSenderOrCollectiveIsFollowedIncludingByAnAcceptEarlierInTheBatch() throws Exception {
        OfferSenders senders = offerSenders();
        String unfollowedCollectiveUri = newActor();
        remote(unfollowedCollectiveUri);
        String acceptingUri = newActor();
        String followUri = collectiveUri + "#follows/" + UUID.randomUUID();
        follow(remote(acceptingUri), "pending", followUri);

        InboxStore.Received fromStranger = offer(senders.stranger(), null, "Perceuse");
        InboxStore.Received fromFollowed = offer(senders.followed(), null, "Vélo");
        InboxStore.Received viaNeighbourhood = offer(senders.member(), senders.neighbourhood(), "Semis de tomates");
        InboxStore.Received viaUnfollowedCollective = offer(senders.stranger(), unfollowedCollectiveUri, "Pots de fleurs");
        InboxStore.Received beforeAccept = offer(acceptingUri, null, "Échelle");
        InboxStore.Received accepted = accept(acceptingUri, followUri);
        InboxStore.Received afterAccept = offer(acceptingUri, null, "Brouette");
        List<InboxStore.Received> batch = List.of(fromStranger, fromFollowed, viaNeighbourhood, viaUnfollowedCollective,
                beforeAccept, accepted, afterAccept);
        node.await(store.insertAll(pool, batch, Instant.now()));
        for (InboxStore.Received r : batch) {
            awaitFinished(node, r.activityUri());
        }

        assertEquals(0, offers(fromStranger));
        assertEquals(1, offers(fromFollowed));
        assertEquals(1, offers(viaNeighbourhood), "its collective is followed");
        assertEquals(0, offers(viaUnfollowedCollective));
        assertEquals(0, offers(beforeAccept), "applied before the Accept");
        assertEquals("processed", row(node, accepted.activityUri()).getString("state"));
        assertEquals(1, offers(afterAccept), "the Accept before it was seen");
    }

    @Test
    void theOffersOfABatchAskOnceWhetherTheirSendersAndCollectivesAreFollowed() {
        OfferSenders senders = offerSenders();
        List<ObjectNode> creates = List.of(offerCreate(senders.followed(), null, "Vélo"),
                offerCreate(senders.stranger(), null, "Perceuse"), offerCreate(senders.member(), senders.neighbourhood(), "Semis"),
                offerCreate(senders.followed(), null, "Tandem"),
                offerCreate(senders.stranger(), senders.neighbourhood().replace("/users/", "/groups/"), "Pots"));
        List<InboundActivity> batch = new ArrayList<>();
        for (ObjectNode create : creates) {
            Actor sender = node.await(new ActorLookup().byUri(pool, create.get("actor").asText())).orElseThrow();
            Activity activity = ((Parsed.Ok<Activity>) Activity.parse(create)).value();
            batch.add(new InboundActivity(batch.size() + 1, activity, create, sender, Optional.empty(), false));
        }
        ActivityHandler handler = node.node().context().federation().handlers().forTypes(List.of(As.CREATE)).stream()
                .filter(OfferActivityHandler.class::isInstance).findFirst().orElseThrow();

        AtomicInteger questions = new AtomicInteger();
        List<ActivityHandler.Prepared> prepared = node.await(Future.all(handler.prepareAll(
                asking(pool, Pool.class, questions), batch, batch)).map(all -> all.<ActivityHandler.Prepared>list()));
        assertEquals(1, questions.get(), "one question for the whole batch");
        List<ActivityHandler.Outcome> outcomes = node.await(pool.withTransaction(tx -> writeAll(asking(tx, SqlConnection.class,
                questions), prepared)));
        assertEquals(1, questions.get(), "none more in the transaction");

        List<Class<?>> kinds = outcomes.stream().<Class<?>>map(Object::getClass).toList();
        assertEquals(List.of(ActivityHandler.Outcome.Applied.class, ActivityHandler.Outcome.Ignored.class,
                ActivityHandler.Outcome.Applied.class, ActivityHandler.Outcome.Applied.class, ActivityHandler.Outcome.Ignored.class),
                kinds, outcomes.toString());
    }

    /** The writes of a batch, one after the other as the worker runs them. */
    private static Future<List<ActivityHandler.Outcome>> writeAll(SqlConnection tx, List<ActivityHandler.Prepared> prepared) {
        Future<List<ActivityHandler.Outcome>> done = Future.succeededFuture(new ArrayList<>());
        for (ActivityHandler.Prepared p : prepared) {
            done = done.compose(outcomes -> p.write(tx).map(o -> {
                outcomes.add(o);
                return outcomes;
            }));
        }
        return done;
    }

    /** {@code client}, counting in {@code questions} the statements that ask whether actors are followed here. */
    @SuppressWarnings("unchecked")
    private static <T> T asking(T client, Class<T> type, AtomicInteger questions) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (args != null && args.length > 0 && args[0] instanceof String sql && sql.contains("FROM follows f JOIN actors a")) {
                questions.incrementAndGet();
            }
            try {
                return method.invoke(client, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
