package coop.entraide.node.federation.delivery;

import coop.entraide.node.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.Blocking;
import coop.entraide.node.federation.fetch.AddressPolicy;
import coop.entraide.node.federation.fetch.FetchLimits;
import coop.entraide.node.federation.fetch.HostResolver;
import coop.entraide.node.federation.fetch.LoopbackServer;
import coop.entraide.node.federation.fetch.RequestSigner;
import coop.entraide.node.federation.fetch.SafeFetcher;
import coop.entraide.node.store.Storage;
import coop.entraide.protocol.sig.HttpMessage.Header;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue and its workers against a real PostgreSQL and real inbox servers on loopback. The clock
 * is moved by hand: backoff and leases are in minutes, the tests in milliseconds.
 */
class DeliveryWorkerTest {
    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Vertx vertx;
    private Pool pool;
    private MutableClock clock;
    private DeliverySettings settings;
    private DeliveryQueue queue;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        pool = Storage.openMigrated(vertx, TestDatabase.url(), 8);
        toClose.add(() -> Blocking.await(pool.close(), 10, "closing the pool"));
        Blocking.await(pool.query("TRUNCATE delivery_jobs, outgoing_activities, instances").execute(), 10, "truncate");
        clock = new MutableClock(START);
        settings = DeliverySettings.DEFAULT
                .withPollInterval(Duration.ofMillis(30))
                .withSchedule(new RetrySchedule(Duration.ofMinutes(1), Duration.ofHours(1), 0, Duration.ofDays(7)))
                .withFetchLimits(new FetchLimits(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(20), 64 * 1024, 3));
        queue = new DeliveryQueue(clock, settings);
    }

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
        Blocking.await(vertx.close(), 20, "closing vert.x");
    }

    // --- helpers ------------------------------------------------------------------------------

    private Sink sink() {
        Sink s = new Sink(vertx);
        toClose.add(s);
        return s;
    }

    private SafeFetcher fetcher(Vertx on) {
        InetAddress loopback;
        try {
            loopback = InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
        // Tests can only reach loopback: open exactly 127.0.0.1, keep every other private address shut.
        SafeFetcher f = new SafeFetcher(on, new SafeFetcher.Settings(
                AddressPolicy.publicAnd(Set.of(loopback)), HostResolver.system(on), 4, "EntraideTest"));
        toClose.add(f);
        return f;
    }

    private DeliveryWorker worker(Vertx on, Pool using, ActorSigners signers, DeliverySettings with) {
        DeliveryWorker w = new DeliveryWorker(using, new DeliveryQueue(clock, with), fetcher(on), signers, with, clock);
        String id = Blocking.await(on.deployVerticle(w), 10, "deploying a worker");
        toClose.add(() -> Blocking.await(on.undeploy(id), 20, "stopping a worker"));
        return w;
    }

    private DeliveryWorker worker() {
        return worker(vertx, pool, ActorSigners.UNSIGNED, settings);
    }

    private static OutgoingActivity activity(String id) {
        String json = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + id
                + "\",\"type\":\"Create\",\"actor\":\"https://node.example/actors/coop\"}";
        return new OutgoingActivity(id, "https://node.example/actors/coop", json.getBytes(StandardCharsets.UTF_8));
    }

    private DeliveryQueue.Enqueued enqueue(OutgoingActivity activity, List<Recipient> recipients) {
        return Blocking.await(pool.withTransaction(tx -> queue.enqueue(tx, activity, recipients)), 20, "enqueue");
    }

    private DeliveryStats stats() {
        return Blocking.await(queue.stats(pool), 10, "stats");
    }

    private Row job(URI inbox) {
        return Blocking.await(pool.preparedQuery("SELECT * FROM delivery_jobs WHERE inbox = $1").execute(Tuple.of(inbox.toString())),
                10, "job").iterator().next();
    }

    private Row instance(String host) {
        var rows = Blocking.await(pool.preparedQuery("SELECT * FROM instances WHERE host = $1").execute(Tuple.of(host)), 10, "instance");
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            pause(20);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- fan-out ------------------------------------------------------------------------------

    @Test
    void fansOutOneActivityAcrossServersOnceForEachSharedInbox() {
        List<Sink> withShared = List.of(sink(), sink(), sink());
        List<Sink> withoutShared = List.of(sink().delaying(15), sink().delaying(15));
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
        worker(vertx, pool, signers, settings);

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
            assertTrue(s.maxConcurrent() <= settings.maxInFlightPerHost(), "concurrency " + s.maxConcurrent());
        }
        assertEquals(83, signatures.get(), "one signature per (activity, inbox)");
        assertEquals(0, stats().pending() + stats().retrying() + stats().failed());
    }

    @Test
    void enqueueingRollsBackWithTheChangeThatCausedIt() {
        Sink s = sink();
        Future<Object> failed = pool.withTransaction(tx -> queue.enqueue(tx, activity("https://node.example/a/2"),
                List.of(Recipient.of(s.inbox("/inbox")))).compose(e -> Future.failedFuture("the follow could not be stored")));
        assertTrue(Blocking.await(failed.map(true).recover(e -> Future.succeededFuture(false)), 10, "tx") == Boolean.FALSE);
        assertEquals(0L, Blocking.await(pool.query("SELECT count(*) FROM outgoing_activities").execute(), 10, "count")
                .iterator().next().getLong(0));
        assertEquals(0, stats().hosts().size());
    }

    // --- retries and final failures -------------------------------------------------------------

    @Test
    void retriesA503AfterItsRetryAfter() {
        Sink s = sink().replying(n -> n == 0 ? new Sink.Reply(503, "600") : Sink.Reply.of(202));
        URI inbox = s.inbox("/inbox");
        enqueue(activity("https://node.example/a/3"), List.of(Recipient.of(inbox)));
        worker();

        eventually("the first attempt failed", () -> job(inbox).getInteger("attempts") == 1);
        Row first = job(inbox);
        assertEquals("pending", first.getString("state"));
        assertEquals(503, first.getInteger("last_status"));
        assertEquals(START.plusSeconds(600), first.getOffsetDateTime("next_attempt_at").toInstant());
        assertEquals(1, stats().host(s.host()).orElseThrow().retrying());

        clock.advance(Duration.ofSeconds(590));
        pause(200);
        assertEquals(1, s.count(), "not before Retry-After");

        clock.advance(Duration.ofSeconds(11));
        eventually("the retry is delivered", () -> "delivered".equals(job(inbox).getString("state")));
        assertEquals(2, s.count());
        assertEquals(2, job(inbox).getInteger("attempts"));
    }

    @Test
    void retriesA429() {
        Sink s = sink().replying(n -> n == 0 ? Sink.Reply.of(429) : Sink.Reply.of(202));
        URI inbox = s.inbox("/inbox");
        enqueue(activity("https://node.example/a/4"), List.of(Recipient.of(inbox)));
        worker();
        eventually("the first attempt failed", () -> job(inbox).getInteger("attempts") == 1);
        assertEquals(START.plus(Duration.ofMinutes(1)), job(inbox).getOffsetDateTime("next_attempt_at").toInstant());
        clock.advance(Duration.ofMinutes(1));
        eventually("the retry is delivered", () -> "delivered".equals(job(inbox).getString("state")));
        assertEquals(2, s.count());
    }

    @Test
    void gives410UpAtOnce() {
        Sink s = sink().replying(n -> Sink.Reply.of(410));
        URI inbox = s.inbox("/users/gone/inbox");
        enqueue(activity("https://node.example/a/5"), List.of(Recipient.of(inbox)));
        worker();
        eventually("the job failed", () -> "failed".equals(job(inbox).getString("state")));
        clock.advance(Duration.ofDays(1));
        pause(200);
        assertEquals(1, s.count());
        assertEquals(410, job(inbox).getInteger("last_status"));
        assertEquals(1, stats().host(s.host()).orElseThrow().failed());
        Row server = instance(s.host());
        assertEquals(0, server.getInteger("failure_days"), "a server that answers is not failing");
    }

    @Test
    void neverDeliversToABlockedAddress() {
        Sink allowed = sink();
        LoopbackServer canary = LoopbackServer.start(vertx, "127.0.0.2", req -> req.response().setStatusCode(202).end());
        toClose.add(canary);
        enqueue(activity("https://node.example/a/6"), List.of(Recipient.of(canary.uri("/inbox")), Recipient.of(allowed.inbox("/inbox"))));
        worker();
        eventually("the blocked job failed", () -> "failed".equals(job(canary.uri("/inbox")).getString("state")));
        eventually("the allowed job is delivered", () -> "delivered".equals(job(allowed.inbox("/inbox")).getString("state")));
        assertTrue(job(canary.uri("/inbox")).getString("last_error").startsWith("BLOCKED_ADDRESS"));
        assertEquals(0, canary.connections());
    }

    // --- sharing the queue ---------------------------------------------------------------------

    @Test
    void twoProcessesShareTheQueueAndSendEachJobOnce() {
        List<Sink> sinks = List.of(sink().delaying(2), sink().delaying(2), sink().delaying(2));
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
        toClose.add(() -> Blocking.await(other.close(), 20, "closing the second vert.x"));
        Pool otherPool = Storage.openMigrated(other, TestDatabase.url(), 8);
        toClose.add(() -> Blocking.await(otherPool.close(), 10, "closing the second pool"));
        DeliverySettings small = settings.withBatch(20, 40, 4, 8);
        AtomicInteger signedHere = new AtomicInteger();
        AtomicInteger signedThere = new AtomicInteger();
        worker(vertx, pool, counting(signedHere), small);
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
        Sink busy = sink();
        int jobs = 60;
        for (int i = 0; i < jobs; i++) {
            enqueue(activity("https://node.example/a/accept-" + i), List.of(Recipient.of(busy.inbox("/users/f" + i + "/inbox"))));
        }
        worker(vertx, pool, ActorSigners.UNSIGNED, settings.withPollInterval(Duration.ofMinutes(1)));

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
        Sink s = sink();
        Sink t = sink();
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

        clock.advance(settings.lease().plusSeconds(1));
        eventually("every job is delivered", () -> stats().delivered() == 10);
        assertEquals(5, s.count());
        assertEquals(5, t.count());
    }

    @Test
    void aLateReportAfterTheLeaseWasLostChangesNothing() {
        Sink s = sink();
        enqueue(activity("https://node.example/a/late"), List.of(Recipient.of(s.inbox("/inbox"))));
        ClaimedJob first = Blocking.await(queue.claim(pool, "slow/1", 10), 10, "claim").get(0);
        clock.advance(settings.lease().plusSeconds(1));
        ClaimedJob second = Blocking.await(queue.claim(pool, "fast/1", 10), 10, "claim").get(0);
        assertEquals(first.id(), second.id());
        assertFalse(Blocking.await(queue.fail(pool, first, 500, "late", true, true), 10, "late report"));
        assertTrue(Blocking.await(queue.delivered(pool, second, 202), 10, "report"));
        assertEquals("delivered", job(s.inbox("/inbox")).getString("state"));
    }

    // --- unavailable servers --------------------------------------------------------------------

    @Test
    void aServerFailingOnSeveralDaysIsOnlyProbedUntilItAnswers() {
        AtomicInteger mode = new AtomicInteger(503);
        Sink s = sink().replying(n -> Sink.Reply.of(mode.get()));
        DeliverySettings twoDays = settings.withAvailability(2, Duration.ofHours(6));
        queue = new DeliveryQueue(clock, twoDays);
        URI first = s.inbox("/users/a/inbox");
        enqueue(activity("https://node.example/a/u1"), List.of(Recipient.of(first)));
        worker(vertx, pool, ActorSigners.UNSIGNED, twoDays);

        eventually("a failure on day one", () -> job(first).getInteger("attempts") == 1);
        assertEquals(1, instance(s.host()).getInteger("failure_days"));
        assertNull(instance(s.host()).getOffsetDateTime("unavailable_since"));

        clock.advance(Duration.ofDays(1));
        eventually("a failure on day two", () -> job(first).getInteger("attempts") == 2);
        Row server = instance(s.host());
        assertEquals(2, server.getInteger("failure_days"));
        assertNotNull(server.getOffsetDateTime("unavailable_since"));
        OffsetDateTime probeAt = server.getOffsetDateTime("next_probe_at");
        assertEquals(clock.instant().plus(Duration.ofHours(6)), probeAt.toInstant());

        // More activities for the unavailable server wait; nothing is sent before the probe time.
        List<URI> waiting = List.of(s.inbox("/users/b/inbox"), s.inbox("/users/c/inbox"), s.inbox("/users/d/inbox"));
        for (URI inbox : waiting) {
            enqueue(activity("https://node.example/a/for-" + inbox.getPath().hashCode()), List.of(Recipient.of(inbox)));
        }
        clock.advance(Duration.ofHours(5));
        pause(300);
        assertEquals(2, s.count(), "no delivery to an unavailable server before its probe");

        // The probe: exactly one job, and it fails again.
        clock.advance(Duration.ofHours(1));
        eventually("one probe was sent", () -> s.count() == 3);
        pause(300);
        assertEquals(3, s.count(), "a probe is one job, not the backlog");
        assertNotNull(instance(s.host()).getOffsetDateTime("unavailable_since"));

        // The server comes back: the next probe succeeds and the backlog flows.
        mode.set(202);
        clock.advance(Duration.ofHours(6).plusSeconds(1));
        eventually("the backlog is delivered", () -> stats().host(s.host()).orElseThrow().delivered() == 4);
        Row back = instance(s.host());
        assertNull(back.getOffsetDateTime("unavailable_since"));
        assertEquals(0, back.getInteger("failure_days"));
        assertNotNull(back.getOffsetDateTime("last_success_at"));
    }

    @Test
    void aDeliveryRecordsItsServerWhenNewAndRefreshesItHourly() {
        Sink s = sink();
        for (int i = 0; i < 3; i++) {
            enqueue(activity("https://node.example/a/hourly-" + i), List.of(Recipient.of(s.inbox("/users/u" + i + "/inbox"))));
        }
        List<ClaimedJob> jobs = Blocking.await(queue.claim(pool, "w/1", 10), 10, "claim");
        assertEquals(3, jobs.size());

        assertTrue(Blocking.await(queue.delivered(pool, jobs.get(0), 202), 10, "first"));
        assertEquals(START, instance(s.host()).getOffsetDateTime("last_success_at").toInstant(), "a new server is recorded");

        clock.advance(Duration.ofMinutes(30));
        assertTrue(Blocking.await(queue.delivered(pool, jobs.get(1), 202), 10, "second"));
        assertEquals(START, instance(s.host()).getOffsetDateTime("last_success_at").toInstant(), "not rewritten within the hour");

        clock.advance(Duration.ofMinutes(31));
        assertTrue(Blocking.await(queue.delivered(pool, jobs.get(2), 202), 10, "third"));
        assertEquals(clock.instant(), instance(s.host()).getOffsetDateTime("last_success_at").toInstant(), "refreshed after an hour");
        assertEquals(3, stats().host(s.host()).orElseThrow().delivered());
        assertEquals(0, stats().pending());
    }

    @Test
    void jobsPastTheirGiveUpTimeFail() {
        Sink s = sink();
        URI inbox = s.inbox("/inbox");
        enqueue(activity("https://node.example/a/old"), List.of(Recipient.of(inbox)));
        clock.advance(settings.schedule().giveUpAfter().plusSeconds(1));
        assertEquals(1, Blocking.await(queue.expire(pool), 10, "expire"));
        assertEquals("failed", job(inbox).getString("state"));
        assertEquals(1, stats().failed());
    }

    @Test
    void statsCountPendingRetryingAndFailedPerServer() {
        Sink a = sink().replying(n -> Sink.Reply.of(500));
        Sink b = sink().replying(n -> Sink.Reply.of(404));
        Sink c = sink();
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
