package coop.entraide.node.federation.delivery;

import static coop.entraide.node.federation.delivery.DeliveryRig.START;
import static coop.entraide.node.federation.delivery.DeliveryRig.eventually;
import static coop.entraide.node.federation.delivery.DeliveryRig.pause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.Blocking;
import coop.entraide.node.federation.fetch.LoopbackServer;
import coop.entraide.node.federation.fetch.RequestSigner;
import coop.entraide.node.store.Storage;
import coop.entraide.protocol.sig.HttpMessage.Header;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The queue and its workers against a real PostgreSQL and real inbox servers on loopback. The clock
 * is moved by hand: backoff and leases are in minutes, the tests in milliseconds.
 */
class DeliveryWorkerTest {
    @RegisterExtension
    final DeliveryRig rig = new DeliveryRig(Duration.ofMillis(30));

    private DeliveryQueue queue;

    @BeforeEach
    void start() {
        queue = new DeliveryQueue(rig.clock(), rig.settings());
    }

    // --- helpers ------------------------------------------------------------------------------

    private DeliveryWorker worker(Vertx on, Pool using, ActorSigners signers, DeliverySettings with) {
        return rig.worker(on, using, new DeliveryQueue(rig.clock(), with), with, signers);
    }

    private DeliveryWorker worker() {
        return worker(rig.vertx(), rig.pool(), ActorSigners.UNSIGNED, rig.settings());
    }

    /** Records {@code job} delivered (202) as the worker does; the ids recorded. */
    private Set<Long> delivered(ClaimedJob job) {
        return Blocking.await(queue.deliveredAll(rig.pool(), List.of(new DeliveryQueue.Delivered(job, 202))), 10, "report");
    }

    private static OutgoingActivity activity(String id) {
        String json = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + id
                + "\",\"type\":\"Create\",\"actor\":\"https://node.example/actors/coop\"}";
        return new OutgoingActivity(id, "https://node.example/actors/coop", json.getBytes(StandardCharsets.UTF_8));
    }

    private DeliveryQueue.Enqueued enqueue(OutgoingActivity activity, List<Recipient> recipients) {
        return Blocking.await(rig.pool().withTransaction(tx -> queue.enqueue(tx, activity, recipients)), 20, "enqueue");
    }

    private DeliveryStats stats() {
        return Blocking.await(queue.stats(rig.pool()), 10, "stats");
    }

    private Row instance(String host) {
        var rows = Blocking.await(rig.pool().preparedQuery("SELECT * FROM instances WHERE host = $1").execute(Tuple.of(host)), 10, "instance");
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    // --- fan-out ------------------------------------------------------------------------------

    @Test
    void fansOutOneActivityAcrossServersOnceForEachSharedInbox() {
        List<Sink> withShared = List.of(rig.sink(), rig.sink(), rig.sink());
        List<Sink> withoutShared = List.of(rig.sink().delaying(15), rig.sink().delaying(15));
        List<Recipient> followers = new ArrayList<>();
        for (Sink s : withShared) {
            for (int i = 0; i < 40; i++) {
                followers.add(Recipient.of(s.inbox("/users/u" + i + "/inbox"), s.inbox("/inbox")));
            }
        }
        for (Sink s : withoutShared) {
            for (int i = 0; i < 40; i++) {
                followers.add(Recipient.of(s.inbox("/users/u" + i + "/inbox")));
            }
        }
        AtomicInteger signatures = new AtomicInteger();
        ActorSigners signers = actorId -> Future.succeededFuture((RequestSigner) message -> {
            signatures.incrementAndGet();
            return List.of(new Header("Signature", "keyId=\"" + actorId + "#main-key\",for=\"" + message.target().getPath() + "\""));
        });
        OutgoingActivity create = activity("https://node.example/activities/1");

        DeliveryQueue.Enqueued enqueued = enqueue(create, followers);
        assertEquals(3 + 80, enqueued.jobs());
        worker(rig.vertx(), rig.pool(), signers, rig.settings());

        eventually("every job is delivered", () -> stats().delivered() == 83);
        String body = new String(create.body(), StandardCharsets.UTF_8);
        for (Sink s : withShared) {
            assertEquals(1, s.count());
            Sink.Received r = s.received().get(0);
            assertEquals("/inbox", r.path());
            assertEquals(body, r.body());
            assertEquals("application/activity+json", r.contentType());
            assertEquals("keyId=\"https://node.example/actors/coop#main-key\",for=\"/inbox\"", r.signature());
        }
        for (Sink s : withoutShared) {
            assertEquals(40, s.count());
            assertEquals(40, s.received().stream().map(Sink.Received::path).distinct().count());
            assertTrue(s.maxConcurrent() <= rig.settings().maxInFlightPerHost(), "concurrency " + s.maxConcurrent());
        }
        assertEquals(83, signatures.get(), "one signature per (activity, inbox)");
        assertEquals(0, stats().pending() + stats().retrying() + stats().failed());
    }

    @Test
    void enqueueingRollsBackWithTheChangeThatCausedIt() {
        Sink s = rig.sink();
        Future<Object> failed = rig.pool().withTransaction(tx -> queue.enqueue(tx, activity("https://node.example/a/2"),
                List.of(Recipient.of(s.inbox("/inbox")))).compose(e -> Future.failedFuture("the follow could not be stored")));
        assertTrue(Blocking.await(failed.map(true).recover(e -> Future.succeededFuture(false)), 10, "tx") == Boolean.FALSE);
        assertEquals(0L, Blocking.await(rig.pool().query("SELECT count(*) FROM outgoing_activities").execute(), 10, "count")
                .iterator().next().getLong(0));
        assertEquals(0, stats().hosts().size());
    }

    // --- retries and final failures -------------------------------------------------------------

    @Test
    void retriesA503AfterItsRetryAfter() {
        Sink s = rig.sink().replying(n -> n == 0 ? new Sink.Reply(503, "600") : Sink.Reply.of(202));
        URI inbox = s.inbox("/inbox");
        enqueue(activity("https://node.example/a/3"), List.of(Recipient.of(inbox)));
        worker();

        eventually("the first attempt failed", () -> rig.job(inbox).getInteger("attempts") == 1);
        Row first = rig.job(inbox);
        assertEquals("pending", first.getString("state"));
        assertEquals(503, first.getInteger("last_status"));
        assertEquals(START.plusSeconds(600), first.getOffsetDateTime("next_attempt_at").toInstant());
        assertEquals(1, stats().host(s.host()).orElseThrow().retrying());

        rig.clock().advance(Duration.ofSeconds(590));
        pause(200);
        assertEquals(1, s.count(), "not before Retry-After");

        rig.clock().advance(Duration.ofSeconds(11));
        eventually("the retry is delivered", () -> "delivered".equals(rig.job(inbox).getString("state")));
        assertEquals(2, s.count());
        assertEquals(2, rig.job(inbox).getInteger("attempts"));
    }

    @Test
    void retriesA429() {
        Sink s = rig.sink().replying(n -> n == 0 ? Sink.Reply.of(429) : Sink.Reply.of(202));
        URI inbox = s.inbox("/inbox");
        enqueue(activity("https://node.example/a/4"), List.of(Recipient.of(inbox)));
        worker();
        eventually("the first attempt failed", () -> rig.job(inbox).getInteger("attempts") == 1);
        assertEquals(START.plus(Duration.ofMinutes(1)), rig.job(inbox).getOffsetDateTime("next_attempt_at").toInstant());
        rig.clock().advance(Duration.ofMinutes(1));
        eventually("the retry is delivered", () -> "delivered".equals(rig.job(inbox).getString("state")));
        assertEquals(2, s.count());
    }

    @Test
    void gives410UpAtOnce() {
        Sink s = rig.sink().replying(n -> Sink.Reply.of(410));
        URI inbox = s.inbox("/users/gone/inbox");
        enqueue(activity("https://node.example/a/5"), List.of(Recipient.of(inbox)));
        worker();
        eventually("the job failed", () -> "failed".equals(rig.job(inbox).getString("state")));
        rig.clock().advance(Duration.ofDays(1));
        pause(200);
        assertEquals(1, s.count());
        assertEquals(410, rig.job(inbox).getInteger("last_status"));
        assertEquals(1, stats().host(s.host()).orElseThrow().failed());
        Row server = instance(s.host());
        assertEquals(0, server.getInteger("failure_days"), "a server that answers is not failing");
    }

    @Test
    void neverDeliversToABlockedAddress() {
        Sink allowed = rig.sink();
        LoopbackServer canary = LoopbackServer.start(rig.vertx(), "127.0.0.2", req -> req.response().setStatusCode(202).end());
        rig.closeAfter(canary);
        enqueue(activity("https://node.example/a/6"), List.of(Recipient.of(canary.uri("/inbox")), Recipient.of(allowed.inbox("/inbox"))));
        worker();
        eventually("the blocked job failed", () -> "failed".equals(rig.job(canary.uri("/inbox")).getString("state")));
        eventually("the allowed job is delivered", () -> "delivered".equals(rig.job(allowed.inbox("/inbox")).getString("state")));
        assertTrue(rig.job(canary.uri("/inbox")).getString("last_error").startsWith("BLOCKED_ADDRESS"));
        assertEquals(0, canary.connections());
    }

    // --- sharing the queue ---------------------------------------------------------------------

    @Test
    void twoProcessesShareTheQueueAndSendEachJobOnce() {
        List<Sink> sinks = List.of(rig.sink().delaying(2), rig.sink().delaying(2), rig.sink().delaying(2));
        int activities = 4;
        int perServer = 60;
        for (int a = 0; a < activities; a++) {
            List<Recipient> followers = new ArrayList<>();
            for (Sink s : sinks) {
                for (int i = 0; i < perServer; i++) {
                    followers.add(Recipient.of(s.inbox("/users/u" + i + "/inbox")));
                }
            }
            enqueue(activity("https://node.example/a/share-" + a), followers);
        }
        int total = activities * sinks.size() * perServer;

        // A second process: its own Vert.x, its own pool, its own fetcher.
        Vertx other = Vertx.vertx();
        rig.closeAfter(() -> Blocking.await(other.close(), 20, "closing the second vert.x"));
        Pool otherPool = Storage.openMigrated(other, TestDatabase.url(), 8);
        rig.closeAfter(() -> Blocking.await(otherPool.close(), 10, "closing the second pool"));
        DeliverySettings small = rig.settings().withBatch(20, 40, 4, 8);
        AtomicInteger signedHere = new AtomicInteger();
        AtomicInteger signedThere = new AtomicInteger();
        worker(rig.vertx(), rig.pool(), counting(signedHere), small);
        worker(other, otherPool, counting(signedThere), small);

        eventually("every job is delivered", () -> stats().delivered() == total);
        Map<String, Integer> seen = new HashMap<>();
        for (Sink s : sinks) {
            for (Sink.Received r : s.received()) {
                seen.merge(s.host() + r.path() + "|" + r.body(), 1, Integer::sum);
            }
        }
        assertEquals(total, seen.size());
        assertEquals(Set.of(1), new HashSet<>(seen.values()), "each (activity, inbox) exactly once");
        assertEquals(total, signedHere.get() + signedThere.get(), "each job signed (and sent) by one process only");
        assertTrue(signedHere.get() > 0 && signedThere.get() > 0,
                "both processes took part: " + signedHere.get() + " and " + signedThere.get());
    }

    @Test
    void oneServersManyJobsDoNotWaitForThePollInterval() {
        // Accepts of a wave of Follows from one server: one activity per personal inbox, queued one
        // after the other. A claim takes 8 of them at most; the next claim must not wait a minute.
        Sink busy = rig.sink();
        int jobs = 60;
        for (int i = 0; i < jobs; i++) {
            enqueue(activity("https://node.example/a/accept-" + i), List.of(Recipient.of(busy.inbox("/users/f" + i + "/inbox"))));
        }
        worker(rig.vertx(), rig.pool(), ActorSigners.UNSIGNED, rig.settings().withPollInterval(Duration.ofMinutes(1)));

        long started = System.nanoTime();
        eventually("every job is delivered", () -> stats().delivered() == jobs);
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(20).toNanos());
        assertEquals(jobs, busy.received().size());
    }

    private static ActorSigners counting(AtomicInteger counter) {
        return actorId -> Future.succeededFuture((RequestSigner) message -> {
            counter.incrementAndGet();
            return List.of();
        });
    }

    @Test
    void jobsOfACrashedProcessAreDeliveredOnceTheirLeaseRunsOut() {
        Sink s = rig.sink();
        Sink t = rig.sink();
        List<Recipient> followers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            followers.add(Recipient.of(s.inbox("/users/u" + i + "/inbox")));
            followers.add(Recipient.of(t.inbox("/users/u" + i + "/inbox")));
        }
        enqueue(activity("https://node.example/a/crash"), followers);

        // A process claims the whole fan-out, then dies before sending anything.
        Vertx doomed = Vertx.vertx();
        Pool doomedPool = Storage.openMigrated(doomed, TestDatabase.url(), 2);
        List<ClaimedJob> taken = Blocking.await(queue.claim(doomedPool, "doomed/1", 100), 10, "claim");
        assertEquals(10, taken.size());
        Blocking.await(doomedPool.close(), 10, "dropping the connection");
        Blocking.await(doomed.close(), 10, "the process dies");

        worker();
        pause(300);
        assertEquals(0, s.count() + t.count(), "leased jobs are left alone while the lease holds");

        rig.clock().advance(rig.settings().lease().plusSeconds(1));
        eventually("every job is delivered", () -> stats().delivered() == 10);
        assertEquals(5, s.count());
        assertEquals(5, t.count());
    }

    @Test
    void aLateReportAfterTheLeaseWasLostChangesNothing() {
        Sink s = rig.sink();
        enqueue(activity("https://node.example/a/late"), List.of(Recipient.of(s.inbox("/inbox"))));
        ClaimedJob first = Blocking.await(queue.claim(rig.pool(), "slow/1", 10), 10, "claim").get(0);
        rig.clock().advance(rig.settings().lease().plusSeconds(1));
        ClaimedJob second = Blocking.await(queue.claim(rig.pool(), "fast/1", 10), 10, "claim").get(0);
        assertEquals(first.id(), second.id());
        assertEquals(Set.of(), Blocking.await(queue.unsentAll(rig.pool(),
                List.of(DeliveryQueue.Unsent.failed(first, 500, "late", true, true))), 10, "late report"));
        assertEquals(Set.of(second.id()), delivered(second));
        assertEquals("delivered", rig.job(s.inbox("/inbox")).getString("state"));
    }

    // --- unavailable servers --------------------------------------------------------------------

    @Test
    void aServerFailingOnSeveralDaysIsOnlyProbedUntilItAnswers() {
        AtomicInteger mode = new AtomicInteger(503);
        Sink s = rig.sink().replying(n -> Sink.Reply.of(mode.get()));
        DeliverySettings twoDays = rig.settings().withAvailability(2, Duration.ofHours(6));
        queue = new DeliveryQueue(rig.clock(), twoDays);
        URI first = s.inbox("/users/a/inbox");
        enqueue(activity("https://node.example/a/u1"), List.of(Recipient.of(first)));
        worker(rig.vertx(), rig.pool(), ActorSigners.UNSIGNED, twoDays);

        eventually("a failure on day one", () -> rig.job(first).getInteger("attempts") == 1);
        assertEquals(1, instance(s.host()).getInteger("failure_days"));
        assertNull(instance(s.host()).getOffsetDateTime("unavailable_since"));

        rig.clock().advance(Duration.ofDays(1));
        eventually("a failure on day two", () -> rig.job(first).getInteger("attempts") == 2);
        Row server = instance(s.host());
        assertEquals(2, server.getInteger("failure_days"));
        assertNotNull(server.getOffsetDateTime("unavailable_since"));
        OffsetDateTime probeAt = server.getOffsetDateTime("next_probe_at");
        assertEquals(rig.clock().instant().plus(Duration.ofHours(6)), probeAt.toInstant());

        // More activities for the unavailable server wait; nothing is sent before the probe time.
        List<URI> waiting = List.of(s.inbox("/users/b/inbox"), s.inbox("/users/c/inbox"), s.inbox("/users/d/inbox"));
        for (URI inbox : waiting) {
            enqueue(activity("https://node.example/a/for-" + inbox.getPath().hashCode()), List.of(Recipient.of(inbox)));
        }
        rig.clock().advance(Duration.ofHours(5));
        pause(300);
        assertEquals(2, s.count(), "no delivery to an unavailable server before its probe");

        // The probe: exactly one job, and it fails again.
        rig.clock().advance(Duration.ofHours(1));
        eventually("one probe was sent", () -> s.count() == 3);
        pause(300);
        assertEquals(3, s.count(), "a probe is one job, not the backlog");
        assertNotNull(instance(s.host()).getOffsetDateTime("unavailable_since"));

        // The server comes back: the next probe succeeds and the backlog flows.
        mode.set(202);
        rig.clock().advance(Duration.ofHours(6).plusSeconds(1));
        eventually("the backlog is delivered", () -> stats().host(s.host()).orElseThrow().delivered() == 4);
        Row back = instance(s.host());
        assertNull(back.getOffsetDateTime("unavailable_since"));
        assertEquals(0, back.getInteger("failure_days"));
        assertNotNull(back.getOffsetDateTime("last_success_at"));
    }

    @Test
    void aDeliveryRecordsItsServerWhenNewAndRefreshesItHourly() {
        Sink s = rig.sink();
        for (int i = 0; i < 3; i++) {
            enqueue(activity("https://node.example/a/hourly-" + i), List.of(Recipient.of(s.inbox("/users/u" + i + "/inbox"))));
        }
        List<ClaimedJob> jobs = Blocking.await(queue.claim(rig.pool(), "w/1", 10), 10, "claim");
        assertEquals(3, jobs.size());

        assertEquals(Set.of(jobs.get(0).id()), delivered(jobs.get(0)));
        assertEquals(START, instance(s.host()).getOffsetDateTime("last_success_at").toInstant(), "a new server is recorded");

        rig.clock().advance(Duration.ofMinutes(30));
        assertEquals(Set.of(jobs.get(1).id()), delivered(jobs.get(1)));
        assertEquals(START, instance(s.host()).getOffsetDateTime("last_success_at").toInstant(), "not rewritten within the hour");

        rig.clock().advance(Duration.ofMinutes(31));
        assertEquals(Set.of(jobs.get(2).id()), delivered(jobs.get(2)));
        assertEquals(rig.clock().instant(), instance(s.host()).getOffsetDateTime("last_success_at").toInstant(), "refreshed after an hour");
        assertEquals(3, stats().host(s.host()).orElseThrow().delivered());
        assertEquals(0, stats().pending());
    }

    @Test
    void jobsPastTheirGiveUpTimeFail() {
        Sink s = rig.sink();
        URI inbox = s.inbox("/inbox");
        enqueue(activity("https://node.example/a/old"), List.of(Recipient.of(inbox)));
        rig.clock().advance(rig.settings().schedule().giveUpAfter().plusSeconds(1));
        assertEquals(1, Blocking.await(queue.expire(rig.pool()), 10, "expire"));
        assertEquals("failed", rig.job(inbox).getString("state"));
        assertEquals(1, stats().failed());
    }

    @Test
    void statsCountPendingRetryingAndFailedPerServer() {
        Sink a = rig.sink().replying(n -> Sink.Reply.of(500));
        Sink b = rig.sink().replying(n -> Sink.Reply.of(404));
        Sink c = rig.sink();
        enqueue(activity("https://node.example/a/s1"), List.of(Recipient.of(a.inbox("/inbox")), Recipient.of(b.inbox("/inbox"))));
        enqueue(activity("https://node.example/a/s2"), List.of(Recipient.of(c.inbox("/inbox"))));
        DeliveryStats before = stats();
        assertEquals(3, before.pending());
        worker();
        eventually("all attempted once", () -> {
            DeliveryStats now = stats();
            return now.retrying() == 1 && now.failed() == 1 && now.delivered() == 1;
        });
        DeliveryStats after = stats();
        assertEquals(1, after.host(a.host()).orElseThrow().retrying());
        assertEquals(1, after.host(b.host()).orElseThrow().failed());
        assertEquals(1, after.host(c.host()).orElseThrow().delivered());
        assertEquals(0, after.pending());
    }
}
