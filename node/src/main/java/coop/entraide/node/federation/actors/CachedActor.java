package coop.entraide.node.federation.actors;

import coop.entraide.node.identity.Actor;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * An actor row with what the cache needs beyond {@link Actor}: when it was fetched (null for local
 * actors) and whether it was deleted.
 */
public record CachedActor(Actor actor, OffsetDateTime fetchedAt, boolean deleted) {

    /** Whether a remote actor was fetched less than {@code maxAge} ago; local actors always are. */
    public boolean freshAt(Instant now, Duration maxAge) {
        return actor.local() || fetchedAt != null && fetchedAt.toInstant().plus(maxAge).isAfter(now);
    }
}
