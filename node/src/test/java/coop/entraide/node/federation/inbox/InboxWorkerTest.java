package coop.entraide.node.federation.inbox;

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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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

    @BeforeAll
    static void start() {
        node = TestNode.start();
        pool = node.node().context().pool();
        federation = node.node().context().federation();
        node.await(pool.preparedQuery("""
                        INSERT INTO actors (uri, type, username, domain, inbox_uri, fetched_at)
                        VALUES ($1, 'Person', 'ana', 'remote.example', $1 || '/inbox', now())""")
                .execute(Tuple.of(SENDER)));
        federation.handlers().register(new ActivityHandler() {
            @Override
            public Set<String> types() {
                return Set.of("Arrive");
            }

            @Override
            public Future<Outcome> handle(SqlConnection tx, InboundActivity activity) {
                handled.computeIfAbsent(activity.row(), r -> new AtomicInteger()).incrementAndGet();
                return tx.query("SELECT pg_sleep(0.01)").execute().compose(r -> ActivityHandler.applied());
            }
        });
        federation.handlers().register(new ActivityHandler() {
            @Override
            public Set<String> types() {
                return Set.of("Leave");
            }

            @Override
            public Future<Outcome> handle(SqlConnection tx, InboundActivity activity) {
                return Future.failedFuture(new IllegalStateException("the leaving desk is closed"));
            }
        });
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String store(String type) {
        String id = SENDER + "/activities/" + java.util.UUID.randomUUID();
        String body = "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"actor\":\"" + SENDER
                + "\",\"object\":\"https://remote.example/objects/1\"}";
        node.await(federation.inbox().store().insert(pool, new InboxStore.Received(id, id, SENDER, type,
                body.getBytes(StandardCharsets.UTF_8), "draft-cavage-12", null), Instant.now()));
        return id;
    }

    private static Row row(String id) {
        return node.await(pool.preparedQuery("SELECT * FROM inbox_activities WHERE activity_uri = $1").execute(Tuple.of(id)))
                .iterator().next();
    }

    private static Row awaitFinished(String id) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Row row = row(id);
            if (!"pending".equals(row.getString("state"))) {
                return row;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(id + " is still pending");
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
                assertEquals("processed", awaitFinished(id).getString("state"));
            }
            for (String id : ids) {
                long rowId = row(id).getLong("id");
                assertEquals(1, handled.get(rowId).get(), "activity " + rowId + " handled once");
            }
        } finally {
            Blocking.await(node.node().context().vertx().undeploy(deployment), 10, "undeploy");
        }
    }

    @Test
    void anActivityNoHandlerTakesIsKeptAsIgnored() throws Exception {
        String id = store("Listen");
        Row row = awaitFinished(id);
        assertEquals("ignored", row.getString("state"));
        assertTrue(row.getString("error").contains("no handler for Listen"), row.getString("error"));
    }

    @Test
    void aFailingHandlerIsRetriedLaterWithItsError() throws Exception {
        String id = store("Leave");
        Instant deadline = Instant.now().plusSeconds(20);
        Row row = row(id);
        while (row.getInteger("attempts") == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            row = row(id);
        }
        assertEquals("pending", row.getString("state"));
        assertEquals(1, row.getInteger("attempts"));
        assertTrue(row.getString("error").contains("the leaving desk is closed"), row.getString("error"));
        assertTrue(row.getOffsetDateTime("next_attempt_at").toInstant().isAfter(Instant.now().plusSeconds(10)));
    }
}
