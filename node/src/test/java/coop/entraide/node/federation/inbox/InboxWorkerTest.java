package coop.entraide.node.federation.inbox;

import static coop.entraide.node.federation.inbox.InboxRows.awaitFinished;
import static coop.entraide.node.federation.inbox.InboxRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.Blocking;
import coop.entraide.node.TestNode;
import coop.entraide.node.federation.Federation;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The inbox worker on a real node, with activities stored as the inbox stores them and tiny test
 * handlers registered the way capabilities register theirs.
 */
class InboxWorkerTest {
    private static final String SENDER = "https://remote.example/users/ana";

    private static TestNode node;
    private static Pool pool;
    private static Federation federation;
    private static final Map<Long, AtomicInteger> handled = new ConcurrentHashMap<>();
    /** The transactions each {@code Gather} row was handled in, rolled back ones included. */
    private static final Map<Long, List<Long>> transactions = new ConcurrentHashMap<>();
    /** How many times the {@code Collect} handler's gathered writes were finished. */
    private static final AtomicInteger finishes = new AtomicInteger();

    @BeforeAll
    static void start() {
        node = TestNode.start();
        pool = node.node().context().pool();
        federation = node.node().context().federation();
        node.await(pool.preparedQuery("""
                        INSERT INTO actors (uri, type, username, domain, inbox_uri, fetched_at)
                        VALUES ($1, 'Person', 'ana', 'remote.example', $1 || '/inbox', now())""")
                .execute(Tuple.of(SENDER)));
        federation.handlers().register(handling("Arrive", (tx, activity) -> {
            handled.computeIfAbsent(activity.row(), r -> new AtomicInteger()).incrementAndGet();
            return tx.query("SELECT pg_sleep(0.01)").execute().compose(r -> ActivityHandler.applied());
        }));
        node.await(pool.query("CREATE TABLE gathered (activity_uri text PRIMARY KEY, row_id bigint NOT NULL)").execute());
        // Idempotent as handlers must be: a second copy of the same activity changes nothing.
        federation.handlers().register(handling("Gather", (tx, activity) -> tx.query("SELECT txid_current() AS tx").execute()
                .compose(rows -> {
                    transactions.computeIfAbsent(activity.row(), r -> new CopyOnWriteArrayList<>())
                            .add(rows.iterator().next().getLong("tx"));
                    return tx.preparedQuery("INSERT INTO gathered VALUES ($1, $2) ON CONFLICT DO NOTHING")
                            .execute(Tuple.of(activity.activity().id(), activity.row()));
                })
                .compose(rows -> rows.rowCount() == 1
                        ? ActivityHandler.applied()
                        : ActivityHandler.ignored("already gathered"))));
        federation.handlers().register(handling("Leave",
                (tx, activity) -> Future.failedFuture(new IllegalStateException("the leaving desk is closed"))));
        federation.handlers().register(new ActivityHandler() {
            @Override
            public Set<String> types() {
                return Set.of("Travel");
            }

            /** As a handler whose fetch from another server fails for now: the preparation fails. */
            @Override
            public Future<Prepared> prepare(io.vertx.sqlclient.SqlClient db, InboundActivity activity) {
                return Future.failedFuture(new IllegalStateException("the other server answers 503"));
            }

            @Override
            public Future<Outcome> handle(SqlConnection tx, InboundActivity activity) {
                throw new AssertionError("a Travel whose preparation failed must not be written");
            }
        });

        federation.handlers().register(new ActivityHandler() {
            @Override
            public Set<String> types() {
                return Set.of("Collect");
            }

            @Override
            public Future<Outcome> handle(SqlConnection tx, InboundActivity activity) {
                throw new AssertionError("a Collect is written with its batch");
            }

            /** Each Collect of a batch is written by one statement, after the last of them. */
            @Override
            public List<Future<Prepared>> prepareAll(io.vertx.sqlclient.SqlClient db, List<InboundActivity> mine,
                                                     List<InboundActivity> batch) {
                List<String> ids = new ArrayList<>();
                Gathered together = tx -> {
                    finishes.incrementAndGet();
                    if (ids.stream().anyMatch(id -> id.contains("poison"))) {
                        return Future.failedFuture(new IllegalStateException("a poisoned collection"));
                    }
                    return tx.preparedQuery("INSERT INTO gathered SELECT unnest($1::text[]), txid_current() ON CONFLICT DO NOTHING")
                            .execute(Tuple.from(new Object[] {ids.toArray(String[]::new)})).mapEmpty();
                };
                List<Future<Prepared>> prepared = new ArrayList<>();
                for (InboundActivity in : mine) {
                    prepared.add(Future.succeededFuture(new Prepared() {
                        @Override
                        public Future<Outcome> write(SqlConnection tx) {
                            ids.add(in.activity().id());
                            return ActivityHandler.applied();
                        }

                        @Override
                        public Gathered gathered() {
                            return together;
                        }
                    }));
                }
                return prepared;
            }
        });    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** A test handler of the activities of {@code type}, which prepares nothing of its own. */
    private static ActivityHandler handling(String type, BiFunction<SqlConnection, InboundActivity, Future<ActivityHandler.Outcome>> handle) {
        return new ActivityHandler() {
            @Override
            public Set<String> types() {
                return Set.of(type);
            }

            @Override
            public Future<Outcome> handle(SqlConnection tx, InboundActivity activity) {
                return handle.apply(tx, activity);
            }
        };
    }

    private static String store(String type) {
        String id = SENDER + "/activities/" + java.util.UUID.randomUUID();
        String body = "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"actor\":\"" + SENDER
                + "\",\"object\":\"https://remote.example/objects/1\"}";
        node.await(federation.inbox().store().insert(pool, new InboxStore.Received(id, id, SENDER, type,
                body.getBytes(StandardCharsets.UTF_8), "draft-cavage-12", null), Instant.now()));
        return id;
    }

    private static String activityId() {
        return SENDER + "/activities/" + java.util.UUID.randomUUID();
    }

    private static InboxStore.Received received(String dedupeKey, String id, String type) {
        String body = "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"actor\":\"" + SENDER
                + "\",\"object\":\"https://remote.example/objects/1\"}";
        return new InboxStore.Received(dedupeKey, id, SENDER, type, body.getBytes(StandardCharsets.UTF_8),
                "draft-cavage-12", null);
    }

    /** Stores these activities in one transaction, so that the worker claims them together in one batch. */
    private static void storeTogether(List<InboxStore.Received> rows) {
        node.await(federation.inbox().store().insertAll(pool, rows, Instant.now()));
    }

    /** {@code size} Gathers but for one {@code type} at index {@code at}, stored to be claimed in one batch. */
    private static List<InboxStore.Received> gathersStoredTogetherWith(int size, int at, String type) {
        List<InboxStore.Received> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String id = activityId();
            batch.add(received(id, id, i == at ? type : "Gather"));
        }
        storeTogether(batch);
        return batch;
    }

    private static Row rowByKey(String dedupeKey) {
        return node.await(pool.preparedQuery("SELECT * FROM inbox_activities WHERE dedupe_key = $1").execute(Tuple.of(dedupeKey)))
                .iterator().next();
    }

    private static Row awaitAttempted(String dedupeKey) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Row row = rowByKey(dedupeKey);
            if (row.getInteger("attempts") > 0) {
                return row;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(dedupeKey + " was never attempted");
    }

    private static long gathered(String activityId) {
        return node.await(pool.preparedQuery("SELECT count(*) AS n FROM gathered WHERE activity_uri = $1")
                .execute(Tuple.of(activityId))).iterator().next().getLong("n");
    }

    @Test
    void twoWorkersApplyEachActivityExactlyOnce() throws Exception {
        InboxWorker second = federation.inbox().newWorker(InboxSettings.DEFAULT.withPollInterval(Duration.ofMillis(20)));
        String deployment = Blocking.await(node.node().context().vertx().deployVerticle(second), 10, "deploy");
        try {
            java.util.List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ids.add(store("Arrive"));
            }
            for (String id : ids) {
                assertEquals("processed", awaitFinished(node, id).getString("state"));
            }
            for (String id : ids) {
                long rowId = row(node, id).getLong("id");
                assertEquals(1, handled.get(rowId).get(), "activity " + rowId + " handled once");
            }
        } finally {
            Blocking.await(node.node().context().vertx().undeploy(deployment), 10, "undeploy");
        }
    }

    @Test
    void anActivityNoHandlerTakesIsKeptAsIgnored() throws Exception {
        String id = store("Listen");
        Row row = awaitFinished(node, id);
        assertEquals("ignored", row.getString("state"));
        assertTrue(row.getString("error").contains("no handler for Listen"), row.getString("error"));
    }

    @Test
    void aFailingHandlerIsRetriedLaterWithItsError() throws Exception {
        String id = store("Leave");
        Instant deadline = Instant.now().plusSeconds(20);
        Row row = row(node, id);
        while (row.getInteger("attempts") == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            row = row(node, id);
        }
        assertEquals("pending", row.getString("state"));
        assertEquals(1, row.getInteger("attempts"));
        assertTrue(row.getString("error").contains("the leaving desk is closed"), row.getString("error"));
        assertTrue(row.getOffsetDateTime("next_attempt_at").toInstant().isAfter(Instant.now().plusSeconds(10)));
    }

    @Test
    void aFailingActivityFailsAloneAndTheOthersOfItsBatchAreApplied() throws Exception {
        List<InboxStore.Received> batch = gathersStoredTogetherWith(5, 3, "Leave");

        for (InboxStore.Received r : batch) {
            Row row = awaitAttempted(r.dedupeKey());
            assertEquals(1, row.getInteger("attempts"), r.type());
            if (r.type().equals("Leave")) {
                assertEquals("pending", row.getString("state"));
                assertTrue(row.getString("error").contains("the leaving desk is closed"), row.getString("error"));
            } else {
                assertEquals("processed", row.getString("state"));
                assertEquals(1, gathered(r.activityUri()), "applied once: " + r.activityUri());
            }
        }
        // Those before the failing one were first tried together, in the transaction the failure
        // rolled back; then each was applied in a transaction of its own.
        Set<Long> batchTransactions = new HashSet<>();
        Set<Long> ownTransactions = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            if (i == 3) {
                continue;
            }
            List<Long> tries = transactions.get(rowByKey(batch.get(i).dedupeKey()).getLong("id"));
            assertEquals(i < 3 ? 2 : 1, tries.size(), "activity " + i + " tried in: " + tries);
            if (i < 3) {
                batchTransactions.add(tries.get(0));
            }
            ownTransactions.add(tries.get(tries.size() - 1));
        }
        assertEquals(1, batchTransactions.size(), "one transaction for the batch");
        assertEquals(4, ownTransactions.size(), "then one transaction each");
        assertTrue(java.util.Collections.disjoint(batchTransactions, ownTransactions));
    }

    @Test
    void theSameActivityTwiceInOneBatchIsAppliedOnce() throws Exception {
        String id = activityId();
        String other = activityId();
        // The same activity through two inboxes (stored under two keys), and another beside it.
        List<InboxStore.Received> batch = List.of(received(id + "#shared", id, "Gather"),
                received(id + "#personal", id, "Gather"), received(other, other, "Gather"));
        storeTogether(batch);

        Row first = awaitAttempted(id + "#shared");
        Row second = awaitAttempted(id + "#personal");
        awaitAttempted(other);
        assertEquals(1, gathered(id));
        assertEquals(1, gathered(other));
        assertEquals(Set.of("processed", "ignored"), Set.of(first.getString("state"), second.getString("state")));
        String ignored = first.getString("state").equals("ignored") ? first.getString("error") : second.getString("error");
        assertEquals("already gathered", ignored);
        // One transaction for the three of them: the second copy saw what the first wrote.
        Set<Long> txs = new HashSet<>();
        for (Row r : List.of(first, second)) {
            txs.addAll(transactions.get(r.getLong("id")));
        }
        txs.addAll(transactions.get(rowByKey(other).getLong("id")));
        assertEquals(1, txs.size(), "applied in one batch: " + txs);
    }

    @Test
    void aFailedPreparationFailsItsActivityAloneAndTheBatchIsAppliedInOneTransaction() throws Exception {
        List<InboxStore.Received> batch = gathersStoredTogetherWith(4, 1, "Travel");

        Set<Long> txs = new HashSet<>();
        for (InboxStore.Received r : batch) {
            Row row = awaitAttempted(r.dedupeKey());
            if (r.type().equals("Travel")) {
                assertEquals("pending", row.getString("state"));
                assertEquals(1, row.getInteger("attempts"));
                assertTrue(row.getString("error").contains("the other server answers 503"), row.getString("error"));
                assertTrue(row.getOffsetDateTime("next_attempt_at").toInstant().isAfter(Instant.now().plusSeconds(10)));
            } else {
                assertEquals("processed", row.getString("state"));
                assertEquals(1, gathered(r.activityUri()));
                List<Long> tries = transactions.get(row.getLong("id"));
                assertEquals(1, tries.size(), "applied at the first try, never rolled back: " + tries);
                txs.addAll(tries);
            }
        }
        assertEquals(1, txs.size(), "the three others applied together: " + txs);
    }

    @Test
    void writesGatheredAcrossABatchAreFinishedOnceInItsTransaction() throws Exception {
        int before = finishes.get();
        List<InboxStore.Received> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = activityId();
            batch.add(received(id, id, "Collect"));
        }
        storeTogether(batch);

        Set<Long> txs = new HashSet<>();
        for (InboxStore.Received r : batch) {
            assertEquals("processed", awaitAttempted(r.dedupeKey()).getString("state"));
            txs.add(node.await(pool.preparedQuery("SELECT row_id FROM gathered WHERE activity_uri = $1")
                    .execute(Tuple.of(r.activityUri()))).iterator().next().getLong("row_id"));
        }
        assertEquals(1, finishes.get() - before, "one finish for the batch");
        assertEquals(1, txs.size(), "all written in one transaction");
    }

    @Test
    void aFailingGatheredWriteRollsTheBatchBackAndItsActivitiesAreAppliedOneByOne() throws Exception {
        List<InboxStore.Received> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = activityId() + (i == 2 ? "-poison" : "");
            batch.add(received(id, id, "Collect"));
        }
        storeTogether(batch);

        for (InboxStore.Received r : batch) {
            Row row = awaitAttempted(r.dedupeKey());
            assertEquals(1, row.getInteger("attempts"));
            if (r.activityUri().endsWith("-poison")) {
                assertEquals("pending", row.getString("state"));
                assertTrue(row.getString("error").contains("a poisoned collection"), row.getString("error"));
                assertEquals(0, gathered(r.activityUri()));
            } else {
                assertEquals("processed", row.getString("state"));
                assertEquals(1, gathered(r.activityUri()), "written alone once the batch was rolled back");
            }
        }
    }
}
