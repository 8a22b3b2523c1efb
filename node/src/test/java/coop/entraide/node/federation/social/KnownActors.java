package coop.entraide.node.federation.social;

import coop.entraide.node.Uris;
import coop.entraide.node.federation.actors.RemoteActors;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.store.NotFoundException;
import coop.entraide.node.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/**
 * The actors this node already has in its database, local or cached, found without any request:
 * for tests of the social side that must not fetch.
 */
final class KnownActors implements RemoteActors {
    private final Pool pool;
    private final Uris uris;
    private final ActorLookup actors = new ActorLookup();

    public KnownActors(Pool pool, Uris uris) {
        this.pool = pool;
        this.uris = uris;
    }

    @Override
    public Future<Actor> resolve(String actorUri) {
        return actors.byUri(pool, actorUri).compose(found -> found.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(new NotFoundException("unknown actor " + actorUri))));
    }

    @Override
    public Future<Actor> refresh(String actorUri) {
        return resolve(actorUri);
    }

    @Override
    public Future<Optional<Actor>> cachedByKeyId(String keyId) {
        return pool.preparedQuery("""
                        SELECT %s FROM actors a
                        WHERE (a.public_key_id = $1 OR a.multikey_id = $1) AND a.deleted_at IS NULL""".formatted(Actor.COLUMNS))
                .execute(Tuple.of(keyId))
                .map(rows -> SqlErrors.first(rows, Actor::fromRow));
    }

    @Override
    public Future<Actor> resolveHandle(String handle) {
        String h = handle.startsWith("@") ? handle.substring(1) : handle;
        int at = h.lastIndexOf('@');
        if (at <= 0 || at == h.length() - 1) {
            return Future.failedFuture(new NotFoundException("not a handle: " + handle));
        }
        String name = h.substring(0, at);
        String host = h.substring(at + 1);
        String domain = host.equalsIgnoreCase(uris.authority()) ? "" : host;
        return pool.preparedQuery("""
                        SELECT %s FROM actors a
                        WHERE lower(a.username) = lower($1) AND lower(a.domain) = lower($2) AND a.deleted_at IS NULL"""
                        .formatted(Actor.COLUMNS))
                .execute(Tuple.of(name, domain))
                .compose(rows -> SqlErrors.one(rows, Actor::fromRow, "no actor answers to " + handle));
    }
}
