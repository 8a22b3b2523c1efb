package coop.entraide.node.federation.delivery;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outgoing delivery queue in PostgreSQL: activities, one job per target inbox, and the state of
 * each receiving server. Every method takes the {@link SqlClient} to run on, so that enqueueing
 * joins the transaction of the change that caused it. Time comes from the injected clock, never from
 * the database, so that tests can move it.
 */
public final class DeliveryQueue {
    /**
     * What {@link #enqueue} stored.
     *
     * @param jobs     jobs stored
     * @param unleased those of them left for a claim
     * @param leased   those of them handed to this process's worker once committed
     */
    public record Enqueued(long activityRow, int jobs, int unleased, List<ClaimedJob> leased) {
        public Enqueued {
            leased = List.copyOf(leased);
        }
    }

    private final Clock clock;
    private final DeliverySettings settings;
    private volatile Handoff handoff;

    public DeliveryQueue(Clock clock, DeliverySettings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    private OffsetDateTime now() {
        return at(clock.instant());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    // --- enqueueing ----------------------------------------------------------------------------

    /**
     * Has {@link #enqueue} store jobs leased to {@code worker} when it has room, and hand them to it
     * once committed. The worker of this process calls it as it starts.
     */
    synchronized void handOffTo(Handoff worker) {
        this.handoff = Objects.requireNonNull(worker, "worker");
    }

    /** Stops handing jobs to {@code worker}, if it is the one they go to. */
    synchronized void stopHandingOffTo(Handoff worker) {
        if (handoff == worker) {
            handoff = null;
        }
    }

    /**
     * Stores the activity and one job per selected inbox (shared inboxes deduplicated), due at
     * once, in one statement. Call it inside the transaction of the change that produces the activity.
     *
     * <p>When this process's delivery worker has room, the jobs are stored already leased to it, and
     * handed to it in memory once the transaction commits (nothing when it rolls back): they are sent
     * without waiting for a claim. Jobs of an unavailable server are never handed over (they wait for
     * its probe), nor any beyond the room the worker has. A transaction that enqueues must not roll
     * back to a savepoint taken before the enqueue and then commit: the worker would send jobs that
     * were never stored.
     */
    public Future<Enqueued> enqueue(SqlClient tx, OutgoingActivity activity, Collection<Recipient> recipients) {
        return enqueueAll(tx, List.of(new Outgoing(activity, recipients))).map(all -> all.get(0));
    }

    /** An activity to store, and who receives it. */
    public record Outgoing(OutgoingActivity activity, Collection<Recipient> recipients) {
        public Outgoing {
            Objects.requireNonNull(activity, "activity");
            recipients = List.copyOf(recipients);
        }
    }

    /**
     * Stores several activities and their jobs in one statement, as {@link #enqueue} does for one:
     * a batch of received Follows answers all its Accepts in one round trip instead of one each.
     * Returns what was stored for each activity, in their order. Their ids must differ.
     */
    public Future<List<Enqueued>> enqueueAll(SqlClient tx, List<Outgoing> outgoing) {
        if (outgoing.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        Set<String> distinct = new HashSet<>();
        for (Outgoing o : outgoing) {
            if (!distinct.add(o.activity().activityId())) {
                return Future.failedFuture(new IllegalArgumentException("enqueued twice in one statement: "
                        + o.activity().activityId()));
            }
        }
        Handoff worker = handoff;
        JobRows rows = JobRows.of(outgoing, worker, settings.maxClaimedPerHost());
        OffsetDateTime now = now();
        OffsetDateTime expires = at(now.toInstant().plus(settings.schedule().giveUpAfter()));
        OffsetDateTime leasedUntil = at(now.toInstant().plus(settings.lease()));
        Future<List<Enqueued>> stored = tx.preparedQuery("""
                        WITH activity AS (
                            INSERT INTO outgoing_activities (activity_id, actor_id, body, created_at)
                            SELECT a.activity_id, a.actor_id, a.body, $4
                            FROM unnest($1::text[], $2::text[], $3::bytea[]) AS a (activity_id, actor_id, body)
                            RETURNING id, activity_id
                        ), jobs AS (
                            INSERT INTO delivery_jobs (activity, inbox, host, next_attempt_at, expires_at, created_at,
                                                       lease_owner, leased_until)
                            SELECT activity.id, t.inbox, t.host, $4, $5, $4, l.lease, CASE WHEN l.lease IS NOT NULL THEN $10::timestamptz END
                            FROM unnest($6::text[], $7::text[], $8::text[], $9::text[]) AS t (activity_id, inbox, host, lease)
                            JOIN activity ON activity.activity_id = t.activity_id
                            CROSS JOIN LATERAL (
                                SELECT CASE WHEN t.lease IS NOT NULL
                                             AND NOT EXISTS (SELECT 1 FROM instances i
                                                             WHERE i.host = t.host AND i.unavailable_since IS NOT NULL)
                                            THEN t.lease END AS lease) l
                            ON CONFLICT (activity, inbox) DO NOTHING
                            RETURNING id, activity, inbox, host, lease_owner
                        ), counted AS (
                            SELECT jobs.activity, count(*) AS jobs, count(*) FILTER (WHERE jobs.lease_owner IS NULL) AS unleased
                            FROM jobs GROUP BY jobs.activity
                        )
                        SELECT activity.id AS activity, activity.activity_id, coalesce(counted.jobs, 0) AS jobs,
                               coalesce(counted.unleased, 0) AS unleased, leased.id, leased.inbox, leased.host
                        FROM activity
                        LEFT JOIN counted ON counted.activity = activity.id
                        LEFT JOIN (SELECT id, activity, inbox, host FROM jobs WHERE lease_owner IS NOT NULL) leased
                               ON leased.activity = activity.id""")
                .execute(Tuple.from(new Object[] {rows.activityIds(), rows.actorIds(), rows.bodies(), now, expires,
                        rows.jobActivities(), rows.inboxes(), rows.hosts(), rows.leases(), leasedUntil}))
                .map(result -> enqueued(result, rows.activityIds(), rows.reservations(), expires.toInstant()));
        if (worker == null) {
            return stored;
        }
        return stored.andThen(ar -> {
            if (ar.failed()) {
                rows.reservations().forEach(r -> r.ifPresent(worker::cancel));
            } else {
                handOverOnceCommitted(tx, worker, outgoing, rows.reservations(), ar.result());
            }
        });
    }

    /**
     * The parameters of {@link #enqueueAll}'s statement: one entry per activity, then one per job
     * (the activity it belongs to, its inbox and server, and the lease of this process's worker when
     * the worker has room for it).
     */
    private record JobRows(String[] activityIds, String[] actorIds, Buffer[] bodies, String[] jobActivities,
                           String[] inboxes, String[] hosts, String[] leases,
                           List<Optional<Handoff.Reservation>> reservations) {

        static JobRows of(List<Outgoing> outgoing, Handoff worker, int maxClaimedPerHost) {
            int count = outgoing.size();
            String[] activityIds = new String[count];
            String[] actorIds = new String[count];
            Buffer[] bodies = new Buffer[count];
            List<List<InboxSelection.Target>> targetsOf = new ArrayList<>(count);
            int jobs = 0;
            for (int a = 0; a < count; a++) {
                OutgoingActivity activity = outgoing.get(a).activity();
                activityIds[a] = activity.activityId();
                actorIds[a] = activity.actorId();
                bodies[a] = Buffer.buffer(activity.body());
                List<InboxSelection.Target> targets = InboxSelection.select(outgoing.get(a).recipients());
                targetsOf.add(targets);
                jobs += targets.size();
            }
            List<Optional<Handoff.Reservation>> reservations = new ArrayList<>(count);
            String[] jobActivities = new String[jobs];
            String[] inboxes = new String[jobs];
            String[] hosts = new String[jobs];
            String[] leases = new String[jobs];
            int j = 0;
            for (int a = 0; a < count; a++) {
                List<InboxSelection.Target> targets = targetsOf.get(a);
                Optional<Handoff.Reservation> reserved = worker == null || targets.isEmpty()
                        ? Optional.empty()
                        : worker.reserve(targets, maxClaimedPerHost);
                reservations.add(reserved);
                for (int t = 0; t < targets.size(); t++, j++) {
                    jobActivities[j] = activityIds[a];
                    inboxes[j] = targets.get(t).inbox().toString();
                    hosts[j] = targets.get(t).host();
                    leases[j] = reserved.isPresent() && reserved.get().chosen()[t] ? reserved.get().lease() : null;
                }
            }
            return new JobRows(activityIds, actorIds, bodies, jobActivities, inboxes, hosts, leases, reservations);
        }
    }

    /**
     * Once the enqueueing transaction commits, hands the jobs stored leased to {@code worker} over
     * to it and tells it of the others; on a rollback, gives back the room reserved for them.
     */
    private static void handOverOnceCommitted(SqlClient tx, Handoff worker, List<Outgoing> outgoing,
                                              List<Optional<Handoff.Reservation>> reservations, List<Enqueued> stored) {
        if (reservations.stream().allMatch(Optional::isEmpty) && stored.stream().allMatch(e -> e.unleased() == 0)) {
            return;
        }
        afterCommit(tx).onComplete(committed -> {
            if (committed.failed()) {
                reservations.forEach(r -> r.ifPresent(worker::cancel));
                return;
            }
            boolean unleased = false;
            for (int a = 0; a < outgoing.size(); a++) {
                Enqueued e = stored.get(a);
                OutgoingActivity activity = outgoing.get(a).activity();
                StoredActivity sent = new StoredActivity(e.activityRow(), activity.activityId(), activity.actorId(), activity.body());
                reservations.get(a).ifPresent(r -> worker.take(r, e.leased(), sent));
                unleased |= e.unleased() > 0;
            }
            if (unleased) {
                // Told only now: a claim that began before the commit could not see them.
                worker.unleasedCommitted();
            }
        });
    }

    /** The rows of {@link #enqueueAll}'s statement (one per leased job, or one for an activity without), by activity. */
    private static List<Enqueued> enqueued(RowSet<Row> rows, String[] activityIds,
                                           List<Optional<Handoff.Reservation>> reservations, Instant expires) {
        Map<String, Integer> index = new HashMap<>();
        for (int a = 0; a < activityIds.length; a++) {
            index.put(activityIds[a], a);
        }
        long[] activityRows = new long[activityIds.length];
        int[] jobs = new int[activityIds.length];
        int[] unleased = new int[activityIds.length];
        List<List<ClaimedJob>> leased = new ArrayList<>(activityIds.length);
        for (int a = 0; a < activityIds.length; a++) {
            leased.add(new ArrayList<>());
        }
        for (Row r : rows) {
            int a = index.get(r.getString("activity_id"));
            activityRows[a] = r.getLong("activity");
            jobs[a] = r.getLong("jobs").intValue();
            unleased[a] = r.getLong("unleased").intValue();
            Long job = r.getLong("id");
            if (job != null) {
                leased.get(a).add(new ClaimedJob(job, activityRows[a], URI.create(r.getString("inbox")), r.getString("host"), 0,
                        expires, reservations.get(a).orElseThrow().lease(), false));
            }
        }
        List<Enqueued> all = new ArrayList<>(activityIds.length);
        for (int a = 0; a < activityIds.length; a++) {
            all.add(new Enqueued(activityRows[a], jobs[a], unleased[a], leased.get(a)));
        }
        return all;
    }

    /** Completes when what {@code client} wrote is committed, fails when it is rolled back. */
    private static Future<Void> afterCommit(SqlClient client) {
        if (client instanceof SqlConnection connection && connection.transaction() != null) {
            return connection.transaction().completion();
        }
        return Future.succeededFuture(); // not in a transaction: the statement committed on its own
    }

    // --- claiming ------------------------------------------------------------------------------

    /**
     * Leases up to {@code max} due jobs for {@code owner}, at most {@code maxClaimedPerHost} per
     * server, skipping rows other workers are claiming at this very moment, plus one probe job for
     * each unavailable server whose probe is due. One short transaction.
     */
    public Future<List<ClaimedJob>> claim(Pool pool, String owner, int max) {
        OffsetDateTime now = now();
        OffsetDateTime until = at(now.toInstant().plus(settings.lease()));
        return pool.withTransaction(tx -> claimProbes(tx, owner, now, until)
                .compose(probes -> claimDue(tx, owner, Math.max(0, max - probes.size()), now, until)
                        .map(due -> {
                            List<ClaimedJob> all = new ArrayList<>(probes);
                            all.addAll(due);
                            return all;
                        })));
    }

    private Future<List<ClaimedJob>> claimDue(SqlConnection tx, String owner, int max, OffsetDateTime now, OffsetDateTime until) {
        if (max == 0) {
            return Future.succeededFuture(List.of());
        }
        // The window function cannot share a query level with FOR UPDATE: rank a bounded set of due
        // jobs first, then lock what survives the per-server cap. The survivors are looked up by id
        // (an index lookup whatever the statistics say: a join back to the table planned on a fresh,
        // unanalysed queue compared every job with every other).
        return tx.preparedQuery("""
                        WITH due AS (
                            SELECT j.id, j.host, j.next_attempt_at
                            FROM delivery_jobs j
                            WHERE j.state = 'pending'
                              AND j.next_attempt_at <= $1
                              AND (j.leased_until IS NULL OR j.leased_until <= $1)
                              AND NOT EXISTS (SELECT 1 FROM instances i
                                              WHERE i.host = j.host AND i.unavailable_since IS NOT NULL)
                            ORDER BY j.next_attempt_at, j.id
                            LIMIT $2 * 4
                        ), capped AS (
                            SELECT id
                            FROM (SELECT id, next_attempt_at,
                                         row_number() OVER (PARTITION BY host ORDER BY next_attempt_at, id) AS n
                                  FROM due) ranked
                            WHERE n <= $3
                            ORDER BY next_attempt_at, id
                            LIMIT $2
                        ), picked AS (
                            SELECT j.id
                            FROM delivery_jobs j
                            WHERE j.id = ANY (ARRAY (SELECT id FROM capped))
                              AND j.state = 'pending'
                              AND (j.leased_until IS NULL OR j.leased_until <= $1)
                            FOR UPDATE OF j SKIP LOCKED
                        )
                        UPDATE delivery_jobs j
                        SET leased_until = $4, lease_owner = $5
                        FROM picked
                        WHERE j.id = picked.id
                        RETURNING j.id, j.activity, j.inbox, j.host, j.attempts, j.expires_at""")
                .execute(Tuple.of(now, max, settings.maxClaimedPerHost(), until, owner))
                .map(rows -> jobs(rows, owner, false));
    }

    private Future<List<ClaimedJob>> claimProbes(SqlConnection tx, String owner, OffsetDateTime now, OffsetDateTime until) {
        OffsetDateTime nextProbe = at(now.toInstant().plus(settings.probeInterval()));
        return tx.preparedQuery("""
                        UPDATE instances SET next_probe_at = $2
                        WHERE host IN (SELECT host FROM instances
                                       WHERE unavailable_since IS NOT NULL AND next_probe_at <= $1
                                       ORDER BY next_probe_at
                                       LIMIT 64
                                       FOR UPDATE SKIP LOCKED)
                        RETURNING host""")
                .execute(Tuple.of(now, nextProbe))
                .compose(rows -> {
                    List<String> hosts = new ArrayList<>();
                    rows.forEach(r -> hosts.add(r.getString("host")));
                    if (hosts.isEmpty()) {
                        return Future.succeededFuture(List.of());
                    }
                    return tx.preparedQuery("""
                                    WITH oldest AS (
                                        SELECT DISTINCT ON (host) id
                                        FROM delivery_jobs
                                        WHERE host = ANY($1) AND state = 'pending'
                                          AND (leased_until IS NULL OR leased_until <= $2)
                                        ORDER BY host, next_attempt_at, id
                                    ), picked AS (
                                        SELECT j.id FROM delivery_jobs j JOIN oldest o ON o.id = j.id
                                        WHERE j.state = 'pending'
                                        FOR UPDATE OF j SKIP LOCKED
                                    )
                                    UPDATE delivery_jobs j
                                    SET leased_until = $3, lease_owner = $4
                                    FROM picked
                                    WHERE j.id = picked.id
                                    RETURNING j.id, j.activity, j.inbox, j.host, j.attempts, j.expires_at""")
                            .execute(Tuple.of(hosts.toArray(String[]::new), now, until, owner))
                            .map(claimed -> jobs(claimed, owner, true));
                });
    }

    private static List<ClaimedJob> jobs(RowSet<Row> rows, String owner, boolean probe) {
        List<ClaimedJob> jobs = new ArrayList<>(rows.rowCount());
        rows.forEach(r -> jobs.add(ClaimedJob.fromRow(r, owner, probe)));
        return jobs;
    }

    /** The stored activities with these row ids. */
    public Future<Map<Long, StoredActivity>> activities(SqlClient client, Collection<Long> rowIds) {
        return client.preparedQuery("SELECT id, activity_id, actor_id, body FROM outgoing_activities WHERE id = ANY($1)")
                .execute(Tuple.of(rowIds.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, StoredActivity> byId = new HashMap<>();
                    rows.forEach(r -> byId.put(r.getLong("id"), StoredActivity.fromRow(r)));
                    return byId;
                });
    }

    // --- outcomes ------------------------------------------------------------------------------
    // An outcome changes the job row only while the lease is still ours, and the server's row follows
    // from the same statement, so a late report after a lost lease changes nothing.
    //
    // The jobs are found by id, and "still pending" is written as "neither delivered nor failed" on
    // purpose: a condition that matches the predicate of the partial indexes on pending jobs lets the
    // planner, misled by statistics taken when the queue was small, read every pending job through
    // them instead, and those indexes still point at every job finished since the last vacuum. Under a
    // wave of Follows that made recording a batch of deliveries cost milliseconds.

    /**
     * Records delivered jobs ({@code $1} ids, {@code $2} leases, {@code $3} statuses) at {@code $4},
     * and their servers' rows when stale since {@code $5}. Seen by the test that keeps its plan on
     * the primary key.
     */
    static final String RECORD_DELIVERED = """
            WITH done AS (
                UPDATE delivery_jobs j
                SET state = 'delivered', attempts = j.attempts + 1, leased_until = NULL, lease_owner = NULL,
                    last_status = d.status, last_error = NULL, finished_at = $4
                FROM unnest($1::bigint[], $2::text[], $3::integer[]) AS d (id, lease, status)
                WHERE j.id = d.id AND j.lease_owner = d.lease AND j.state NOT IN ('delivered', 'failed')
                RETURNING j.id, j.host
            ), hosts AS (
                SELECT DISTINCT host FROM done
            ), answered AS (
                UPDATE instances i
                SET last_success_at = $4, failure_days = 0, last_failure_day = NULL,
                    unavailable_since = NULL, next_probe_at = NULL
                FROM hosts
                WHERE i.host = hosts.host
                  AND (i.failure_days > 0 OR i.unavailable_since IS NOT NULL OR i.last_failure_day IS NOT NULL
                       OR i.last_success_at IS NULL OR i.last_success_at < $5)
            ), met AS (
                INSERT INTO instances (host, last_success_at)
                SELECT host, $4::timestamptz FROM hosts
                WHERE NOT EXISTS (SELECT 1 FROM instances i WHERE i.host = hosts.host)
                ORDER BY host
                ON CONFLICT (host) DO NOTHING
            )
            SELECT id FROM done""";

    /** A delivered job and the status its server answered. */
    public record Delivered(ClaimedJob job, int status) {
    }

    /**
     * Records many deliveries in one statement (a fan-out reports hundreds at once). Returns the ids
     * of the jobs recorded; a job whose lease was lost is left out and unchanged.
     *
     * <p>A server's row is written when its state changes (it had failures, or is new to us), and
     * otherwise at most once an hour to refresh {@code last_success_at}: a fan-out to servers that
     * are doing well writes nothing to {@code instances}, and does not even lock their rows (an
     * upsert would lock each one, a write of its own, whether it changed it or not).
     */
    public Future<Set<Long>> deliveredAll(SqlClient client, List<Delivered> deliveries) {
        if (deliveries.isEmpty()) {
            return Future.succeededFuture(Set.of());
        }
        Long[] ids = new Long[deliveries.size()];
        String[] leases = new String[ids.length];
        Integer[] statuses = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) {
            Delivered d = deliveries.get(i);
            ids[i] = d.job().id();
            leases[i] = d.job().lease();
            statuses[i] = d.status();
        }
        OffsetDateTime now = now();
        return client.preparedQuery(RECORD_DELIVERED)
                .execute(Tuple.of(ids, leases, statuses, now, at(now.toInstant().minus(SUCCESS_REFRESH))))
                .map(rows -> {
                    Set<Long> recorded = new HashSet<>();
                    rows.forEach(r -> recorded.add(r.getLong("id")));
                    return recorded;
                });
    }

    /** What a failed attempt does to its server's row. */
    public enum HostEffect {
        /** Nothing: the failure says nothing about the server (our signer was missing…). */
        NONE,
        /** The server answered, even if with a refusal: it is up. */
        ANSWERED,
        /** The server is at fault (no answer, 5xx): one more day of failures. */
        FAILED
    }

    /**
     * A job not delivered this time: tried again at {@code next}, or given up when empty.
     *
     * @param status the server's answer, 0 when it gave none
     */
    public record Unsent(ClaimedJob job, Optional<Instant> next, int status, String error, HostEffect effect) {
        public static Unsent retry(ClaimedJob job, Instant next, int status, String error, boolean hostAtFault) {
            return new Unsent(job, Optional.of(next), status, error, hostAtFault ? HostEffect.FAILED : HostEffect.NONE);
        }

        public static Unsent failed(ClaimedJob job, int status, String error, boolean hostAnswered, boolean hostAtFault) {
            return new Unsent(job, Optional.empty(), status, error,
                    hostAtFault ? HostEffect.FAILED : hostAnswered ? HostEffect.ANSWERED : HostEffect.NONE);
        }
    }

    /** Hands a claimed job back untouched (a worker stopping), due again at once. */
    public Future<Boolean> release(SqlClient client, ClaimedJob job) {
        return client.preparedQuery("""
                        UPDATE delivery_jobs SET leased_until = NULL, lease_owner = NULL
                        WHERE id = $1 AND lease_owner = $2 AND state = 'pending'""")
                .execute(Tuple.of(job.id(), job.lease()))
                .map(rows -> rows.rowCount() > 0);
    }

    /**
     * Hands back, due at once, the jobs leased by an earlier run of this process (leases starting
     * with {@code ownerPrefix} but not with {@code currentRun}): that run is dead, and its jobs need
     * not wait for their leases to run out. Returns how many were handed back.
     */
    public Future<Integer> releaseAbandoned(SqlClient client, String ownerPrefix, String currentRun) {
        return client.preparedQuery("""
                        UPDATE delivery_jobs SET leased_until = NULL, lease_owner = NULL
                        WHERE state = 'pending' AND leased_until > $1
                          AND starts_with(lease_owner, $2) AND NOT starts_with(lease_owner, $3)""")
                .execute(Tuple.of(now(), ownerPrefix, currentRun))
                .map(RowSet::rowCount);
    }

    /** How stale {@code instances.last_success_at} may get before a success writes it again. */
    private static final Duration SUCCESS_REFRESH = Duration.ofHours(1);

    /**
     * Records many undelivered jobs in one statement, as {@link #deliveredAll} does for delivered
     * ones. Returns the ids of the jobs recorded; a job whose lease was lost is left out and
     * unchanged, and its outcome does not touch its server's row.
     *
     * <p>Each server's row changes once: a server that answered any request of the batch is up
     * (failures forgotten); otherwise a failure it is at fault for counts one more day of failures
     * (a new UTC day only), and enough days make it unavailable, to be probed from then on.
     */
    public Future<Set<Long>> unsentAll(SqlClient client, List<Unsent> outcomes) {
        if (outcomes.isEmpty()) {
            return Future.succeededFuture(Set.of());
        }
        int n = outcomes.size();
        Long[] ids = new Long[n];
        String[] leases = new String[n];
        String[] states = new String[n];
        OffsetDateTime[] nexts = new OffsetDateTime[n];
        Integer[] statuses = new Integer[n];
        String[] errors = new String[n];
        String[] effects = new String[n];
        for (int i = 0; i < n; i++) {
            Unsent u = outcomes.get(i);
            ids[i] = u.job().id();
            leases[i] = u.job().lease();
            states[i] = u.next().isPresent() ? "pending" : "failed";
            nexts[i] = u.next().map(DeliveryQueue::at).orElse(null);
            statuses[i] = u.status() == 0 ? null : u.status();
            errors[i] = truncate(u.error());
            effects[i] = u.effect().name().toLowerCase(java.util.Locale.ROOT);
        }
        OffsetDateTime now = now();
        return client.preparedQuery("""
                        WITH job AS (
                            UPDATE delivery_jobs j
                            SET state = o.state, attempts = j.attempts + 1, leased_until = NULL, lease_owner = NULL,
                                next_attempt_at = COALESCE(o.next_attempt_at, j.next_attempt_at), last_status = o.status,
                                last_error = o.error, finished_at = CASE WHEN o.state = 'pending' THEN NULL ELSE $8::timestamptz END
                            FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::integer[], $6::text[], $7::text[])
                                 AS o (id, lease, state, next_attempt_at, status, error, effect)
                            WHERE j.id = o.id AND j.lease_owner = o.lease AND j.state NOT IN ('delivered', 'failed')
                            RETURNING j.id, j.host, o.effect
                        ), hosts AS (
                            SELECT host, bool_or(effect = 'answered') AS answered
                            FROM job WHERE effect <> 'none'
                            GROUP BY host
                        ), answered AS (
                            INSERT INTO instances AS i (host, last_success_at)
                            SELECT host, $8::timestamptz FROM hosts WHERE answered ORDER BY host
                            ON CONFLICT (host) DO UPDATE
                            SET last_success_at = EXCLUDED.last_success_at, failure_days = 0, last_failure_day = NULL,
                                unavailable_since = NULL, next_probe_at = NULL
                        ), failed AS (
                            INSERT INTO instances AS i (host, failure_days, last_failure_day, last_failure_at, unavailable_since,
                                                        next_probe_at)
                            SELECT host, 1, $9::date, $8::timestamptz, CASE WHEN 1 >= $10::integer THEN $8::timestamptz END, CASE WHEN 1 >= $10::integer THEN $11::timestamptz END
                            FROM hosts WHERE NOT answered ORDER BY host
                            ON CONFLICT (host) DO UPDATE
                            SET failure_days = i.failure_days + CASE WHEN i.last_failure_day IS DISTINCT FROM $9::date THEN 1 ELSE 0 END,
                                last_failure_day = $9::date,
                                last_failure_at = $8::timestamptz,
                                unavailable_since = CASE
                                    WHEN i.unavailable_since IS NULL
                                     AND i.failure_days + CASE WHEN i.last_failure_day IS DISTINCT FROM $9::date THEN 1 ELSE 0 END >= $10::integer
                                    THEN $8::timestamptz ELSE i.unavailable_since END,
                                next_probe_at = CASE
                                    WHEN i.unavailable_since IS NULL
                                     AND i.failure_days + CASE WHEN i.last_failure_day IS DISTINCT FROM $9::date THEN 1 ELSE 0 END >= $10::integer
                                    THEN $11::timestamptz ELSE i.next_probe_at END
                        )
                        SELECT id FROM job""")
                .execute(Tuple.from(new Object[] {ids, leases, states, nexts, statuses, errors, effects, now,
                        LocalDate.ofInstant(now.toInstant(), ZoneOffset.UTC), settings.unavailableAfterDays(),
                        at(now.toInstant().plus(settings.probeInterval()))}))
                .map(rows -> {
                    Set<Long> recorded = new HashSet<>();
                    rows.forEach(r -> recorded.add(r.getLong("id")));
                    return recorded;
                });
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }

    // --- upkeep and statistics -----------------------------------------------------------------

    /** Fails pending jobs past their give-up time (those of unavailable servers, mostly). */
    public Future<Integer> expire(SqlClient client) {
        return client.preparedQuery("""
                        UPDATE delivery_jobs
                        SET state = 'failed', last_error = 'gave up: not delivered before ' || expires_at, finished_at = $1
                        WHERE state = 'pending' AND expires_at <= $1 AND (leased_until IS NULL OR leased_until <= $1)""")
                .execute(Tuple.of(now()))
                .map(RowSet::rowCount);
    }

    /** Deletes jobs finished before the retention period, and activities left with no job. */
    public Future<Integer> purge(SqlClient client) {
        OffsetDateTime before = at(clock.instant().minus(settings.retention()));
        return client.preparedQuery("DELETE FROM delivery_jobs WHERE state <> 'pending' AND finished_at < $1")
                .execute(Tuple.of(before))
                .compose(jobs -> client.preparedQuery("""
                                DELETE FROM outgoing_activities a
                                WHERE a.created_at < $1
                                  AND NOT EXISTS (SELECT 1 FROM delivery_jobs j WHERE j.activity = a.id)""")
                        .execute(Tuple.of(before))
                        .map(activities -> jobs.rowCount()));
    }

    /** Job counts per server. */
    public Future<DeliveryStats> stats(SqlClient client) {
        return client.query("""
                        SELECT j.host,
                               count(*) FILTER (WHERE j.state = 'pending' AND j.attempts = 0) AS pending,
                               count(*) FILTER (WHERE j.state = 'pending' AND j.attempts > 0) AS retrying,
                               count(*) FILTER (WHERE j.state = 'failed') AS failed,
                               count(*) FILTER (WHERE j.state = 'delivered') AS delivered,
                               max(i.unavailable_since) AS unavailable_since
                        FROM delivery_jobs j LEFT JOIN instances i ON i.host = j.host
                        GROUP BY j.host
                        ORDER BY j.host""")
                .execute()
                .map(rows -> {
                    List<DeliveryStats.HostStats> hosts = new ArrayList<>();
                    for (Row r : rows) {
                        hosts.add(new DeliveryStats.HostStats(r.getString("host"), r.getLong("pending"), r.getLong("retrying"),
                                r.getLong("failed"), r.getLong("delivered"),
                                Optional.ofNullable(r.getOffsetDateTime("unavailable_since")).map(OffsetDateTime::toInstant)));
                    }
                    return new DeliveryStats(hosts);
                });
    }
}
