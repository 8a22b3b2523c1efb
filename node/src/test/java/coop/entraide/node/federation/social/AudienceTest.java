package coop.entraide.node.federation.social;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.ActorType;
import coop.entraide.protocol.as.Addressing;
import coop.entraide.protocol.as.As;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudienceTest {
    private final Actor alice = TestActors.local(1, "https://voisins.example/u/alice", ActorType.PERSON);
    private final Actor group = TestActors.local(2, "https://voisins.example/c/capucins", ActorType.GROUP);
    private final Actor bob = TestActors.remote(3, "https://masto.example/users/bob", null);

    @Test
    void publicIsToPublicAndCcFollowersThenNamedActors() {
        Addressing a = Audience.publicly().with(group).addressing(alice);
        assertEquals(List.of(As.PUBLIC), a.to());
        assertEquals(List.of(alice.followers(), group.uri()), a.cc());
        assertEquals(Visibility.PUBLIC, Visibility.of(a, alice.followers()));
    }

    @Test
    void followersOnlyNeverMentionsPublic() {
        Addressing a = Audience.followersOnly().with(group).addressing(alice);
        assertEquals(List.of(alice.followers()), a.to());
        assertEquals(List.of(group.uri()), a.cc());
        assertFalse(a.isPublic());
        assertEquals(Visibility.FOLLOWERS, Visibility.of(a, alice.followers()));
    }

    @Test
    void directIsToTheNamedActorsOnlyAndSkipsFollowers() {
        Audience direct = Audience.direct(bob);
        assertEquals(List.of(bob.uri()), direct.addressing(alice).to());
        assertTrue(direct.addressing(alice).cc().isEmpty());
        assertFalse(direct.reachesFollowers());
        assertTrue(Audience.publicly().reachesFollowers());
        assertEquals(Visibility.DIRECT, Visibility.of(direct.addressing(alice), alice.followers()));
    }

    @Test
    void anActorIsNamedOnce() {
        assertEquals(1, Audience.publicly().with(group).with(group).actors().size());
    }

    @Test
    void unlistedIsReadFromCcButNotPublishedHere() {
        assertEquals(Visibility.UNLISTED, Visibility.of(Addressing.of(List.of(alice.followers()), List.of(As.PUBLIC)), alice.followers()));
        assertThrows(IllegalArgumentException.class, () -> new Audience(Visibility.UNLISTED, List.of()));
    }
}
