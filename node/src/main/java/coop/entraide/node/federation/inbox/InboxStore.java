package coop.entraide.node.federation.inbox;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code inbox_activities} table: what the inbox stored and the worker's bookkeeping. Time
 * comes from the caller's clock, never from the database, so that tests can move it.
 */
public final class InboxStore {

    /**
     * An activity as the inbox stores it.
     *
     * @param leasedUntil set when the row is handed to this process's worker in memory as it is
     *                    stored: the lease keeps other workers off it, and gives it back to all
     *                    of them if this process dies before applying it; null otherwise
     */
    public record Received(String dedupeKey, String activityUri, String actorUri, String type, byte[] body,
                           String verifiedBy, Long inboxOwnerId, Instant leasedUntil) {
        public Received(String dedupeKey, String activityUri, String actorUri, String type, byte[] body,
                        String verifiedBy, Long inboxOwnerId) {
            this(dedupeKey, activityUri, actorUri, type, body, verifiedBy, inboxOwnerId, null);
        }
    }

    /** A row the worker has claimed. */
    public record Claimed(long id, String actorUri, String type, String body, Long inboxOwnerId, int attempts) {
        static Claimed fromRow(Row row) {
            return new Claimed(row.getLong("id"), row.getString("actor_uri"), row.getString("type"),
                    row.getString("body"), row.getLong("inbox_owner_id"), row.getInteger("attempts"));
        }
    }

    /** What became of an activity, as stored in {@code state}. */
    public enum State {
        PROCESSED("processed"), IGNORED("ignored"), FAILED("failed");

        final String column;

        State(String column) {
            this.column = column;
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Stores an activity unless one with the same key is there; its row id when this call stored it. */
    public Future<Optional<Long>> insert(SqlClient client, Received r, Instant now) {
        return insertAll(client, List.of(r), now).map(stored -> Optional.ofNullable(stored.get(r.dedupeKey())));
    }

    /**
     * Stores many activities in one statement, each unless one with the same key is there (or
     * comes earlier in the list). Returns the keys this call stored, with their row ids. One row PostgreSQL refuses
     * (a {@code \u0000} in a string) fails the whole statement: see {@link InboxBatcher}.
     */
    public Future<Map<String, Long>> insertAll(SqlClient client, List<Received> rows, Instant now) {
        int n = rows.size();
        String[] keys = new String[n];
        String[] activities = new String[n];
        String[] actors = new String[n];
        String[] types = new String[n];
        Buffer[] bodies = new Buffer[n];
        String[] verifiedBy = new String[n];
        Long[] owners = new Long[n];
        OffsetDateTime[] leases = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Received r = rows.get(i);
            keys[i] = r.dedupeKey();
            activities[i] = r.activityUri();
            actors[i] = r.actorUri();
            types[i] = r.type();
            bodies[i] = Buffer.buffer(r.body());
            verifiedBy[i] = r.verifiedBy();
            owners[i] = r.inboxOwnerId();
            leases[i] = r.leasedUntil() == null ? null : at(r.leasedUntil());
        }
        return client.preparedQuery("""
                        INSERT INTO inbox_activities (dedupe_key, activity_uri, actor_uri, type, body, verified_by,
                                                      inbox_owner_id, received_at, next_attempt_at, leased_until)
                        SELECT r.dedupe_key, r.activity_uri, r.actor_uri, r.type, convert_from(r.body, 'UTF8')::jsonb,
                               r.verified_by, r.inbox_owner_id, $8, $8, r.leased_until
                        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::text[], $7::bigint[],
                                    $9::timestamptz[])
                             WITH ORDINALITY AS r (dedupe_key, activity_uri, actor_uri, type, body, verified_by, inbox_owner_id,
                                                   leased_until, n)
                        ORDER BY r.n
                        ON CONFLICT (dedupe_key) DO NOTHING
                        RETURNING id, dedupe_key""")
                .execute(Tuple.from(new Object[] {keys, activities, actors, types, bodies, verifiedBy, owners, at(now), leases}))
                .map(inserted -> {
                    Map<String, Long> stored = new HashMap<>();
                    inserted.forEach(row -> stored.put(row.getString("dedupe_key"), row.getLong("id")));
                    return stored;
                });
    }

    /**
     * Leases up to {@code max} due activities, oldest first, skipping rows another worker is
     * claiming at this moment and rows whose lease has not run out. Returned in the order they
     * were received (by id), the order in which a batch is applied: a Follow and its Undo, a
     * Create and its Update that arrive together are applied in that order.
     */
    public Future<List<Claimed>> claim(Pool pool, int max, Instant now, Instant leaseUntil) {
        return pool.preparedQuery("""
                        UPDATE inbox_activities SET leased_until = $2
                        WHERE id IN (
                            SELECT id FROM inbox_activities
                            WHERE state = 'pending' AND next_attempt_at <= $1
                              AND (leased_until IS NULL OR leased_until <= $1)
                            ORDER BY next_attempt_at, id
                            LIMIT $3
                            FOR UPDATE SKIP LOCKED)
                        RETURNING id, actor_uri, type, body::text AS body, inbox_owner_id, attempts""")
                .execute(Tuple.of(at(now), at(leaseUntil), max))
                .map(InboxStore::claimed);
    }

    private static List<Claimed> claimed(RowSet<Row> rows) {
        List<Claimed> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(Claimed.fromRow(r)));
        out.sort(Comparator.comparingLong(Claimed::id));
        return out;
    }

    /**
     * Locks the row for the transaction that processes it; false when it is no longer pending
     * (another worker, whose lease had run out, finished it first). A second worker reaching the
     * same row waits here until the first commits, so no activity is applied twice.
     */
    public Future<Boolean> lockPending(SqlClient tx, long id) {
        return tx.preparedQuery("SELECT state FROM inbox_activities WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 1 && "pending".equals(rows.iterator().next().getString("state")));
    }

    /**
     * Locks the rows of a batch for the transaction that processes them, in id order (two
     * workers locking overlapping batches then wait for each other instead of deadlocking), and
     * returns those still pending; as {@link #lockPending(SqlClient, long)} for each.
     */
    public Future<Set<Long>> lockPending(SqlClient tx, Collection<Long> ids) {
        return tx.preparedQuery("""
                        SELECT id FROM inbox_activities
                        WHERE id = ANY($1) AND state = 'pending'
                        ORDER BY id
                        FOR UPDATE""")
                .execute(Tuple.from(new Object[] {ids.toArray(Long[]::new)}))
                .map(rows -> {
                    Set<Long> pending = new HashSet<>();
                    rows.forEach(r -> pending.add(r.getLong("id")));
                    return pending;
                });
    }

    /** What became of one activity of a batch, for {@link #finishAll}. */
    public record Finished(long id, State state, String note) {
    }

    /**
     * Records the outcomes of a batch in one statement, as {@link #finish} does for one, for the rows
     * still pending only: called without the rows locked (a batch decided without writes), it
     * leaves alone a row that another worker, whose lease on it had run out, finished first; if
     * that worker holds the row locked, the statement waits for its commit and then sees it done.
     */
    public Future<Void> finishAll(SqlClient tx, List<Finished> finished, Instant now) {
        if (finished.isEmpty()) {
            return Future.succeededFuture();
        }
        Long[] ids = new Long[finished.size()];
        String[] states = new String[ids.length];
        String[] notes = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            Finished f = finished.get(i);
            ids[i] = f.id();
            states[i] = f.state().column;
            notes[i] = f.note();
        }
        return tx.preparedQuery("""
                        UPDATE inbox_activities i
                        SET state = f.state, error = f.note, processed_at = $4, leased_until = NULL, attempts = i.attempts + 1
                        FROM unnest($1::bigint[], $2::text[], $3::text[]) AS f (id, state, note)
                        WHERE i.id = f.id AND i.state = 'pending'""")
                .execute(Tuple.of(ids, states, notes, at(now)))
                .mapEmpty();
    }

    public Future<Void> finish(SqlClient tx, long id, State state, String note, Instant now) {
        return tx.preparedQuery("""
                        UPDATE inbox_activities
                        SET state = $2, error = $3, processed_at = $4, leased_until = NULL, attempts = attempts + 1
                        WHERE id = $1""")
                .execute(Tuple.of(id, state.column, note, at(now)))
                .mapEmpty();
    }

    /** A failed attempt to be tried again at {@code next}. */
    public Future<Void> retry(SqlClient client, long id, String error, Instant next) {
        return client.preparedQuery("""
                        UPDATE inbox_activities
                        SET attempts = attempts + 1, error = $2, next_attempt_at = $3, leased_until = NULL
                        WHERE id = $1 AND state = 'pending'""")
                .execute(Tuple.of(id, error, at(next)))
                .mapEmpty();
    }

    /**
     * Gives back leases of rows this process will not apply after all (its worker stopped while
     * they waited in memory), so that any worker takes them at once rather than when they run out.
     */
    public Future<Void> releaseLeases(SqlClient client, Collection<Long> ids) {
        return client.preparedQuery("""
                        UPDATE inbox_activities SET leased_until = NULL
                        WHERE id = ANY($1) AND state = 'pending'""")
                .execute(Tuple.from(new Object[] {ids.toArray(Long[]::new)}))
                .mapEmpty();
    }

    /** Deletes finished rows: processed and ignored ones older than {@code before}, failed ones older than {@code failedBefore}. */
    public Future<Integer> purge(SqlClient client, Instant before, Instant failedBefore) {
        return client.preparedQuery("""
                        DELETE FROM inbox_activities
                        WHERE (state IN ('processed', 'ignored') AND processed_at < $1)
                           OR (state = 'failed' AND processed_at < $2)""")
                .execute(Tuple.of(at(before), at(failedBefore)))
                .map(RowSet::rowCount);
    }
}
