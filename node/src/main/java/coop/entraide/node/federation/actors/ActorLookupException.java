package coop.entraide.node.federation.actors;

import java.util.Objects;

/**
 * Why an actor could not be had. A failed {@link RemoteActors} future carries one; {@link #reason()}
 * lets callers choose an answer (a Delete whose signer is {@link Reason#GONE} is dropped quietly,
 * an {@link Reason#UNAVAILABLE} server may be tried again later).
 */
public final class ActorLookupException extends RuntimeException {

    public enum Reason {
        /** The actor was deleted: 410 Gone, a Tombstone, or marked deleted here after one. */
        GONE,
        /** No such actor: 404, a handle WebFinger does not know, or an unknown local name. */
        NOT_FOUND,
        /** The server answered, but not with an actor we can accept. */
        INVALID,
        /** No usable answer: network failure, timeout, 5xx, a refused address. */
        UNAVAILABLE,
        /** The actor's domain is blocked by this node's policy; nothing was requested. */
        BLOCKED
    }

    private final Reason reason;

    public ActorLookupException(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    public static boolean isGone(Throwable e) {
        return e instanceof ActorLookupException l && l.reason == Reason.GONE;
    }

    /** A failure that asking again will not mend: the actor is gone, unknown, unacceptable or blocked. */
    public static boolean lasting(Throwable e) {
        return e instanceof ActorLookupException l && l.reason != Reason.UNAVAILABLE;
    }

    @Override
    public String toString() {
        return reason + ": " + getMessage();
    }
}
