package coop.entraide.node.federation.inbox;

import coop.entraide.node.TestNode;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;

/** An activity's row in a test node's inbox table, read as the worker left it. */
final class InboxRows {
    private InboxRows() {
    }

    static Row row(TestNode node, String activityUri) {
        return node.await(node.node().context().pool().preparedQuery("SELECT * FROM inbox_activities WHERE activity_uri = $1")
                .execute(Tuple.of(activityUri))).iterator().next();
    }

    /** The row once the worker has finished with it, whatever the outcome; fails after thirty seconds. */
    static Row awaitFinished(TestNode node, String activityUri) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            Row row = row(node, activityUri);
            if (!"pending".equals(row.getString("state"))) {
                return row;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(activityUri + " is still pending");
    }
}
