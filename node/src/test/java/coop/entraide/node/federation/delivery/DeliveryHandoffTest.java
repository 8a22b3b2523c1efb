package coop.entraide.node.federation.delivery;

import static coop.entraide.node.federation.delivery.DeliveryRig.START;
import static coop.entraide.node.federation.delivery.DeliveryRig.eventually;
import static coop.entraide.node.federation.delivery.DeliveryRig.pause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.Blocking;
import coop.entraide.node.federation.fetch.RequestSigner;
import coop.entraide.node.store.Storage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jobs handed to the worker of the enqueueing process: stored leased to it and sent once their
 * transaction commits, with no claim; the claim, the lease and the rules of the queue still cover
 * every case the hand-off does not. The worker polls once a minute here, so a job delivered within
 * the test was handed over, not claimed.
 */
class DeliveryHandoffTest {
    @RegisterExtension
    final DeliveryRig rig = new DeliveryRig(Duration.ofMinutes(1));

    private DeliverySettings settings;
    private DeliveryQueue queue;

    @BeforeEach
    void start() {
        use(rig.settings());
    }

    // --- helpers ------------------------------------------------------------------------------

    /** The queue and the worker of the test run with {@code these}, as a node gives both the same. */
    private void use(DeliverySettings these) {
        settings = these;
        queue = new DeliveryQueue(rig.clock(), these);
    }

    /** A worker fed by the queue; idle until the first claim has looked once. */
    private DeliveryWorker worker() {
        DeliveryWorker w = rig.worker(rig.vertx(), rig.pool(), queue, settings, ActorSigners.UNSIGNED);
        pause(100);
        return w;
    }

    private static OutgoingActivity activity(String id) {
        String json = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + id
                + "\",\"type\":\"Accept\",\"actor\":\"https://node.example/actors/coop\"}";
        return new OutgoingActivity(id, "https://node.example/actors/coop", json.getBytes(StandardCharsets.UTF_8));
    }

    private DeliveryQueue.Enqueued enqueue(DeliveryQueue into, OutgoingActivity activity, List<Recipient> recipients) {
        return Blocking.await(rig.pool().withTransaction(tx -> into.enqueue(tx, activity, recipients)), 20, "enqueue");
    }

    private DeliveryQueue.Enqueued enqueue(OutgoingActivity activity, List<Recipient> recipients) {
        return enqueue(queue, activity, recipients);
    }

    private long count(String sql) {
        return Blocking.await(rig.pool().query(sql).execute(), 10, sql).iterator().next().getLong(0);
    }

    private static List<Recipient> inboxes(Sink s, int n) {
        List<Recipient> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(Recipient.of(s.inbox("/users/u" + i + "/inbox")));
        }
        return all;
    }

    // --- the hand-off -------------------------------------------------------------------------

    @Test
    void aCommittedJobIsSentOnceWithoutAClaim() {
        Sink s = rig.sink();
        worker();
        URI inbox = s.inbox("/users/f/inbox");
        DeliveryQueue.Enqueued e = enqueue(activity("https://node.example/a/accept-1"), List.of(Recipient.of(inbox)));
        assertEquals(1, e.leased().size(), "stored leased to the worker");
        assertEquals(0, e.unleased());

        eventually("the job is delivered", () -> "delivered".equals(rig.job(inbox).getString("state")));
        pause(200);
        assertEquals(1, s.count());
        assertTrue(s.received().get(0).body().contains("accept-1"), "the bytes handed over are the bytes sent");
        Row delivered = rig.job(inbox);
        assertEquals(1, delivered.getInteger("attempts"));
        assertNull(delivered.getString("lease_owner"));
    }

    @Test
    void activitiesEnqueuedTogetherAreStoredInOneStatementAndEachSentOnce() {
        Sink s = rig.sink();
        worker();
        List<DeliveryQueue.Outgoing> outgoing = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            outgoing.add(new DeliveryQueue.Outgoing(activity("https://node.example/a/together-" + i),
                    List.of(Recipient.of(s.inbox("/users/t" + i + "/inbox")))));
        }
        // The second one has two inboxes on one server, the third none that can be reached.
        outgoing.set(1, new DeliveryQueue.Outgoing(outgoing.get(1).activity(),
                List.of(Recipient.of(s.inbox("/users/t1/inbox")), Recipient.of(s.inbox("/users/t1b/inbox")))));
        outgoing.set(2, new DeliveryQueue.Outgoing(outgoing.get(2).activity(), List.of()));
        List<DeliveryQueue.Enqueued> all = Blocking.await(rig.pool().withTransaction(tx -> queue.enqueueAll(tx, outgoing)),
                20, "enqueue");

        assertEquals(List.of(1, 2, 0), all.stream().map(DeliveryQueue.Enqueued::jobs).toList());
        assertEquals(List.of(1, 2, 0), all.stream().map(e -> e.leased().size()).toList(), "each job leased with its own activity");
        assertEquals(3, all.stream().map(DeliveryQueue.Enqueued::activityRow).distinct().count());
        eventually("the three jobs are delivered", () -> s.count() == 3);
        pause(200);
        assertEquals(3, s.count());
        assertEquals(1, s.received().stream().filter(r -> r.body().contains("together-0")).count());
        assertEquals(2, s.received().stream().filter(r -> r.body().contains("together-1")).count());
        assertEquals(3, count("SELECT count(*) FROM outgoing_activities WHERE activity_id LIKE '%/together-%'"));
    }

    @Test
    void oneActivityTwiceInOneStatementIsRefusedBeforeAnythingIsStored() {
        DeliveryQueue.Outgoing twice = new DeliveryQueue.Outgoing(activity("https://node.example/a/twice"),
                List.of(Recipient.of(URI.create("https://remote.example/inbox"))));
        Future<List<DeliveryQueue.Enqueued>> refused = rig.pool().withTransaction(tx -> queue.enqueueAll(tx, List.of(twice, twice)));
        assertTrue(Blocking.await(refused.map(false).recover(e -> Future.succeededFuture(e instanceof IllegalArgumentException)),
                10, "enqueue"));
        assertEquals(0, count("SELECT count(*) FROM outgoing_activities WHERE activity_id LIKE '%/twice'"));
    }

    @Test
    void aRolledBackTransactionHandsNothingOverAndGivesItsRoomBack() {
        Sink s = rig.sink();
        use(rig.settings().withBatch(1, 1, 1, 1));
        worker();
        Future<Object> failed = rig.pool().withTransaction(tx -> queue.enqueue(tx, activity("https://node.example/a/gone"),
                List.of(Recipient.of(s.inbox("/users/gone/inbox")))).compose(x -> Future.failedFuture("the follow could not be stored")));
        assertTrue(Blocking.await(failed.map(true).recover(x -> Future.succeededFuture(false)), 10, "tx") == Boolean.FALSE);
        pause(200);
        assertEquals(0, s.count());
        assertEquals(0, count("SELECT count(*) FROM delivery_jobs"));

        // The worker takes one job at a time: had the rolled-back reservation kept its place, this would not be handed over.
        DeliveryQueue.Enqueued next = enqueue(queue, activity("https://node.example/a/kept"), List.of(Recipient.of(s.inbox("/users/kept/inbox"))));
        assertEquals(1, next.leased().size());
        eventually("the next job is delivered", () -> s.count() == 1);
        assertEquals("/users/kept/inbox", s.received().get(0).path());
    }

    @Test
    void aFullWorkerLeavesTheRestForAClaim() {
        Sink slow = rig.sink().delaying(300);
        use(rig.settings().withBatch(8, 2, 2, 8));
        worker();
        DeliveryQueue.Enqueued e = enqueue(queue, activity("https://node.example/a/many"), inboxes(slow, 5));
        assertEquals(5, e.jobs());
        assertEquals(2, e.leased().size(), "as many as the worker has room for");
        assertEquals(3, e.unleased());
        assertEquals(3, count("SELECT count(*) FROM delivery_jobs WHERE lease_owner IS NULL AND state = 'pending'"));

        // No wake-up asked for, and a poll a minute away: the commit itself tells the worker.
        eventually("every job is delivered", () -> count("SELECT count(*) FROM delivery_jobs WHERE state = 'delivered'") == 5);
        assertEquals(5, slow.count());
        assertTrue(slow.maxConcurrent() <= 2, "never more than the worker's limit: " + slow.maxConcurrent());
    }

    /**
     * A worker whose whole room is set aside for a transaction that then rolls back: the polls made
     * meanwhile found no room, and once the room is given back the worker still claims what is due.
     */
    @Test
    void roomGivenBackByARollbackLetsTheWorkerClaimAgain() {
        Sink s = rig.sink();
        use(rig.settings().withBatch(8, 1, 1, 8).withPollInterval(Duration.ofMillis(30)));
        worker();
        SqlConnection open = Blocking.await(rig.pool().getConnection(), 10, "connection");
        Transaction tx = Blocking.await(open.begin(), 10, "begin");
        DeliveryQueue.Enqueued held = Blocking.await(queue.enqueue(open, activity("https://node.example/a/undone"),
                List.of(Recipient.of(s.inbox("/users/undone/inbox")))), 10, "enqueue");
        assertEquals(1, held.leased().size(), "the worker's only place is set aside");
        // Queued by another process: only a claim finds it.
        enqueue(new DeliveryQueue(rig.clock(), settings), activity("https://node.example/a/due"),
                List.of(Recipient.of(s.inbox("/users/due/inbox"))));
        pause(300);
        assertEquals(0, s.count(), "no room while the place is set aside");

        Blocking.await(tx.rollback(), 10, "rollback");
        open.close();
        eventually("the job found by a claim is delivered", () -> s.count() == 1);
        assertEquals("/users/due/inbox", s.received().get(0).path());
    }

    @Test
    void theLimitsPerServerHoldForHandedOverJobs() {
        Sink busy = rig.sink().delaying(100);
        use(rig.settings().withBatch(64, 64, 2, 3));
        worker();
        DeliveryQueue.Enqueued e = enqueue(queue, activity("https://node.example/a/one-server"), inboxes(busy, 7));
        assertEquals(3, e.leased().size(), "no more of one server than a claim would take");
        eventually("every job is delivered", () -> busy.count() == 7);
        assertTrue(busy.maxConcurrent() <= 2, "at most two requests at once to one server: " + busy.maxConcurrent());
    }

    @Test
    void anUnavailableServerGetsNothingHandedOver() {
        Sink down = rig.sink();
        Blocking.await(rig.pool().preparedQuery("""
                        INSERT INTO instances (host, failure_days, unavailable_since, next_probe_at) VALUES ($1, 7, $2, $3)""")
                .execute(Tuple.of(down.host(), START.atOffset(java.time.ZoneOffset.UTC), START.plus(Duration.ofHours(6))
                        .atOffset(java.time.ZoneOffset.UTC))), 10, "unavailable");
        worker();
        DeliveryQueue.Enqueued e = enqueue(activity("https://node.example/a/down"), List.of(Recipient.of(down.inbox("/inbox"))));
        assertEquals(0, e.leased().size());
        assertEquals(1, e.unleased());
        pause(300);
        assertEquals(0, down.count(), "it waits for the server's probe");
        assertNull(rig.job(down.inbox("/inbox")).getString("lease_owner"));
    }

    @Test
    void aHandedOverJobIsRetriedAndGivenUpByTheUsualRules() {
        Sink flaky = rig.sink().replying(n -> n == 0 ? new Sink.Reply(503, "600") : Sink.Reply.of(202));
        Sink gone = rig.sink().replying(n -> Sink.Reply.of(410));
        // Polling often: the retry is found by a claim, as any job due later.
        use(rig.settings().withPollInterval(Duration.ofMillis(30)));
        worker();
        URI retried = flaky.inbox("/users/f/inbox");
        URI refused = gone.inbox("/users/g/inbox");
        enqueue(activity("https://node.example/a/retry"), List.of(Recipient.of(retried), Recipient.of(refused)));

        eventually("the first attempts are recorded", () -> rig.job(retried).getInteger("attempts") == 1
                && "failed".equals(rig.job(refused).getString("state")));
        Row first = rig.job(retried);
        assertEquals("pending", first.getString("state"));
        assertEquals(503, first.getInteger("last_status"));
        assertEquals(START.plusSeconds(600), first.getOffsetDateTime("next_attempt_at").toInstant());
        assertNull(first.getString("lease_owner"));
        assertEquals(410, rig.job(refused).getInteger("last_status"));

        rig.clock().advance(Duration.ofSeconds(601));
        eventually("the retry is delivered", () -> "delivered".equals(rig.job(retried).getString("state")));
        assertEquals(2, flaky.count());
        assertEquals(1, gone.count(), "a 410 is final");
    }

    @Test
    void jobsOfAProcessThatDiedAfterQueuingAreSentOnceTheirLeaseRunsOut() {
        Sink s = rig.sink();
        // The doomed process's worker takes the hand-off, but dies before it has signed anything.
        Vertx doomed = Vertx.vertx();
        Pool doomedPool = Storage.openMigrated(doomed, TestDatabase.url(), 2);
        DeliveryQueue doomedQueue = new DeliveryQueue(rig.clock(), rig.settings());
        Promise<RequestSigner> never = Promise.promise();
        DeliveryWorker doomedWorker = new DeliveryWorker(doomedPool, doomedQueue, rig.fetcher(doomed), actorId -> never.future(),
                rig.settings(), rig.clock());
        Blocking.await(doomed.deployVerticle(doomedWorker), 10, "deploying the doomed worker");
        pause(100);
        List<Recipient> followers = inboxes(s, 3);
        DeliveryQueue.Enqueued e = Blocking.await(doomedPool.withTransaction(tx -> doomedQueue.enqueue(tx,
                activity("https://node.example/a/orphan"), followers)), 10, "enqueue");
        assertEquals(3, e.leased().size());
        eventually("the doomed worker holds the jobs", () -> doomedWorker.active() == 3);
        // Its connections go first, so nothing it does afterwards reaches the database.
        Blocking.await(doomedPool.close(), 10, "dropping the connection");
        never.fail("the process is gone");
        Blocking.await(doomed.close(), 20, "the process dies");
        assertEquals(3, count("SELECT count(*) FROM delivery_jobs WHERE lease_owner IS NOT NULL AND leased_until > '"
                + START + "'"));

        use(rig.settings().withPollInterval(Duration.ofMillis(30)));
        worker();
        pause(300);
        assertEquals(0, s.count(), "leased jobs are left alone while the lease holds");

        rig.clock().advance(rig.settings().lease().plusSeconds(1));
        eventually("every job is delivered", () -> count("SELECT count(*) FROM delivery_jobs WHERE state = 'delivered'") == 3);
        pause(200);
        assertEquals(3, s.count(), "each once");
    }
}
