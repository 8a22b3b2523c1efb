package coop.entraide.node.federation.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import coop.entraide.node.Blocking;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Recording a batch of deliveries must reach its jobs by primary key: read through a partial index
 * on pending jobs instead, it visits every pending job, and every job finished since the last
 * vacuum. The queue here looks like one after a wave of deliveries: twenty thousand jobs finished,
 * a few hundred pending, a full batch of them leased. Written with {@code state = 'pending'}, the
 * statement gets the partial index from the planner on such a queue; this test catches that.
 */
class DeliveredPlanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEASE = "plan/1";
    private static final int FINISHED = 20_000;
    private static final int PENDING = 400;
    /** What one worker records at once, at most. */
    private static final int BATCH = DeliverySettings.DEFAULT.batchSize();

    @RegisterExtension
    final DeliveryRig rig = new DeliveryRig(Duration.ofMinutes(1));

    @Test
    void deliveredJobsAreFoundByTheirPrimaryKey() throws Exception {
        fillLikeAfterAWave();
        List<Long> leased = new ArrayList<>();
        Blocking.await(rig.pool().preparedQuery("SELECT id FROM delivery_jobs WHERE lease_owner = $1 ORDER BY id")
                .execute(Tuple.of(LEASE)), 10, "leased jobs").forEach(r -> leased.add(r.getLong("id")));
        assertEquals(BATCH, leased.size());

        JsonNode plan = explain(leased);

        Set<String> indexes = new TreeSet<>();
        Set<String> scans = new TreeSet<>();
        visit(plan, indexes, scans);
        assertFalse(scans.contains("Seq Scan"), "delivery_jobs read whole: " + plan.toPrettyString());
        assertEquals(Set.of("delivery_jobs_pkey"), indexes, "delivery_jobs reached otherwise: " + plan.toPrettyString());
    }

    /** Finished jobs (delivered or failed) and pending ones, a batch of them leased, for 40 servers. */
    private void fillLikeAfterAWave() {
        OffsetDateTime at = DeliveryRig.START.atOffset(ZoneOffset.UTC);
        Blocking.await(rig.pool().preparedQuery("""
                        INSERT INTO outgoing_activities (activity_id, actor_id, body, created_at)
                        SELECT 'https://node.example/a/' || n, 'https://node.example/u/alice', '\\x7b7d'::bytea, $1
                        FROM generate_series(1, 64) AS n""")
                .execute(Tuple.of(at)), 10, "activities");
        Blocking.await(rig.pool().preparedQuery("""
                        INSERT INTO delivery_jobs (activity, inbox, host, next_attempt_at, expires_at, created_at)
                        SELECT a.id, 'https://s' || (n % 40) || '.example/users/u' || n || '/inbox', 's' || (n % 40) || '.example',
                               $1, $1 + interval '7 days', $1
                        FROM generate_series(1, $2::integer) AS n
                        JOIN outgoing_activities a ON a.activity_id = 'https://node.example/a/' || (n % 64 + 1)""")
                .execute(Tuple.of(at, FINISHED + PENDING)), 30, "jobs");
        // Finished the way the worker finishes them: pending rows updated, not inserted finished.
        Blocking.await(rig.pool().preparedQuery("""
                        UPDATE delivery_jobs
                        SET state = CASE WHEN id % 20 = 0 THEN 'failed' ELSE 'delivered' END, attempts = 1,
                            last_status = 202, finished_at = $1
                        WHERE id IN (SELECT id FROM delivery_jobs ORDER BY id LIMIT $2)""")
                .execute(Tuple.of(at, FINISHED)), 30, "finishing");
        Blocking.await(rig.pool().preparedQuery("""
                        UPDATE delivery_jobs SET lease_owner = $1, leased_until = $2
                        WHERE id IN (SELECT id FROM delivery_jobs WHERE state = 'pending' ORDER BY id LIMIT $3)""")
                .execute(Tuple.of(LEASE, at.plusMinutes(5), BATCH)), 10, "leasing");
        Blocking.await(rig.pool().query("ANALYZE delivery_jobs, outgoing_activities, instances").execute(), 20, "analyze");
    }

    /** The plan PostgreSQL makes for recording these jobs delivered, with the queue's own statement. */
    private JsonNode explain(List<Long> ids) throws Exception {
        int n = ids.size();
        String[] leases = new String[n];
        Integer[] statuses = new Integer[n];
        Arrays.fill(leases, LEASE);
        Arrays.fill(statuses, 202);
        OffsetDateTime now = DeliveryRig.START.atOffset(ZoneOffset.UTC);
        Row row = Blocking.await(rig.pool().preparedQuery("EXPLAIN (FORMAT JSON) " + DeliveryQueue.RECORD_DELIVERED)
                .execute(Tuple.of(ids.toArray(Long[]::new), leases, statuses, now, now.minusHours(1))), 10, "explain")
                .iterator().next();
        return JSON.readTree(row.getValue(0).toString()).get(0).get("Plan");
    }

    /** Collects the indexes of delivery_jobs the plan uses, and how it scans the table itself. */
    private static void visit(JsonNode node, Set<String> indexes, Set<String> scans) {
        String index = node.path("Index Name").asText("");
        if (index.startsWith("delivery_jobs")) {
            indexes.add(index);
        }
        if ("delivery_jobs".equals(node.path("Relation Name").asText()) && !"ModifyTable".equals(node.path("Node Type").asText())) {
            scans.add(node.path("Node Type").asText());
        }
        for (JsonNode child : node.path("Plans")) {
            visit(child, indexes, scans);
        }
    }
}
