package coop.entraide.node.federation.social;

import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.ActorType;
import java.time.OffsetDateTime;

/** Actor records for tests that need no database. */
final class TestActors {
    private TestActors() {
    }

    static Actor local(long id, String uri, ActorType type) {
        return new Actor(id, uri, type, uri.substring(uri.lastIndexOf('/') + 1), "", "Name", "", uri, uri + "/inbox",
                uri + "/outbox", "https://voisins.example/inbox", uri + "/followers", uri + "/following",
                uri + "#main-key", "PEM", uri + "#ed25519-key", "zKEY", false, true, OffsetDateTime.now(), null, null);
    }

    static Actor remote(long id, String uri, String sharedInbox) {
        String host = java.net.URI.create(uri).getRawAuthority();
        return new Actor(id, uri, ActorType.PERSON, uri.substring(uri.lastIndexOf('/') + 1), host, "Remote", "", uri,
                uri + "/inbox", uri + "/outbox", sharedInbox, uri + "/followers", uri + "/following",
                uri + "#main-key", "PEM", null, null, false, true, OffsetDateTime.now(), null, null);
    }
}
