package coop.entraide.node.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService;
import coop.entraide.node.federation.policy.DomainName;
import coop.entraide.node.federation.policy.DomainPolicyEditor;
import coop.entraide.node.federation.policy.DomainPurges;
import coop.entraide.node.federation.policy.Policy;
import coop.entraide.node.identity.Role;
import coop.entraide.protocol.as.Addressing;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.offers.Category;
import coop.entraide.protocol.offers.FederatedOffer;
import coop.entraide.protocol.offers.OfferDocuments;
import coop.entraide.protocol.offers.OfferKind;
import coop.entraide.protocol.offers.OfferState;
import coop.entraide.protocol.proof.ObjectIntegrityProofs;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the inbox worker fetches from other servers (an actor's new document, an announced object,
 * an offer given by id, the owner of an offer's proof) it fetches before it opens the transaction
 * that applies the activity: a remote server that answers slowly holds no database connection and
 * no row lock meanwhile. A real node receives from a fake server whose answers are delayed.
 */
class FetchOutsideTransactionTest {
    @RegisterExtension
    static final SlowServer slow = SlowServer.start("127.0.0.3");
    private static final TestNode node = slow.node;
    private static final FakeServer remote = slow.remote;
    private static InboxClient inbox;
    private static long memberId;

    @BeforeAll
    static void start() {
        inbox = new InboxClient(slow.vertx(), node.port());
        memberId = node.await(node.identity().createMember(
                new IdentityService.NewMember("louise", "pentes", "Louise", "", Role.MEMBER, null))).actor().id();
    }

    @Test
    void anActorUpdateByReferenceIsFetchedWithNoTransactionOpenThenAppliedOnce() throws Exception {
        FakeActor ada = remote.actor("ada-" + UUID.randomUUID());
        known(ada);
        String path = "/users/" + ada.name;
        int before = remote.arrived(path);
        ada.displayName = "Ada, jardinière";
        ObjectNode update = InboxClient.activity("Update", ada.id, ada.id);
        postedWhileFetching(ada, update, path, before + 1, "the actor");

        processedAtTheFirstAttempt(update);
        assertEquals("Ada, jardinière", actorName(ada.id));
        assertEquals(before + 1, remote.arrived(path), "fetched once");
    }

    @Test
    void anAnnouncedObjectIsFetchedWithNoTransactionOpenThenKeptOnce() throws Exception {
        FakeActor booster = followed("booster");
        FakeActor author = remote.actor("author-" + UUID.randomUUID());
        String notePath = "/notes/" + UUID.randomUUID();
        String noteId = remote.base() + notePath;
        remote.serve(notePath, """
                {"@context":"https://www.w3.org/ns/activitystreams","id":"%s","type":"Note","attributedTo":"%s",
                 "to":["https://www.w3.org/ns/activitystreams#Public"],"content":"<p>Grainothèque samedi</p>",
                 "published":"2026-05-02T09:00:00Z"}""".formatted(noteId, author.id));
        ObjectNode announce = InboxClient.activity("Announce", booster.id, noteId);
        postedWhileFetching(booster, announce, notePath, 1, "the object");

        processedAtTheFirstAttempt(announce);
        assertEquals(1, count("SELECT count(*) FROM objects WHERE uri = $1", noteId));
        assertEquals(1, count("""
                SELECT count(*) FROM reactions r JOIN actors a ON a.id = r.actor_id
                WHERE a.uri = $1 AND r.kind = 'announce'""", booster.id));
        assertEquals(1, remote.arrived(notePath), "fetched once");
    }

    @Test
    void aFailedFetchLeavesTheActivityToBeTriedAgainAndNotApplied() throws Exception {
        FakeActor hugo = remote.actor("hugo-" + UUID.randomUUID());
        known(hugo);
        String path = "/users/" + hugo.name;
        String oldName = actorName(hugo.id);
        hugo.displayName = "Hugo, composteur";
        remote.answer(path, 503);

        ObjectNode update = InboxClient.activity("Update", hugo.id, hugo.id);
        assertEquals(202, postAs(hugo, update).status());

        Row retried = awaitAttempts(update, 1);
        assertEquals("pending", retried.getString("state"));
        assertNotNull(retried.getString("error"));
        assertTrue(retried.getOffsetDateTime("next_attempt_at").toInstant().isAfter(Instant.now()), "a later attempt is planned");
        assertEquals(oldName, actorName(hugo.id));

        // The server is back; when the retry comes, the Update is applied.
        remote.clearAnswer(path);
        query("UPDATE inbox_activities SET next_attempt_at = now() WHERE activity_uri = $1", update.get("id").textValue());
        Row done = awaitState(update, "processed");
        assertEquals(2, done.getInteger("attempts"), "done at the second attempt");
        assertEquals("Hugo, composteur", actorName(hugo.id));
    }

    @Test
    void anOfferCreatedByIdIsFetchedWithNoTransactionOpenThenStoredOnce() throws Exception {
        FakeActor dalia = followed("dalia");
        String path = "/offers/" + UUID.randomUUID();
        String offerId = remote.base() + path;
        remote.serve(path, offer(dalia, offerId, "Table en chêne").toString());
        ObjectNode create = InboxClient.activity("Create", dalia.id, offerId);
        postedWhileFetching(dalia, create, path, 1, "the offer");

        processedAtTheFirstAttempt(create);
        assertEquals(List.of("Table en chêne"), offerTitles(offerId));
        assertEquals(0, count("SELECT count(*) FROM objects WHERE uri = $1", offerId), "an offer is not kept as a post too");
        assertEquals(1, remote.arrived(path), "fetched once, though two handlers wanted it");
    }

    @Test
    void aProofWhoseOwnerMustBeFetchedAgainIsCheckedWithNoTransactionOpen() throws Exception {
        FakeActor dalia = followed("dalia");
        // Long unseen: before the proof is trusted, its owner's document is fetched afresh.
        query("UPDATE actors SET fetched_at = '2001-01-01T00:00:00Z' WHERE uri = $1", dalia.id);
        String actorPath = "/users/" + dalia.name;
        int before = remote.arrived(actorPath);
        String offerId = remote.base() + "/offers/" + UUID.randomUUID();
        ObjectNode create = InboxClient.activity("Create", dalia.id, offerId);
        create.set("object", ObjectIntegrityProofs.create(offer(dalia, offerId, "Lit parapluie"), dalia.proofKey(),
                dalia.multikeyId(), null));

        postedWhileFetching(dalia, create, actorPath, before + 1, "the proof's owner");

        processedAtTheFirstAttempt(create);
        assertEquals(List.of("Lit parapluie"), offerTitles(offerId));
        assertEquals(before + 1, remote.arrived(actorPath), "its owner fetched once");
    }

    @Test
    void anAnnouncedOffersProofIsCheckedWithItsOwnerFetchedOnceAndNoTransactionOpen() throws Exception {
        FakeActor neighbourhood = followed("quartier");
        FakeActor author = remote.actor("author-" + UUID.randomUUID());
        String offerPath = "/offers/" + UUID.randomUUID();
        String offerId = remote.base() + offerPath;
        ObjectNode proven = ObjectIntegrityProofs.create(offer(author, offerId, "Poussette"), author.proofKey(),
                author.multikeyId(), null);
        String authorPath = "/users/" + author.name;

        ObjectNode announce = InboxClient.activity("Announce", neighbourhood.id, offerId);
        announce.set("object", proven);
        postedWhileFetching(neighbourhood, announce, authorPath, 1, "the proof's owner");

        processedAtTheFirstAttempt(announce);
        assertEquals(List.of("Poussette"), offerTitles(offerId));
        assertEquals(author.id, query("""
                SELECT a.uri FROM offers o JOIN actors a ON a.id = o.author_id WHERE o.uri = $1""", offerId)
                .iterator().next().getString("uri"));
        assertEquals(1, remote.arrived(authorPath), "the author fetched once");
        assertEquals(0, remote.arrived(offerPath), "its proof vouches for the offer: not fetched");
    }

    @Test
    void anOfferWhoseServerFailsNowIsFetchedAgainLaterThenStored() throws Exception {
        FakeActor dalia = followed("dalia");
        String path = "/offers/" + UUID.randomUUID();
        String offerId = remote.base() + path;
        remote.serve(path, offer(dalia, offerId, "Vélo d'enfant").toString());
        remote.answer(path, 503);

        ObjectNode create = InboxClient.activity("Create", dalia.id, offerId);
        assertEquals(202, postAs(dalia, create).status());

        Row retried = awaitAttempts(create, 1);
        assertEquals("pending", retried.getString("state"));
        assertTrue(retried.getString("error").contains("503"), retried.getString("error"));
        assertTrue(retried.getOffsetDateTime("next_attempt_at").toInstant().isAfter(Instant.now()), "a later attempt is planned");
        assertEquals(List.of(), offerTitles(offerId));

        remote.clearAnswer(path);
        query("UPDATE inbox_activities SET next_attempt_at = now() WHERE activity_uri = $1", create.get("id").textValue());
        Row done = awaitState(create, "processed");
        assertEquals(2, done.getInteger("attempts"), "done at the second attempt");
        assertEquals(List.of("Vélo d'enfant"), offerTitles(offerId));
    }

    @Test
    void anOfferThatIsNotThereIsIgnoredWithoutRetrying() throws Exception {
        FakeActor dalia = followed("dalia");
        String path = "/offers/" + UUID.randomUUID();
        String offerId = remote.base() + path;

        ObjectNode create = InboxClient.activity("Create", dalia.id, offerId);
        assertEquals(202, postAs(dalia, create).status());

        Row done = awaitState(create, "ignored");
        assertEquals(1, done.getInteger("attempts"), "not tried again");
        assertTrue(done.getString("error").contains("404"), done.getString("error"));
        assertEquals(List.of(), offerTitles(offerId));
        assertEquals(0, count("SELECT count(*) FROM objects WHERE uri = $1", offerId));
        assertEquals(1, remote.arrived(path));
    }

    @Test
    void nothingIsAskedOfARefusedDomainForAnAnnouncedOffer() throws Exception {
        FakeServer refused = FakeServer.start(slow.vertx(), "127.0.0.6");
        try {
            node.await(new DomainPolicyEditor(node.node().context().pool(), DomainPurges.standard())
                    .set(((DomainName.Valid) DomainName.parse("127.0.0.6")).domain(), Policy.BLOCK, "", "", "test"));
            node.await(node.node().context().federation().policies().refresh());
            FakeActor neighbourhood = followed("quartier");
            FakeActor author = refused.actor("author");
            String offerPath = "/offers/" + UUID.randomUUID();
            String offerId = refused.base() + offerPath;
            refused.serve(offerPath, offer(author, offerId, "Perceuse").toString());

            ObjectNode announce = InboxClient.activity("Announce", neighbourhood.id, offerId);
            announce.set("object", offer(author, offerId, "Perceuse"));
            assertEquals(202, postAs(neighbourhood, announce).status());

            Row done = awaitState(announce, "ignored");
            assertEquals(1, done.getInteger("attempts"), "a refused domain is a lasting answer, not tried again");
            assertEquals(List.of(), offerTitles(offerId));
            assertEquals(0, refused.arrived(offerPath));
            assertEquals(0, refused.arrived("/users/author"));
        } finally {
            refused.close();
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    /**
     * Posts {@code activity} signed by {@code sender}, which the node must accept (202), while the
     * fake server holds back its answer to the {@code nth} request for {@code path}.
     */
    private static void postedWhileFetching(FakeActor sender, ObjectNode activity, String path, int nth, String what)
            throws Exception {
        slow.whileFetching(path, nth, what, () -> {
            assertEquals(202, postAs(sender, activity).status());
            return null;
        });
        assertEquals("pending", stored(activity).orElseThrow().getString("state"), "not applied before " + what + " is known");
    }

    /** Waits until the activity is processed, and checks it took a single attempt. */
    private static void processedAtTheFirstAttempt(ObjectNode activity) throws InterruptedException {
        Row done = awaitState(activity, "processed");
        assertEquals(1, done.getInteger("attempts"), "done at the first attempt");
    }

    /** An Entraide offer as its author's server serves it. */
    private static ObjectNode offer(FakeActor author, String id, String title) {
        return OfferDocuments.toAs(new FederatedOffer(id, id, author.id, null, OfferKind.GIVE, OfferState.AVAILABLE,
                title, "À venir chercher", "fr", Category.OTHER, null, null, null, null, null, null, null,
                Addressing.of(List.of(As.PUBLIC), List.of(author.id + "/followers")),
                Instant.parse("2026-05-02T09:00:00Z"), null, List.of()), tag -> remote.base() + "/tags/" + tag);
    }

    private static List<String> offerTitles(String uri) {
        List<String> titles = new ArrayList<>();
        query("SELECT title FROM offers WHERE uri = $1", uri).forEach(r -> titles.add(r.getString("title")));
        return titles;
    }

    private static InboxClient.Response postAs(FakeActor actor, ObjectNode activity) {
        return inbox.post("/inbox", activity, actor.keyId(), actor.rsa.getPrivate());
    }

    /** A remote actor named {@code name} plus a random suffix, cached by the node and followed by our member. */
    private static FakeActor followed(String name) throws InterruptedException {
        FakeActor actor = remote.actor(name + "-" + UUID.randomUUID());
        known(actor);
        follow(memberId, actor.id);
        return actor;
    }

    /** Makes the node cache the actor (as its first signed request would), without delay. */
    private static void known(FakeActor actor) throws InterruptedException {
        ObjectNode hello = InboxClient.activity("Ping", actor.id, actor.id);
        assertEquals(202, postAs(actor, hello).status());
        awaitState(hello, "ignored");
    }

    private static void follow(long followerId, String followedUri) {
        query("""
                INSERT INTO follows (follower_id, followed_id, state, activity_uri, accepted_at)
                SELECT $1, id, 'accepted', $3, now() FROM actors WHERE uri = $2""",
                followerId, followedUri, followedUri + "#follow-" + UUID.randomUUID());
    }


    private static String actorName(String uri) {
        return query("SELECT display_name FROM actors WHERE uri = $1", uri).iterator().next().getString("display_name");
    }

    private static RowSet<Row> query(String sql, Object... params) {
        return node.await(node.node().context().pool().preparedQuery(sql).execute(Tuple.from(params)));
    }

    private static long count(String sql, Object... params) {
        return query(sql, params).iterator().next().getLong(0);
    }

    private static Optional<Row> stored(ObjectNode activity) {
        RowSet<Row> rows = query("SELECT * FROM inbox_activities WHERE activity_uri = $1", activity.get("id").textValue());
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
    }


    private static Row awaitState(ObjectNode activity, String state) throws InterruptedException {
        return await(activity, row -> state.equals(row.getString("state")), state);
    }

    private static Row awaitAttempts(ObjectNode activity, int attempts) throws InterruptedException {
        return await(activity, row -> row.getInteger("attempts") >= attempts, attempts + " attempts");
    }

    private static Row await(ObjectNode activity, java.util.function.Predicate<Row> test, String what)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            Optional<Row> row = stored(activity);
            if (row.isPresent() && test.test(row.get())) {
                return row.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError(activity.get("id") + " never reached " + what + ": " + stored(activity).map(Row::toJson));
    }
}
