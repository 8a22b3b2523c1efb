package coop.entraide.node.federation.actors;

import coop.entraide.node.identity.Actor;
import coop.entraide.node.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The {@code actors} table as the federation cache sees it: lookups by id and key id, upserts of
 * fetched remote actors, deletions. Never writes a local actor's row.
 */
public final class ActorStore {
    /** What {@link Actor#fromRow} reads, plus the cache's own columns. */
    private static final String COLUMNS = """
            a.id, a.uri, a.type, a.username, a.domain, a.display_name, a.summary, a.url, a.inbox_uri,
            a.outbox_uri, a.shared_inbox_uri, a.followers_uri, a.following_uri, a.public_key_id,
            a.public_key_pem, a.multikey_id, a.public_key_multibase, a.manually_approves_followers,
            a.discoverable, a.created_at, a.avatar_url, a.avatar_alt, a.fetched_at, a.deleted_at""";

    /** Any actor with this id, deleted or not. */
    public Future<Optional<CachedActor>> byUri(SqlClient client, String uri) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM actors a WHERE a.uri = $1")
                .execute(Tuple.of(uri))
                .map(rows -> SqlErrors.first(rows, ActorStore::cached));
    }

    /**
     * Any actors with these ids (URIs) or these row ids, deleted or not, in one round trip: the
     * senders and inbox owners of a batch of received activities.
     */
    public Future<List<CachedActor>> byUrisOrIds(SqlClient client, Collection<String> uris, Collection<Long> ids) {
        if (uris.isEmpty() && ids.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return client.preparedQuery("SELECT " + COLUMNS + " FROM actors a WHERE a.uri = ANY($1) OR a.id = ANY($2)")
                .execute(Tuple.from(new Object[] {uris.toArray(String[]::new), ids.toArray(Long[]::new)}))
                .map(rows -> SqlErrors.all(rows, ActorStore::cached));
    }

    /** The live actor whose RSA key or Multikey has this id. */
    public Future<Optional<Actor>> byKeyId(SqlClient client, String keyId) {
        return client.preparedQuery("""
                        SELECT %s FROM actors a
                        WHERE (a.public_key_id = $1 OR a.multikey_id = $1) AND a.deleted_at IS NULL
                        ORDER BY a.fetched_at DESC NULLS FIRST
                        LIMIT 1""".formatted(COLUMNS))
                .execute(Tuple.of(keyId))
                .map(rows -> SqlErrors.first(rows, Actor::fromRow));
    }

    /**
     * Stores a fetched remote actor, or refreshes its row. A deleted actor stays deleted (its id
     * must not come back to life), and a name another actor of the same domain held before is taken
     * from it: the newest document wins. Empty when the actor is deleted or the id is a local one.
     */
    public Future<Optional<Actor>> upsert(SqlClient tx, RemoteActorDraft d, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return releaseUsername(tx, d)
                .compose(v -> tx.preparedQuery("""
                                INSERT INTO actors (uri, type, username, domain, display_name, summary, url, inbox_uri,
                                                    outbox_uri, shared_inbox_uri, followers_uri, following_uri,
                                                    public_key_id, public_key_pem, multikey_id, public_key_multibase,
                                                    manually_approves_followers, discoverable, moved_to_uri,
                                                    also_known_as, avatar_url, avatar_alt, raw, fetched_at, created_at,
                                                    updated_at)
                                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
                                        $19, $20, $21, $22, $23::text::jsonb, $24, $24, $24)
                                ON CONFLICT (uri) DO UPDATE SET
                                    type = EXCLUDED.type, username = EXCLUDED.username,
                                    display_name = EXCLUDED.display_name, summary = EXCLUDED.summary,
                                    url = EXCLUDED.url, inbox_uri = EXCLUDED.inbox_uri,
                                    outbox_uri = EXCLUDED.outbox_uri, shared_inbox_uri = EXCLUDED.shared_inbox_uri,
                                    followers_uri = EXCLUDED.followers_uri, following_uri = EXCLUDED.following_uri,
                                    public_key_id = EXCLUDED.public_key_id, public_key_pem = EXCLUDED.public_key_pem,
                                    multikey_id = EXCLUDED.multikey_id,
                                    public_key_multibase = EXCLUDED.public_key_multibase,
                                    manually_approves_followers = EXCLUDED.manually_approves_followers,
                                    discoverable = EXCLUDED.discoverable, moved_to_uri = EXCLUDED.moved_to_uri,
                                    also_known_as = EXCLUDED.also_known_as, avatar_url = EXCLUDED.avatar_url,
                                    avatar_alt = EXCLUDED.avatar_alt, raw = EXCLUDED.raw,
                                    fetched_at = EXCLUDED.fetched_at, updated_at = EXCLUDED.updated_at
                                WHERE actors.domain <> '' AND actors.deleted_at IS NULL
                                RETURNING %s""".formatted(COLUMNS.replace("a.", "")))
                        .execute(Tuple.from(new Object[] {
                                d.uri(), d.type().asName(), d.username(), d.domain(), d.displayName(), d.summaryHtml(),
                                d.url(), d.inbox(), d.outbox(), d.sharedInbox(), d.followers(), d.following(),
                                d.publicKeyId(), d.publicKeyPem(), d.multikeyId(), d.publicKeyMultibase(),
                                d.manuallyApprovesFollowers(), d.discoverable(), d.movedTo(),
                                d.alsoKnownAs().toArray(String[]::new), d.avatarUrl(), d.avatarAlt(), d.rawJson(), at})))
                .map(rows -> SqlErrors.first(rows, Actor::fromRow));
    }

    private static Future<Void> releaseUsername(SqlClient tx, RemoteActorDraft d) {
        if (d.username() == null) {
            return Future.succeededFuture();
        }
        return tx.preparedQuery("""
                        UPDATE actors SET username = NULL
                        WHERE domain = $1 AND lower(username) = lower($2) AND uri <> $3""")
                .execute(Tuple.of(d.domain(), d.username(), d.uri()))
                .mapEmpty();
    }

    /**
     * Marks a remote actor deleted and drops the follows it was part of. Empty when there was no
     * such live remote actor.
     */
    public Future<Optional<Long>> markDeleted(SqlClient tx, String uri, Instant now) {
        return tx.preparedQuery("""
                        UPDATE actors SET deleted_at = $2, updated_at = $2
                        WHERE uri = $1 AND domain <> '' AND deleted_at IS NULL
                        RETURNING id""")
                .execute(Tuple.of(uri, now.atOffset(ZoneOffset.UTC)))
                .map(rows -> SqlErrors.first(rows, r -> r.getLong("id")))
                .compose(id -> id.isEmpty() ? Future.succeededFuture(id) : tx.preparedQuery("""
                                DELETE FROM follows WHERE follower_id = $1 OR followed_id = $1""")
                        .execute(Tuple.of(id.get()))
                        .map(id));
    }

    private static CachedActor cached(Row row) {
        return new CachedActor(Actor.fromRow(row), row.getOffsetDateTime("fetched_at"),
                row.getOffsetDateTime("deleted_at") != null);
    }
}
