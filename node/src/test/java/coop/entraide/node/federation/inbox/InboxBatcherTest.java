package coop.entraide.node.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.TestNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Grouped inserts of accepted activities, on a real node's database. */
class InboxBatcherTest {
    private static final String SENDER = "https://remote.example/users/bea";

    @RegisterExtension
    static final TestNode node = TestNode.start();
    private static final Pool pool = node.node().context().pool();

    private static InboxStore.Received row(String id, String body) {
        return new InboxStore.Received(id, id, SENDER, "Create", body.getBytes(StandardCharsets.UTF_8), "draft-cavage-12", null);
    }

    private static InboxStore.Received row(String id) {
        return row(id, "{\"id\":\"" + id + "\",\"type\":\"Create\",\"actor\":\"" + SENDER + "\"}");
    }

    private static String newId() {
        return SENDER + "/statuses/" + UUID.randomUUID();
    }

    private static long stored(String id) {
        return node.await(pool.preparedQuery("SELECT count(*) AS n FROM inbox_activities WHERE dedupe_key = $1")
                .execute(Tuple.of(id))).iterator().next().getLong("n");
    }

    @Test
    void rowsArrivingWhileTheWriterIsBusyAreStoredTogetherAndEachAnswered() {
        InboxBatcher batcher = new InboxBatcher(pool, new InboxStore(), Clock.systemUTC(), 1, 256);
        List<String> ids = new ArrayList<>();
        List<Future<Optional<Long>>> answers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = newId();
            ids.add(id);
            answers.add(batcher.insert(row(id)));
        }
        node.await(Future.all(answers));

        answers.forEach(a -> assertTrue(a.result().isPresent()));
        ids.forEach(id -> assertEquals(1, stored(id), id));
    }

    @Test
    void callersOnEventLoopsAreAnsweredOnTheirOwnContexts() {
        InboxBatcher batcher = new InboxBatcher(pool, new InboxStore(), Clock.systemUTC(), 1, 256);
        Vertx vertx = node.node().context().vertx();
        List<Context> contexts = List.of(vertx.getOrCreateContext(), vertx.getOrCreateContext(), vertx.getOrCreateContext());
        List<Future<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Context caller = contexts.get(i % contexts.size());
            Promise<Boolean> answeredHere = Promise.promise();
            answers.add(answeredHere.future());
            String id = newId();
            caller.runOnContext(v -> batcher.insert(row(id)).onComplete(ar -> answeredHere.complete(
                    ar.succeeded() && ar.result().isPresent() && Vertx.currentContext() == caller)));
        }
        node.await(Future.all(answers));

        answers.forEach(a -> assertTrue(a.result(), "stored, and answered on the caller's context"));
    }

    @Test
    void theSameActivityTwiceIsNewOnlyOnce() {
        InboxBatcher batcher = new InboxBatcher(pool, new InboxStore(), Clock.systemUTC(), 1, 256);
        String id = newId();
        List<Future<Optional<Long>>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(batcher.insert(row(id)));
        }
        node.await(Future.join(answers));

        assertEquals(1, answers.stream().filter(a -> a.result().isPresent()).count());
        assertEquals(1, stored(id));
        assertEquals(Optional.empty(), node.await(batcher.insert(row(id))));
    }

    @Test
    void aRowTheDatabaseCannotHoldIsRefusedAloneAndTheOthersAreStored() {
        InboxBatcher batcher = new InboxBatcher(pool, new InboxStore(), Clock.systemUTC(), 1, 256);
        // Keeps the one writer busy, so that the next rows wait and form one group.
        Future<Optional<Long>> first = batcher.insert(row(newId()));
        String good = newId();
        String bad = newId();
        String alsoGood = newId();
        Future<Optional<Long>> a = batcher.insert(row(good));
        Future<Optional<Long>> b = batcher.insert(row(bad, "{\"id\":\"" + bad + "\",\"content\":\"nul \\u0000 here\"}"));
        Future<Optional<Long>> c = batcher.insert(row(alsoGood));
        node.await(Future.join(List.of(first, a, b, c)).transform(ar -> Future.succeededFuture()));

        assertTrue(a.result().isPresent());
        assertTrue(c.result().isPresent());
        assertEquals("22", assertInstanceOf(PgException.class, b.cause()).getSqlState().substring(0, 2));
        assertEquals(1, stored(good));
        assertEquals(0, stored(bad));
        assertEquals(1, stored(alsoGood));
    }
}
