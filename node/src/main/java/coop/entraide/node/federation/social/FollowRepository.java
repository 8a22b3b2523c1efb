package coop.entraide.node.federation.social;

import coop.entraide.node.identity.Actor;
import coop.entraide.node.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Who follows whom ({@code follows}), in both directions. */
public final class FollowRepository {

    /** A follow with the actor at its other end, for listings. */
    public record WithActor(Follow follow, Actor actor) {
    }

    /** Records a follow; empty when these two actors already have one (or the activity is known). */
    public Future<Optional<Follow>> insert(SqlClient tx, long followerId, long followedId, Follow.State state,
                                           String activityUri, OffsetDateTime now) {
        return tx.preparedQuery("""
                        INSERT INTO follows AS f (follower_id, followed_id, state, activity_uri, created_at, accepted_at)
                        VALUES ($1, $2, $3::text, $4, $5::timestamptz, CASE WHEN $3::text = 'accepted' THEN $5::timestamptz END)
                        ON CONFLICT DO NOTHING
                        RETURNING %s""".formatted(Follow.COLUMNS))
                .execute(Tuple.of(followerId, followedId, state.value(), activityUri, now))
                .map(rows -> SqlErrors.first(rows, Follow::fromRow));
    }

    /**
     * What a received Follow of {@code followedUri} needs to know, in one round trip.
     *
     * @param followed the live local actor with that id
     * @param blocked  whether either of the two actors blocks the other
     * @param existing the follow already recorded between them, if any
     */
    public record FollowTarget(Actor followed, boolean blocked, Optional<Follow> existing) {
    }

    /** Empty when {@code followedUri} is not a live local actor. */
    public Future<Optional<FollowTarget>> target(SqlClient client, long followerId, String followedUri) {
        return targets(client, List.of(followerId), List.of(followedUri)).map(found -> found.get(0));
    }

    /**
     * {@link #target} for several Follows in one round trip: the answer of each (follower, followed
     * id) pair, in their order. Each pair is looked up by its own index entries (the {@code LIMIT}s
     * keep the planner from joining the whole list with every follow of a popular actor instead).
     */
    public Future<List<Optional<FollowTarget>>> targets(SqlClient client, List<Long> followerIds, List<String> followedUris) {
        int n = followerIds.size();
        return client.preparedQuery("""
                        SELECT t.n, a.*, f.*,
                               EXISTS (SELECT 1 FROM actor_blocks b
                                       WHERE (b.blocker_id = t.follower_id AND b.blocked_id = a.id)
                                          OR (b.blocker_id = a.id AND b.blocked_id = t.follower_id)) AS blocked
                        FROM unnest($1::bigint[], $2::text[]) WITH ORDINALITY AS t (follower_id, uri, n)
                        CROSS JOIN LATERAL (SELECT %s FROM actors a WHERE a.uri = t.uri AND a.deleted_at IS NULL LIMIT 1) a
                        LEFT JOIN LATERAL (SELECT %s FROM follows f
                                           WHERE f.follower_id = t.follower_id AND f.followed_id = a.id LIMIT 1) f ON true"""
                        .formatted(Actor.COLUMNS, Follow.PREFIXED_COLUMNS))
                // Tuple.from: Tuple.of would spread the last array as its varargs.
                .execute(Tuple.from(new Object[] {followerIds.toArray(Long[]::new), followedUris.toArray(String[]::new)}))
                .map(rows -> {
                    List<Optional<FollowTarget>> found = new ArrayList<>(Collections.nCopies(n, Optional.empty()));
                    for (Row r : rows) {
                        FollowTarget target = new FollowTarget(Actor.fromRow(r), r.getBoolean("blocked"),
                                r.getLong("follow_id") == null ? Optional.empty() : Optional.of(Follow.fromPrefixedRow(r)));
                        if (target.followed().local()) {
                            found.set(r.getLong("n").intValue() - 1, Optional.of(target));
                        }
                    }
                    return found;
                });
    }

    /** A follow to record as accepted at once, by the id of its Follow activity. */
    public record NewFollow(long followerId, long followedId, String activityUri) {
    }

    /**
     * Records accepted follows in one statement, each only if its followed actor is still live and
     * no block stands between the two (either may have changed since they were looked up). Returns
     * those recorded; one whose pair or activity id is already known is left out.
     */
    public Future<Set<NewFollow>> insertAccepted(SqlClient tx, List<NewFollow> follows, OffsetDateTime now) {
        int n = follows.size();
        Long[] followers = new Long[n];
        Long[] followed = new Long[n];
        String[] activities = new String[n];
        for (int i = 0; i < n; i++) {
            followers[i] = follows.get(i).followerId();
            followed[i] = follows.get(i).followedId();
            activities[i] = follows.get(i).activityUri();
        }
        return tx.preparedQuery("""
                        INSERT INTO follows (follower_id, followed_id, state, activity_uri, created_at, accepted_at)
                        SELECT t.follower_id, t.followed_id, 'accepted', t.activity_uri, $4, $4
                        FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS t (follower_id, followed_id, activity_uri)
                        WHERE EXISTS (SELECT 1 FROM actors a WHERE a.id = t.followed_id AND a.deleted_at IS NULL)
                          AND NOT EXISTS (SELECT 1 FROM actor_blocks b
                                          WHERE (b.blocker_id = t.follower_id AND b.blocked_id = t.followed_id)
                                             OR (b.blocker_id = t.followed_id AND b.blocked_id = t.follower_id))
                        ON CONFLICT DO NOTHING
                        RETURNING follower_id, followed_id, activity_uri""")
                .execute(Tuple.from(new Object[] {followers, followed, activities, now}))
                .map(rows -> {
                    Set<NewFollow> recorded = new HashSet<>();
                    rows.forEach(r -> recorded.add(new NewFollow(r.getLong("follower_id"), r.getLong("followed_id"),
                            r.getString("activity_uri"))));
                    return recorded;
                });
    }

    public Future<Optional<Follow>> between(SqlClient client, long followerId, long followedId) {
        return client.preparedQuery("SELECT %s FROM follows f WHERE f.follower_id = $1 AND f.followed_id = $2"
                        .formatted(Follow.COLUMNS))
                .execute(Tuple.of(followerId, followedId))
                .map(rows -> SqlErrors.first(rows, Follow::fromRow));
    }

    public Future<Optional<Follow>> byActivity(SqlClient client, String activityUri) {
        return client.preparedQuery("SELECT %s FROM follows f WHERE f.activity_uri = $1".formatted(Follow.COLUMNS))
                .execute(Tuple.of(activityUri))
                .map(rows -> SqlErrors.first(rows, Follow::fromRow));
    }

    public Future<Optional<Follow>> byId(SqlClient client, long id) {
        return client.preparedQuery("SELECT %s FROM follows f WHERE f.id = $1".formatted(Follow.COLUMNS))
                .execute(Tuple.of(id))
                .map(rows -> SqlErrors.first(rows, Follow::fromRow));
    }

    /** A second Follow for the same pair (the other side lost its state): its id is the one to answer. */
    public Future<Void> replaceActivity(SqlClient tx, long id, String activityUri) {
        return tx.preparedQuery("UPDATE follows SET activity_uri = $2 WHERE id = $1")
                .execute(Tuple.of(id, activityUri))
                .mapEmpty();
    }

    /** Pending → accepted; false when it was not pending. */
    public Future<Boolean> accept(SqlClient tx, long id, OffsetDateTime now) {
        return tx.preparedQuery("UPDATE follows SET state = 'accepted', accepted_at = $2 WHERE id = $1 AND state = 'pending'")
                .execute(Tuple.of(id, now))
                .map(rows -> rows.rowCount() > 0);
    }

    public Future<Boolean> delete(SqlClient tx, long id) {
        return tx.preparedQuery("DELETE FROM follows WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Removes follows between two actors in both directions; returns how many there were. */
    public Future<Integer> deleteBothWays(SqlClient tx, long a, long b) {
        return tx.preparedQuery("""
                        DELETE FROM follows
                        WHERE (follower_id = $1 AND followed_id = $2) OR (follower_id = $2 AND followed_id = $1)""")
                .execute(Tuple.of(a, b))
                .map(RowSet::rowCount);
    }

    /** The remote actors whose accepted follow makes them receive what {@code followedId} publishes. */
    public Future<List<Actor>> remoteFollowers(SqlClient client, long followedId) {
        return client.preparedQuery("""
                        SELECT %s FROM follows f JOIN actors a ON a.id = f.follower_id
                        WHERE f.followed_id = $1 AND f.state = 'accepted' AND a.domain <> '' AND a.deleted_at IS NULL"""
                        .formatted(Actor.COLUMNS))
                .execute(Tuple.of(followedId))
                .map(FollowRepository::actors);
    }

    /** The local actors following {@code followedId} (accepted), e.g. to migrate them on a Move. */
    public Future<List<Follow>> localFollowersOf(SqlClient client, long followedId) {
        return client.preparedQuery("""
                        SELECT %s FROM follows f JOIN actors a ON a.id = f.follower_id
                        WHERE f.followed_id = $1 AND a.domain = ''""".formatted(Follow.COLUMNS))
                .execute(Tuple.of(followedId))
                .map(rows -> {
                    List<Follow> out = new ArrayList<>();
                    rows.forEach(r -> out.add(Follow.fromRow(r)));
                    return out;
                });
    }

    /** Whether some local actor follows {@code actorId} (accepted). */
    public Future<Boolean> followedLocally(SqlClient client, long actorId) {
        return client.preparedQuery("""
                        SELECT EXISTS (SELECT 1 FROM follows f JOIN actors a ON a.id = f.follower_id
                                       WHERE f.followed_id = $1 AND f.state = 'accepted' AND a.domain = '') AS followed""")
                .execute(Tuple.of(actorId))
                .map(rows -> rows.iterator().next().getBoolean("followed"));
    }

    /** Which of these actors some local actor follows (accepted): {@link #followedLocally(SqlClient, long)} for many in one query. */
    public Future<Set<Long>> followedLocally(SqlClient client, Collection<Long> actorIds) {
        return client.preparedQuery("""
                        SELECT DISTINCT f.followed_id FROM follows f JOIN actors a ON a.id = f.follower_id
                        WHERE f.followed_id = ANY($1) AND f.state = 'accepted' AND a.domain = ''""")
                .execute(Tuple.from(new Object[] {actorIds.toArray(Long[]::new)}))
                .map(rows -> {
                    Set<Long> followed = new HashSet<>();
                    rows.forEach(r -> followed.add(r.getLong("followed_id")));
                    return followed;
                });
    }

    public Future<Long> countFollowers(SqlClient client, long actorId) {
        return count(client, "SELECT count(*) AS n FROM follows WHERE followed_id = $1 AND state = 'accepted'", actorId);
    }

    public Future<Long> countFollowing(SqlClient client, long actorId) {
        return count(client, "SELECT count(*) AS n FROM follows WHERE follower_id = $1 AND state = 'accepted'", actorId);
    }

    /**
     * A page of the actors following {@code actorId} ({@code followers = true}) or followed by it,
     * newest follow first, after the follow with id {@code beforeId} when given.
     */
    public Future<List<WithActor>> page(SqlClient client, long actorId, boolean followers, Optional<Follow.State> state,
                                        Optional<Long> beforeId, int limit) {
        String self = followers ? "f.followed_id" : "f.follower_id";
        String other = followers ? "f.follower_id" : "f.followed_id";
        return client.preparedQuery("""
                        SELECT %s, %s FROM follows f JOIN actors a ON a.id = %s
                        WHERE %s = $1 AND ($2::text IS NULL OR f.state = $2) AND ($3::bigint IS NULL OR f.id < $3)
                          AND a.deleted_at IS NULL
                        ORDER BY f.id DESC
                        LIMIT $4""".formatted(Follow.PREFIXED_COLUMNS, Actor.COLUMNS, other, self))
                .execute(Tuple.of(actorId, state.map(Follow.State::value).orElse(null), beforeId.orElse(null), limit))
                .map(rows -> {
                    List<WithActor> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new WithActor(Follow.fromPrefixedRow(r), Actor.fromRow(r))));
                    return out;
                });
    }

    private static List<Actor> actors(RowSet<Row> rows) {
        List<Actor> out = new ArrayList<>();
        rows.forEach(r -> out.add(Actor.fromRow(r)));
        return out;
    }

    private static Future<Long> count(SqlClient client, String sql, long actorId) {
        return client.preparedQuery(sql).execute(Tuple.of(actorId)).map(rows -> rows.iterator().next().getLong("n"));
    }
}
