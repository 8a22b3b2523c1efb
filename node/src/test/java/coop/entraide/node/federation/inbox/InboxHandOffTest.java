package coop.entraide.node.federation.inbox;

import static coop.entraide.node.federation.inbox.InboxRows.awaitFinished;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.Blocking;
import coop.entraide.node.TestNode;
import coop.entraide.node.federation.Federation;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.Activity;
import coop.entraide.protocol.as.Parsed;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The inbox handing what it stores to the worker in memory, on a real node: signed requests from
 * a fake server's actor, and tiny test handlers.
 */
class InboxHandOffTest {
    private static TestNode node;
    private static Pool pool;
    private static Federation federation;
    private static Vertx vertx;
    private static FakeServer remote;
    private static FakeActor sender;
    private static InboxClient inbox;
    /** How many times each activity id was applied. */
    private static final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
    /** The transaction each activity id was applied in. */
    private static final Map<String, Long> appliedIn = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        node = TestNode.start();
        pool = node.node().context().pool();
        federation = node.node().context().federation();
        vertx = Vertx.vertx();
        remote = FakeServer.start(vertx, "127.0.0.9");
        sender = remote.actor("hugo");
        inbox = new InboxClient(vertx, node.port());
        node.await(pool.query("CREATE TABLE open_doors (door text PRIMARY KEY)").execute());
        federation.handlers().register(new CountingHandler("Knock") {
            @Override
            Future<Outcome> write(SqlConnection tx, InboundActivity activity) {
                return ActivityHandler.applied();
            }
        });
        federation.handlers().register(new CountingHandler("Open") {
            @Override
            Future<Outcome> write(SqlConnection tx, InboundActivity activity) {
                return tx.preparedQuery("INSERT INTO open_doors VALUES ($1) ON CONFLICT DO NOTHING")
                        .execute(Tuple.of(activity.activity().object().orElseThrow().id()))
                        .compose(rows -> ActivityHandler.applied());
            }
        });
        federation.handlers().register(new CountingHandler("Shut") {
            @Override
            Future<Outcome> write(SqlConnection tx, InboundActivity activity) {
                return tx.preparedQuery("DELETE FROM open_doors WHERE door = $1")
                        .execute(Tuple.of(activity.activity().object().orElseThrow().id()))
                        .compose(rows -> rows.rowCount() == 1 ? ActivityHandler.applied() : ActivityHandler.ignored("not open"));
            }
        });
    }

    @AfterAll
    static void stop() {
        remote.close();
        vertx.close();
        node.close();
    }

    /** Counts each application and the transaction it ran in, then writes. */
    private abstract static class CountingHandler implements ActivityHandler {
        private final String type;

        CountingHandler(String type) {
            this.type = type;
        }

        @Override
        public Set<String> types() {
            return Set.of(type);
        }

        @Override
        public Future<Outcome> handle(SqlConnection tx, InboundActivity activity) {
            return tx.query("SELECT txid_current() AS tx").execute().compose(rows -> {
                applied.computeIfAbsent(activity.activity().id(), id -> new AtomicInteger()).incrementAndGet();
                appliedIn.put(activity.activity().id(), rows.iterator().next().getLong("tx"));
                return write(tx, activity);
            });
        }

        abstract Future<Outcome> write(SqlConnection tx, InboundActivity activity);
    }

    private static InboxHandOff handOff() {
        return federation.inbox().handOff();
    }

    private static RowSet<Row> query(String sql, Object... params) {
        return node.await(pool.preparedQuery(sql).execute(Tuple.from(params)));
    }

    private static List<Row> rows(String activityId) {
        List<Row> out = new ArrayList<>();
        query("SELECT * FROM inbox_activities WHERE activity_uri = $1", activityId).forEach(out::add);
        return out;
    }

    private static int appliedTimes(String activityId) {
        AtomicInteger n = applied.get(activityId);
        return n == null ? 0 : n.get();
    }

    private static ObjectNode post(String type, String object) {
        ObjectNode activity = InboxClient.activity(type, sender.id, object);
        assertEquals(202, inbox.post("/inbox", activity, sender.keyId(), sender.rsa.getPrivate()).status());
        return activity;
    }

    private static String id(ObjectNode activity) {
        return activity.get("id").textValue();
    }

    private static Actor senderActor() {
        return node.await(federation.actors().resolve(sender.id));
    }

    @Test
    void anActivityHandedOverIsAppliedOnceWithoutBeingClaimed() throws Exception {
        long handedBefore = handOff().handedSoFar();
        ObjectNode knock = post("Knock", "https://doors.example/1");

        Row row = awaitFinished(node, id(knock));
        assertEquals("processed", row.getString("state"));
        assertEquals(1, row.getInteger("attempts"));
        assertEquals(1, appliedTimes(id(knock)));
        assertEquals(handedBefore + 1, handOff().handedSoFar());
    }

    @Test
    void theSameActivityPostedTwiceIsStoredOnceHandedOverOnceAndAppliedOnce() throws Exception {
        long handedBefore = handOff().handedSoFar();
        ObjectNode knock = post("Knock", "https://doors.example/2");
        assertEquals(202, inbox.post("/inbox", knock, sender.keyId(), sender.rsa.getPrivate()).status());

        awaitFinished(node, id(knock));
        Thread.sleep(200);
        assertEquals(1, rows(id(knock)).size());
        assertEquals(1, appliedTimes(id(knock)));
        assertEquals(handedBefore + 1, handOff().handedSoFar());
    }

    @Test
    void whenTheHandOffIsFullTheRowIsStoredUnleasedAndClaimed() throws Exception {
        List<Instant> held = new ArrayList<>();
        Instant place;
        while ((place = handOff().reserve()) != null) {
            held.add(place);
        }
        long handedBefore = handOff().handedSoFar();
        try {
            ObjectNode knock = post("Knock", "https://doors.example/3");

            Row row = awaitFinished(node, id(knock));
            assertEquals("processed", row.getString("state"));
            assertEquals(1, appliedTimes(id(knock)));
            assertEquals(handedBefore, handOff().handedSoFar(), "nothing handed over");
        } finally {
            held.forEach(p -> handOff().cancel());
        }
    }

    /**
     * A process that stored activities leased to itself and died before applying them: they stay
     * untouched until their lease runs out, then this node's worker claims and applies them.
     */
    @Test
    void activitiesHandedToAProcessThatDiesAreClaimedOnceTheirLeaseRunsOut() throws Exception {
        Actor hugo = senderActor();
        InboxHandOff dead = openHandOff(Duration.ofSeconds(2));
        Instant lease = dead.reserve();
        assertNotNull(lease);
        ObjectNode knock = InboxClient.activity("Knock", sender.id, "https://doors.example/4");
        dead.add(handed(storeLeased(knock, lease), knock, hugo));

        Thread.sleep(500);
        assertEquals("pending", rows(id(knock)).get(0).getString("state"), "leased to the dead process");
        assertEquals(0, appliedTimes(id(knock)));

        Row finished = awaitFinished(node, id(knock));
        assertEquals("processed", finished.getString("state"));
        assertEquals(1, appliedTimes(id(knock)));
    }

    /** Handed over in the reverse order, applied in the order stored, in one transaction. */
    @Test
    void aBatchFromTheHandOffIsAppliedInTheOrderTheActivitiesWereStored() throws Exception {
        Actor hugo = senderActor();
        InboxStore store = federation.inbox().store();
        InboxHandOff handOff = openHandOff(Duration.ofMinutes(5));
        String door = "https://doors.example/5";
        ObjectNode open = InboxClient.activity("Open", sender.id, door);
        ObjectNode shut = InboxClient.activity("Shut", sender.id, door);
        Instant lease = handOff.reserve();
        handOff.reserve();
        Map<String, Long> ids = node.await(store.insertAll(pool, List.of(received(open, lease), received(shut, lease)),
                Instant.now()));
        handOff.add(handed(ids.get(id(shut)), shut, hugo));
        handOff.add(handed(ids.get(id(open)), open, hugo));

        InboxWorker worker = federation.inbox().newWorker(InboxSettings.DEFAULT, handOff);
        String deployment = Blocking.await(node.node().context().vertx().deployVerticle(worker), 10, "deploy");
        try {
            assertEquals("processed", awaitFinished(node, id(open)).getString("state"));
            assertEquals("processed", awaitFinished(node, id(shut)).getString("state"), "the door was open when shut");
            assertEquals(0, query("SELECT count(*) AS n FROM open_doors WHERE door = $1", door).iterator().next().getLong("n"));
            assertEquals(appliedIn.get(id(open)), appliedIn.get(id(shut)), "one batch, one transaction");
        } finally {
            Blocking.await(node.node().context().vertx().undeploy(deployment), 10, "undeploy");
        }
    }

    @Test
    void aStoppedWorkerGivesBackWhatWaitsInMemory() throws Exception {
        Actor hugo = senderActor();
        InboxHandOff handOff = openHandOff(Duration.ofMinutes(5));
        ObjectNode knock = InboxClient.activity("Knock", sender.id, "https://doors.example/6");
        Instant lease = handOff.reserve();
        handOff.add(handed(storeLeased(knock, lease), knock, hugo));

        handOff.close();

        // Without the lease given back, it would wait five minutes; this node's worker takes it now.
        assertEquals("processed", awaitFinished(node, id(knock)).getString("state"));
        assertEquals(1, appliedTimes(id(knock)));
        assertNull(handOff.reserve(), "a closed hand-off takes nothing more");
    }

    /** A hand-off of this node's store, open, as another process on the same database would hold one. */
    private static InboxHandOff openHandOff(Duration leasedFor) {
        InboxHandOff handOff = new InboxHandOff(pool, federation.inbox().store(), Clock.systemUTC(), leasedFor, 8);
        handOff.open(() -> { });
        return handOff;
    }

    /** Stores {@code activity} leased until {@code lease}, as the inbox's batcher does; returns its row id. */
    private static long storeLeased(ObjectNode activity, Instant lease) {
        InboxBatcher batcher = new InboxBatcher(pool, federation.inbox().store(), Clock.systemUTC(), 1, 16);
        return node.await(batcher.insert(received(activity, lease))).orElseThrow();
    }

    private static InboxStore.Received received(ObjectNode activity, Instant lease) {
        return new InboxStore.Received(id(activity), id(activity), sender.id, activity.get("type").textValue(),
                activity.toString().getBytes(StandardCharsets.UTF_8), "draft-cavage-12", null, lease);
    }

    private static InboxHandOff.Handed handed(long row, ObjectNode body, Actor from) {
        Activity activity = ((Parsed.Ok<Activity>) Activity.parse(body)).value();
        return new InboxHandOff.Handed(row, null, activity, body, from);
    }
}
