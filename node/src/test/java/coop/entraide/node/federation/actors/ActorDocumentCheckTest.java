package coop.entraide.node.federation.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.protocol.keys.KeyAlgorithm;
import coop.entraide.protocol.keys.Keys;
import coop.entraide.protocol.keys.Pem;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The photo of a remote actor, as its document's {@code icon} gives it. */
class ActorDocumentCheckTest {
    private static final String ID = "https://masto.example/users/ada";
    private static final String PEM = Pem.write(Keys.generate(KeyAlgorithm.RSA_2048).getPublic());

    private static ObjectNode mastodonActor() {
        ObjectNode actor = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("id", ID)
                .put("type", "Person")
                .put("preferredUsername", "ada")
                .put("name", "Ada")
                .put("inbox", ID + "/inbox");
        actor.putObject("publicKey").put("id", ID + "#main-key").put("owner", ID).put("publicKeyPem", PEM);
        return actor;
    }

    private static RemoteActorDraft accepted(ObjectNode document) {
        ActorDocumentCheck.Result result = ActorDocumentCheck.check(document, URI.create(ID));
        return assertInstanceOf(ActorDocumentCheck.Accepted.class, result).draft();
    }

    @Test
    void keepsTheIconOfAMastodonActorAndItsDescription() {
        ObjectNode actor = mastodonActor();
        actor.putObject("icon").put("type", "Image").put("mediaType", "image/png")
                .put("url", "https://files.masto.example/avatars/ada.png").put("name", "  Un vélo cargo  ");
        RemoteActorDraft draft = accepted(actor);
        assertEquals("https://files.masto.example/avatars/ada.png", draft.avatarUrl());
        assertEquals("Un vélo cargo", draft.avatarAlt());
    }

    @Test
    void anIconThatIsNotAWebAddressIsDropped() {
        ObjectNode actor = mastodonActor();
        actor.putObject("icon").put("type", "Image").put("url", "data:image/png;base64,iVBORw0KGgo=").put("name", "x");
        RemoteActorDraft draft = accepted(actor);
        assertNull(draft.avatarUrl());
        assertNull(draft.avatarAlt());
    }

    @Test
    void anActorWithoutIconHasNoPhoto() {
        RemoteActorDraft draft = accepted(mastodonActor());
        assertNull(draft.avatarUrl());
    }
}
