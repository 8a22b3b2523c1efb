package coop.entraide.node.identity;

import coop.entraide.node.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/** Actors, local and remote. Every method takes the client (pool or transaction) it runs on. */
public final class ActorRepository {
    private static final String INSERT_LOCAL = """
            INSERT INTO actors (uri, type, username, domain, display_name, summary, url, inbox_uri,
                                outbox_uri, shared_inbox_uri, followers_uri, following_uri,
                                public_key_id, public_key_pem, multikey_id, public_key_multibase,
                                manually_approves_followers, discoverable)
            VALUES ($1, $2, $3, '', $4, $5, $1, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
            """;
    private static final String RETURNING = " RETURNING " + Actor.COLUMNS.replace("a.", "");

    /** Inserts a local actor; fails with {@code AlreadyExistsException} if its name or id is taken. */
    public Future<Actor> insertLocal(SqlClient client, LocalActorDraft draft, String takenMessage) {
        return SqlErrors.uniqueViolation(
                client.preparedQuery(INSERT_LOCAL + RETURNING).execute(localTuple(draft)), takenMessage)
                .map(rows -> Actor.fromRow(rows.iterator().next()));
    }

    /**
     * Inserts a local actor unless one with the same id or name exists: several processes may try
     * at once, exactly one wins. Empty when it already existed.
     */
    public Future<Optional<Actor>> insertLocalIfAbsent(SqlClient client, LocalActorDraft draft) {
        return client.preparedQuery(INSERT_LOCAL + " ON CONFLICT DO NOTHING" + RETURNING)
                .execute(localTuple(draft))
                .map(rows -> SqlErrors.first(rows, Actor::fromRow));
    }

    public Future<Optional<Actor>> byUri(SqlClient client, String uri) {
        return client.preparedQuery("""
                        SELECT %s FROM actors a
                        WHERE a.uri = $1 AND a.deleted_at IS NULL""".formatted(Actor.COLUMNS))
                .execute(Tuple.of(uri))
                .map(rows -> SqlErrors.first(rows, Actor::fromRow));
    }

    /** A local actor by name, case-insensitively; any type. */
    public Future<Optional<Actor>> localByUsername(SqlClient client, String username) {
        return client.preparedQuery("""
                        SELECT %s FROM actors a
                        WHERE lower(a.username) = lower($1) AND a.domain = '' AND a.deleted_at IS NULL"""
                        .formatted(Actor.COLUMNS))
                .execute(Tuple.of(username))
                .map(rows -> SqlErrors.first(rows, Actor::fromRow));
    }

    private static Tuple localTuple(LocalActorDraft d) {
        return Tuple.from(new Object[] {
                d.uri(), d.type().asName(), d.username(), d.displayName(), d.summaryHtml(), d.inbox(),
                d.outbox(), d.sharedInbox(), d.followers(), d.following(), d.publicKeyId(),
                d.keys().rsaPublicKeyPem(), d.multikeyId(), d.keys().ed25519PublicKeyMultibase(),
                d.manuallyApprovesFollowers(), d.discoverable()});
    }
}
