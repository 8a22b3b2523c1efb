package coop.entraide.node.federation.actors;

import coop.entraide.node.identity.Actor;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Actors of other servers: fetched with a signed GET by the instance actor, validated, cached in
 * the {@code actors} table and refreshed when stale. Local ids are answered from the database
 * without any request.
 */
public interface RemoteActors {

    /** The actor with this id, from the cache when fresh, otherwise fetched. */
    Future<Actor> resolve(String actorUri);

    /** Fetches the actor again, ignoring the cache (key rotation, Update of an actor). */
    Future<Actor> refresh(String actorUri);

    /** The cached actor whose RSA key or Multikey has this id, if any; never fetches. */
    Future<Optional<Actor>> cachedByKeyId(String keyId);

    /** Finds an actor by handle ({@code name@host} or {@code @name@host}) through WebFinger. */
    Future<Actor> resolveHandle(String handle);
}
