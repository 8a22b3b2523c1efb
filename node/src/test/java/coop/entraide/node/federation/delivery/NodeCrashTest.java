package coop.entraide.node.federation.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.NodeProcess;
import coop.entraide.node.federation.load.FollowerWorld;
import coop.entraide.node.federation.load.VerifyingSink;
import coop.entraide.node.store.EmbeddedDatabase;
import io.vertx.core.Vertx;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is lost: a node killed with {@code kill -9} in the middle of a fan-out, then started
 * again, still delivers to every inbox. The node runs in its own JVM on a PostgreSQL that outlives
 * it; its followers are on slow servers, so the fan-out is still going when it is killed.
 */
@Timeout(value = 120)
class NodeCrashTest {
    private static final int SERVERS = 8;
    private static final int FOLLOWERS_PER_SERVER = 25;
    private static final int INBOXES = SERVERS * FOLLOWERS_PER_SERVER;
    /** With at most 4 requests at once per server, 25 inboxes each take about two seconds. */
    private static final long SLOW_ANSWER_MILLIS = 300;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    @Test
    void aFanOutKilledMidwayIsFinishedAfterARestart(@TempDir Path dir) throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("database"));
        toClose.add(database);
        Vertx vertx = Vertx.vertx();
        toClose.add(() -> vertx.close().await());
        VerifyingSink sink = VerifyingSink.start(vertx, SERVERS).delaying(SLOW_ANSWER_MILLIS);
        toClose.add(sink);
        NodeProcess node = NodeProcess.on(dir.resolve("node"), database.url(), List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
                List.of());
        toClose.add(node);
        FollowerWorld world = FollowerWorld.create(database.url(), node.baseUrl());
        toClose.add(world);
        sink.trust(world.collectiveKeyId(), world.collectiveKey());
        world.addFollowers(sink.authorities(), FOLLOWERS_PER_SERVER, false);

        node.start(Duration.ofSeconds(60));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> posted = FollowerWorld.post(http, node.baseUrl(), FollowerWorld.signIn(http, node.baseUrl()),
                "Grande braderie samedi, place Colbert");
        assertEquals(201, posted.statusCode(), posted.body());
        eventually("a fifth of the inboxes were reached", () -> sink.distinct() >= INBOXES / 5);
        node.kill();
        int beforeTheCrash = sink.distinct();
        assertTrue(beforeTheCrash < INBOXES, "the fan-out was over before the kill: " + beforeTheCrash);

        node.start(Duration.ofSeconds(60));
        eventually("every inbox was reached", () -> sink.distinct() == INBOXES);
        eventually("every delivery is recorded", () -> world.jobs("delivered") == INBOXES);

        assertEquals(0, sink.refused(), sink.lastRefusal());
        assertEquals(0, world.jobs("pending") + world.jobs("failed"));
        System.out.printf("killed after %d of %d inboxes; %d received twice (at least once, receivers dedupe)%n",
                beforeTheCrash, INBOXES, sink.repeats());
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
