package coop.entraide.node.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService;
import coop.entraide.node.identity.Role;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the inbox worker fetches from other servers (an actor's new document, an announced object)
 * it fetches before it opens the transaction that applies the activity: a remote server that
 * answers slowly holds no database connection and no row lock meanwhile. A real node receives
 * from a fake server whose answers are delayed.
 */
class FetchOutsideTransactionTest {
    private static final long DELAY_MILLIS = 2000;

    private static TestNode node;
    private static Vertx vertx;
    private static FakeServer remote;
    private static InboxClient inbox;
    private static long memberId;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        vertx = Vertx.vertx();
        remote = FakeServer.start(vertx, "127.0.0.3");
        inbox = new InboxClient(vertx, node.port());
        node.await(node.identity().createCollective(new IdentityService.NewCollective("pentes", "Les Pentes", "", false)));
        memberId = node.await(node.identity().createMember(
                new IdentityService.NewMember("louise", "pentes", "Louise", "", Role.MEMBER, null))).actor().id();
    }

    @AfterAll
    static void stop() {
        remote.close();
        vertx.close();
        node.close();
    }

    @AfterEach
    void answerPromptly() {
        remote.delay(0);
    }

    @Test
    void anActorUpdateByReferenceIsFetchedWithNoTransactionOpenThenAppliedOnce() throws Exception {
        FakeActor ada = remote.actor("ada-" + UUID.randomUUID());
        known(ada);
        String path = "/users/" + ada.name;
        int before = remote.arrived(path);
        ada.displayName = "Ada, jardinière";
        remote.delay(DELAY_MILLIS);

        ObjectNode update = InboxClient.activity("Update", ada.id, ada.id);
        assertEquals(202, postAs(ada, update).status());

        awaitArrival(path, before + 1);
        Thread.sleep(DELAY_MILLIS / 3);
        assertEquals(List.of(), longIdleTransactions(), "transactions held open while the actor is fetched (their last statement)");
        assertEquals("pending", stored(update).orElseThrow().getString("state"));

        Row done = awaitState(update, "processed");
        assertEquals(1, done.getInteger("attempts"), "done at the first attempt");
        assertEquals("Ada, jardinière", actorName(ada.id));
        assertEquals(before + 1, remote.arrived(path), "fetched once");
    }

    @Test
    void anAnnouncedObjectIsFetchedWithNoTransactionOpenThenKeptOnce() throws Exception {
        FakeActor booster = remote.actor("booster-" + UUID.randomUUID());
        FakeActor author = remote.actor("author-" + UUID.randomUUID());
        known(booster);
        follow(memberId, booster.id);
        String notePath = "/notes/" + UUID.randomUUID();
        String noteId = remote.base() + notePath;
        remote.serve(notePath, """
                {"@context":"https://www.w3.org/ns/activitystreams","id":"%s","type":"Note","attributedTo":"%s",
                 "to":["https://www.w3.org/ns/activitystreams#Public"],"content":"<p>Grainothèque samedi</p>",
                 "published":"2026-05-02T09:00:00Z"}""".formatted(noteId, author.id));
        remote.delay(DELAY_MILLIS);

        ObjectNode announce = InboxClient.activity("Announce", booster.id, noteId);
        assertEquals(202, postAs(booster, announce).status());

        awaitArrival(notePath, 1);
        Thread.sleep(DELAY_MILLIS / 3);
        assertEquals(List.of(), longIdleTransactions(), "transactions held open while the object is fetched (their last statement)");
        assertEquals("pending", stored(announce).orElseThrow().getString("state"));

        Row done = awaitState(announce, "processed");
        assertEquals(1, done.getInteger("attempts"), "done at the first attempt");
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

    // --- helpers -------------------------------------------------------------------------------

    private static InboxClient.Response postAs(FakeActor actor, ObjectNode activity) {
        return inbox.post("/inbox", activity, actor.keyId(), actor.rsa.getPrivate());
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

    /** Sessions of the node's database that sat in an open transaction for a while. */
    private static List<String> longIdleTransactions() {
        List<String> last = new ArrayList<>();
        query("""
                SELECT query FROM pg_stat_activity
                WHERE datname = current_database() AND state LIKE 'idle in transaction%'
                  AND state_change < now() - interval '300 milliseconds'""").forEach(r -> last.add(r.getString("query")));
        return last;
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

    private static void awaitArrival(String path, int n) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (remote.arrived(path) < n) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the node never asked for " + path);
            }
            Thread.sleep(20);
        }
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
