package coop.entraide.node.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coop.entraide.node.TestNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The refusal counters on a real database: a flush that returns has written what it covers. */
class SignatureRejectionsTest {
    @RegisterExtension
    static final TestNode node = TestNode.start();
    private static final Pool pool = node.node().context().pool();

    private static long stored(String host, String reason) {
        var rows = node.await(pool.preparedQuery("SELECT coalesce(sum(count), 0) AS n FROM signature_rejections WHERE host = $1 AND reason = $2")
                .execute(Tuple.of(host, reason)));
        return rows.iterator().next().getLong("n");
    }

    @Test
    void aFlushAskedForWhileAnotherWritesWaitsForItAndCoversWhatCameSince() {
        try (SignatureRejections rejections = new SignatureRejections(node.node().context().vertx(), pool,
                Clock.systemUTC(), Duration.ofHours(1))) {
            for (int round = 1; round <= 20; round++) {
                String host = "round" + round + ".example";
                rejections.count(host, "BAD_DIGEST");
                Future<Void> first = rejections.flush();
                rejections.count(host, "BAD_DIGEST");
                rejections.count(host, "CLOCK_SKEW");
                // Asked while the first is (most likely) still writing: it must not return before
                // its own counts are stored.
                node.await(rejections.flush());
                assertEquals(2, stored(host, "BAD_DIGEST"), "round " + round);
                assertEquals(1, stored(host, "CLOCK_SKEW"), "round " + round);
                node.await(first);
            }
        }
    }

    @Test
    void aFlushWithNothingCountedWritesNothing() {
        try (SignatureRejections rejections = new SignatureRejections(node.node().context().vertx(), pool,
                Clock.systemUTC(), Duration.ofHours(1))) {
            long before = node.await(pool.query("SELECT count(*) AS n FROM signature_rejections").execute())
                    .iterator().next().getLong("n");
            node.await(rejections.flush());
            long after = node.await(pool.query("SELECT count(*) AS n FROM signature_rejections").execute())
                    .iterator().next().getLong("n");
            assertEquals(before, after);
        }
    }
}
