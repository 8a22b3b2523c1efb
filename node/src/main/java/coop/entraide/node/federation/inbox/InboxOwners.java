package coop.entraide.node.federation.inbox;

import coop.entraide.node.Uris.LocalActorRef;
import coop.entraide.node.identity.Actor;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The local actor each inbox belongs to, remembered once found: a wave of activities to one
 * collective's inbox then costs no lookup per request. Local actors are never deleted nor renamed,
 * so a found owner stays right; an inbox with no owner is looked up every time (and not kept, so
 * requests to made-up names cannot fill the memory). The worker loads the owner again, by id,
 * before it applies anything.
 */
final class InboxOwners {
    /** Far above the number of collectives and members a node has inboxes for in one busy moment. */
    static final int MAX_REMEMBERED = 4096;

    private final Function<LocalActorRef, Future<Optional<Actor>>> lookup;
    private final Map<LocalActorRef, Long> ids = new ConcurrentHashMap<>();

    InboxOwners(Function<LocalActorRef, Future<Optional<Actor>>> lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /** The owner's actor id, or empty when no local actor has this inbox. */
    Future<Optional<Long>> idOf(LocalActorRef ref) {
        Long known = ids.get(ref);
        if (known != null) {
            return Future.succeededFuture(Optional.of(known));
        }
        return lookup.apply(ref).map(found -> {
            found.ifPresent(actor -> remember(ref, actor.id()));
            return found.map(Actor::id);
        });
    }

    private void remember(LocalActorRef ref, long id) {
        if (ids.size() >= MAX_REMEMBERED) {
            ids.clear();
        }
        ids.put(ref, id);
    }
}
