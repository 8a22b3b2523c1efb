package coop.entraide.node.federation.load;

import coop.entraide.node.Blocking;
import coop.entraide.node.Uris;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.IdentityService;
import coop.entraide.node.identity.PasswordHasher;
import coop.entraide.node.identity.Role;
import coop.entraide.node.store.Storage;
import coop.entraide.protocol.keys.Pem;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;

/**
 * What a load test needs in a node's database before the node starts: a collective with one member
 * who can sign in, and remote followers of the collective spread over servers (rows as the inbox
 * would have stored them after their Follows). Written straight into the database, so that seeding
 * ten thousand followers takes a second, not ten thousand Follows.
 */
public final class FollowerWorld implements AutoCloseable {
    public static final String COLLECTIVE = "capucins";
    public static final String MEMBER = "alice";
    public static final String PASSWORD = "entraide-alice-load";

    private final Vertx vertx;
    private final Pool pool;
    private final String baseUrl;
    private final Actor collective;

    private FollowerWorld(Vertx vertx, Pool pool, String baseUrl, Actor collective) {
        this.vertx = vertx;
        this.pool = pool;
        this.baseUrl = baseUrl;
        this.collective = collective;
    }

    /** Migrates the database and creates the node's instance actor, the collective and its member. */
    public static FollowerWorld create(URI databaseUrl, String baseUrl) {
        Vertx vertx = Vertx.vertx();
        Pool pool = Storage.openMigrated(vertx, databaseUrl, 4);
        IdentityService identity = new IdentityService(vertx, pool, new Uris(URI.create(baseUrl)), new PasswordHasher());
        Blocking.await(identity.prepareNode(), 60, "instance actor");
        var created = Blocking.await(identity.createCollective(
                new IdentityService.NewCollective(COLLECTIVE, "Les Capucins", "", false)), 60, "collective");
        Blocking.await(identity.createMember(new IdentityService.NewMember(MEMBER, COLLECTIVE, "Alice", "", Role.MEMBER,
                PASSWORD)), 60, "member");
        return new FollowerWorld(vertx, pool, baseUrl, created.actor());
    }

    public String collectiveUri() {
        return collective.uri();
    }

    public String collectiveKeyId() {
        return collective.publicKeyId();
    }

    public PublicKey collectiveKey() {
        try {
            return Pem.readPublicKey(collective.publicKeyPem());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds {@code perServer} accepted followers of the collective on each server
     * ({@code host:port}), with the server's shared inbox {@code /inbox} when {@code sharedInbox},
     * otherwise each with only its own inbox {@code /users/fN/inbox}.
     */
    public void addFollowers(List<String> authorities, int perServer, boolean sharedInbox) {
        Blocking.await(pool.preparedQuery("""
                        WITH servers AS (
                            SELECT a AS authority FROM unnest($1::text[]) AS s (a)
                        ), followers AS (
                            INSERT INTO actors (uri, type, username, domain, inbox_uri, shared_inbox_uri, outbox_uri,
                                                followers_uri, following_uri, fetched_at)
                            SELECT 'http://' || s.authority || '/users/f' || n, 'Person', 'f' || n, s.authority,
                                   'http://' || s.authority || '/users/f' || n || '/inbox',
                                   CASE WHEN $3 THEN 'http://' || s.authority || '/inbox' END,
                                   'http://' || s.authority || '/users/f' || n || '/outbox',
                                   'http://' || s.authority || '/users/f' || n || '/followers',
                                   'http://' || s.authority || '/users/f' || n || '/following',
                                   now()
                            FROM servers s CROSS JOIN generate_series(1, $2) AS n
                            RETURNING id, uri
                        )
                        INSERT INTO follows (follower_id, followed_id, state, activity_uri, accepted_at)
                        SELECT f.id, $4, 'accepted', f.uri || '#follow', now() FROM followers f""")
                .execute(Tuple.of(authorities.toArray(String[]::new), perServer, sharedInbox, collective.id())), 120, "followers");
        Blocking.await(pool.query("ANALYZE actors; ANALYZE follows").execute(), 60, "analyze");
    }

    /**
     * Stores remote actors as if their documents had just been fetched (keys cached), each with
     * the personal inbox {@code inboxOf} gives it and no shared inbox.
     */
    public void addActors(List<RemoteActor> actors, java.util.function.Function<RemoteActor, String> inboxOf) {
        List<Tuple> rows = actors.stream().map(a -> Tuple.of(a.id(), a.username(), a.server(), inboxOf.apply(a),
                a.keyId(), coop.entraide.protocol.keys.Pem.write(a.keys().getPublic()),
                a.ed25519() == null ? null : a.multikeyId(), a.ed25519() == null ? null : multibase(a))).toList();
        Blocking.await(pool.preparedQuery("""
                        INSERT INTO actors (uri, type, username, domain, inbox_uri, shared_inbox_uri, public_key_id, public_key_pem,
                                            multikey_id, public_key_multibase, fetched_at)
                        VALUES ($1, 'Person', $2, $3, $4, NULL, $5, $6, $7, $8, now())""")
                .executeBatch(rows), 120, "remote actors");
    }

    private static String multibase(RemoteActor actor) {
        try {
            return coop.entraide.protocol.keys.Multikey.encode(actor.ed25519().getPublic());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of the collective's Ed25519 Multikey. */
    public String collectiveMultikeyId() {
        return collective.multikeyId();
    }

    public PublicKey collectiveEd25519Key() {
        try {
            return coop.entraide.protocol.keys.Multikey.decodePublicKey(collective.publicKeyMultibase());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows in {@code inbox_activities}. */
    public long inboxActivities() {
        return Blocking.await(pool.query("SELECT count(*) AS n FROM inbox_activities").execute(), 30, "count")
                .iterator().next().getLong("n");
    }

    /** Rows of {@code inbox_activities} the inbox worker has finished with (no longer pending). */
    public long inboxActivitiesDone() {
        return Blocking.await(pool.query("SELECT count(*) AS n FROM inbox_activities WHERE state <> 'pending'").execute(),
                30, "count").iterator().next().getLong("n");
    }

    /**
     * Starts counting statements afresh ({@code pg_stat_statements} must be loaded by the server):
     * what {@link #statementReport} tells is then what ran since.
     */
    public void resetStatementStatistics() {
        Blocking.await(pool.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").execute(), 30, "extension");
        Blocking.await(pool.query("SELECT pg_stat_statements_reset(), pg_stat_reset_shared('wal')").execute(), 30, "reset");
    }

    /** The statements that took the most time since the reset, and the write-ahead log written. */
    public List<String> statementReport(int top) {
        List<String> lines = new java.util.ArrayList<>();
        Blocking.await(pool.query("SELECT wal_records, wal_bytes, wal_write, wal_sync FROM pg_stat_wal").execute(), 30, "wal")
                .forEach(r -> lines.add(String.format("WAL: %d records, %d KiB, %d writes, %d syncs",
                        r.getLong("wal_records"), r.getBigDecimal("wal_bytes").longValue() / 1024,
                        r.getLong("wal_write"), r.getLong("wal_sync"))));
        Blocking.await(pool.preparedQuery("""
                        SELECT calls, rows, round(total_exec_time::numeric, 1) AS ms,
                               left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS query
                        FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT $1""")
                .execute(Tuple.of(top)), 30, "statements")
                .forEach(r -> lines.add(String.format("%8d calls %8d rows %9s ms  %s", r.getLong("calls"),
                        r.getLong("rows"), r.getBigDecimal("ms"), r.getString("query"))));
        return lines;
    }

    /** Rows in {@code follows} of the collective, in this state. */
    public long followsOfCollective(String state) {
        return Blocking.await(pool.preparedQuery("SELECT count(*) AS n FROM follows WHERE followed_id = $1 AND state = $2")
                .execute(Tuple.of(collective.id(), state)), 30, "count").iterator().next().getLong("n");
    }

    /** The newest row of {@code follows}, 0 when there is none: where a phase's own follows begin. */
    public long lastFollowId() {
        return Blocking.await(pool.query("SELECT coalesce(max(id), 0) AS n FROM follows").execute(), 30, "last")
                .iterator().next().getLong("n");
    }

    /**
     * Rows in {@code follows} of the collective, in this state, among the (at most {@code atMost})
     * newer than {@code afterId}: what a benchmark looks at while it waits costs as much at the
     * last phase as at the first, instead of growing with every follower recorded before (and
     * taking its share of the database's time).
     */
    public long followsOfCollectiveAfter(long afterId, int atMost, String state) {
        // A range closed at both ends: a generic plan reads it through the primary key, where
        // "id > $1" alone is planned as a third of the table, read whole.
        return Blocking.await(pool.preparedQuery("""
                        SELECT count(*) AS n FROM follows
                        WHERE id > $1 AND id <= $1 + $2 AND followed_id = $3 AND state = $4""")
                .execute(Tuple.of(afterId, 4L * atMost, collective.id(), state)), 30, "count").iterator().next().getLong("n");
    }

    /** Jobs of the delivery queue in each state. */
    public long jobs(String state) {
        Row row = Blocking.await(pool.preparedQuery("SELECT count(*) AS n FROM delivery_jobs WHERE state = $1")
                .execute(Tuple.of(state)), 30, "count").iterator().next();
        return row.getLong("n");
    }

    /** Transactions committed in the node's database so far (as the statistics report them, up to a second late). */
    public long commits() {
        return Blocking.await(pool.query("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")
                .execute(), 30, "commits").iterator().next().getLong("xact_commit");
    }

    /** A server setting, as the node's connections see it. */
    public String setting(String name) {
        return Blocking.await(pool.preparedQuery("SELECT current_setting($1) AS v").execute(Tuple.of(name)), 30, "setting")
                .iterator().next().getString("v");
    }

    /** Starts counting statements afresh; the server must preload {@code pg_stat_statements}. */
    public void resetStatements() {
        Blocking.await(pool.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").execute()
                .compose(v -> pool.query("SELECT pg_stat_statements_reset()").execute()), 30, "statements");
    }

    /** The statements that took the most time since {@link #resetStatements()}: calls, total ms, text. */
    public List<String> topStatements(int limit) {
        List<String> out = new java.util.ArrayList<>();
        Blocking.await(pool.preparedQuery("""
                        SELECT calls, round(total_exec_time::numeric, 1) AS ms, regexp_replace(query, '\\s+', ' ', 'g') AS q
                        FROM pg_stat_statements
                        WHERE query NOT LIKE '%pg_stat_statements%'
                        ORDER BY total_exec_time DESC LIMIT $1""").execute(Tuple.of(limit)), 30, "statements")
                .forEach(r -> out.add(String.format("%8d calls %9.1f ms  %s", r.getLong("calls"), r.getBigDecimal("ms").doubleValue(),
                        shortened(r.getString("q")))));
        return out;
    }

    /** A statement's start and end: long column lists would hide the FROM and WHERE that tell two statements apart. */
    private static String shortened(String statement) {
        return statement.length() <= 200 ? statement : statement.substring(0, 110) + " … " + statement.substring(statement.length() - 90);
    }

    /** Signs the member in through the node's API and returns a bearer token. */
    public static String signIn(HttpClient http, String baseUrl) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/sessions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + MEMBER + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw new IllegalStateException("sign-in answered " + r.statusCode() + ": " + r.body());
        }
        return new io.vertx.core.json.JsonObject(r.body()).getString("token");
    }

    /** The member posts publicly in the collective, which announces the post to all its followers. */
    public static HttpResponse<String> post(HttpClient http, String baseUrl, String token, String text) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/posts"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(new io.vertx.core.json.JsonObject()
                        .put("content", text).put("visibility", "public").encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        Blocking.await(pool.close(), 10, "pool");
        Blocking.await(vertx.close(), 20, "vertx");
    }
}
