package coop.entraide.node.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coop.entraide.node.Uris.LocalActorKind;
import coop.entraide.node.Uris.LocalActorRef;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.ActorType;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InboxOwnersTest {
    private static final LocalActorRef SOLIDARITE = new LocalActorRef(LocalActorKind.COLLECTIVE, "solidarite");
    private static final LocalActorRef NOBODY = new LocalActorRef(LocalActorKind.COLLECTIVE, "personne");

    private final List<LocalActorRef> asked = new ArrayList<>();
    private final Map<LocalActorRef, Long> existing = new HashMap<>();
    private final InboxOwners owners = new InboxOwners(ref -> {
        asked.add(ref);
        return Future.succeededFuture(Optional.ofNullable(existing.get(ref)).map(InboxOwnersTest::actor));
    });

    private static Actor actor(long id) {
        return new Actor(id, "https://entraide.example/c/x", ActorType.GROUP, "x", "", "X", "", null,
                "https://entraide.example/c/x/inbox", null, null, null, null, null, null, null, null, false, true, null, null, null);
    }

    @Test
    void aFoundOwnerIsLookedUpOnce() {
        existing.put(SOLIDARITE, 42L);
        assertEquals(Optional.of(42L), owners.idOf(SOLIDARITE).result());
        assertEquals(Optional.of(42L), owners.idOf(SOLIDARITE).result());
        assertEquals(List.of(SOLIDARITE), asked);
    }

    @Test
    void anInboxWithNoOwnerIsLookedUpEveryTime() {
        assertEquals(Optional.empty(), owners.idOf(NOBODY).result());
        existing.put(NOBODY, 7L);
        assertEquals(Optional.of(7L), owners.idOf(NOBODY).result(), "an actor created since is found");
        assertEquals(List.of(NOBODY, NOBODY), asked);
    }

    @Test
    void aFailedLookupIsNotRemembered() {
        InboxOwners failing = new InboxOwners(ref -> {
            asked.add(ref);
            return Future.failedFuture(new IllegalStateException("database down"));
        });
        assertEquals(true, failing.idOf(SOLIDARITE).failed());
        assertEquals(true, failing.idOf(SOLIDARITE).failed());
        assertEquals(2, asked.size());
    }

    @Test
    void theMemoryIsBounded() {
        for (int i = 0; i <= InboxOwners.MAX_REMEMBERED; i++) {
            LocalActorRef ref = new LocalActorRef(LocalActorKind.MEMBER, "m" + i);
            existing.put(ref, (long) i);
            owners.idOf(ref);
        }
        assertEquals(InboxOwners.MAX_REMEMBERED + 1, asked.size());
        owners.idOf(new LocalActorRef(LocalActorKind.MEMBER, "m0"));
        assertEquals(InboxOwners.MAX_REMEMBERED + 2, asked.size(), "forgotten when the memory was full");
        owners.idOf(new LocalActorRef(LocalActorKind.MEMBER, "m" + InboxOwners.MAX_REMEMBERED));
        assertEquals(InboxOwners.MAX_REMEMBERED + 2, asked.size(), "the last one is remembered");
    }
}
