package coop.entraide.node.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import coop.entraide.node.Uris;
import coop.entraide.node.Uris.LocalActorKind;
import coop.entraide.node.Uris.LocalActorRef;
import java.net.URI;
import org.junit.jupiter.api.Test;

class WebFingerResourceTest {
    private final Uris uris = new Uris(URI.create("https://voisins.example"));

    private WebFingerResource parse(String resource) {
        return WebFingerResource.parse(resource, uris);
    }

    @Test
    void acctHandles() {
        assertEquals(new WebFingerResource.Account("alice"), parse("acct:alice@voisins.example"));
        assertEquals(new WebFingerResource.Account("alice"), parse("ACCT:alice@VOISINS.example"));
        assertEquals(new WebFingerResource.Account("al ice"), parse("acct:al%20ice@voisins.example"));
        assertEquals(new WebFingerResource.Account("alice"), parse("alice@voisins.example"));
        assertEquals(new WebFingerResource.Account("alice"), parse("@alice@voisins.example"));
    }

    @Test
    void otherHostsAreNotHere() {
        assertInstanceOf(WebFingerResource.NotHere.class, parse("acct:alice@elsewhere.example"));
        assertInstanceOf(WebFingerResource.NotHere.class, parse("https://elsewhere.example/u/alice"));
        assertInstanceOf(WebFingerResource.NotHere.class, parse("https://voisins.example/about"));
    }

    @Test
    void actorIdsAndTheNodeItself() {
        assertEquals(new WebFingerResource.ActorId(new LocalActorRef(LocalActorKind.MEMBER, "alice")),
                parse("https://voisins.example/u/alice"));
        assertEquals(new WebFingerResource.ActorId(new LocalActorRef(LocalActorKind.COLLECTIVE, "jardin")),
                parse("https://voisins.example/c/jardin"));
        assertEquals(new WebFingerResource.ActorId(new LocalActorRef(LocalActorKind.INSTANCE, null)),
                parse("https://voisins.example/actor"));
        assertInstanceOf(WebFingerResource.Node.class, parse("https://voisins.example/"));
        assertInstanceOf(WebFingerResource.Node.class, parse("https://voisins.example"));
    }

    @Test
    void malformedResources() {
        assertInstanceOf(WebFingerResource.Malformed.class, parse(null));
        assertInstanceOf(WebFingerResource.Malformed.class, parse(""));
        assertInstanceOf(WebFingerResource.Malformed.class, parse("mailto:alice@voisins.example"));
        assertInstanceOf(WebFingerResource.Malformed.class, parse("acct:alice"));
        assertInstanceOf(WebFingerResource.Malformed.class, parse("acct:@voisins.example"));
        assertInstanceOf(WebFingerResource.Malformed.class, parse("acct:alice@"));
        assertInstanceOf(WebFingerResource.Malformed.class, parse("acct:al%zzice@voisins.example"));
        assertInstanceOf(WebFingerResource.Malformed.class, parse("https://voisins.example/u/a b"));
        assertInstanceOf(WebFingerResource.Malformed.class, parse("just-a-word"));
    }
}
