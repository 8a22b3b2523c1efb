package coop.entraide.node.federation.inbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.protocol.as.Actor;
import coop.entraide.protocol.as.Multikey;
import coop.entraide.protocol.as.PublicKey;
import coop.entraide.protocol.keys.KeyAlgorithm;
import coop.entraide.protocol.keys.KeyFormatException;
import coop.entraide.protocol.keys.Keys;
import coop.entraide.protocol.keys.Pem;
import java.security.KeyPair;
import java.security.interfaces.EdECPrivateKey;

/**
 * A remote actor served by a {@link FakeServer}, shaped like a Mastodon account: RSA
 * {@code #main-key} for HTTP signatures, an Ed25519 Multikey for FEP-8b32 proofs. Its RSA key can
 * be rotated, as an account migration or a key leak would.
 */
final class FakeActor {
    final String id;
    final String name;
    volatile KeyPair rsa;
    final KeyPair ed25519;
    volatile String displayName;

    FakeActor(String id, String name) {
        this.id = id;
        this.name = name;
        this.rsa = Keys.generate(KeyAlgorithm.RSA_2048);
        this.ed25519 = Keys.generate(KeyAlgorithm.ED25519);
        this.displayName = name;
    }

    String keyId() {
        return id + "#main-key";
    }

    String multikeyId() {
        return id + "#ed25519-key";
    }

    String inbox() {
        return id + "/inbox";
    }

    EdECPrivateKey proofKey() {
        return (EdECPrivateKey) ed25519.getPrivate();
    }

    /** A new RSA key under the same key id, as Mastodon rotates them. */
    KeyPair rotate() {
        KeyPair old = rsa;
        rsa = Keys.generate(KeyAlgorithm.RSA_2048);
        return old;
    }

    ObjectNode document() {
        try {
            return Actor.builder(id, "Person", inbox())
                    .preferredUsername(name)
                    .name(displayName)
                    .summary("<p>Hello <script>alert(1)</script>from " + name + "</p>")
                    .collections(id + "/outbox", id + "/followers", id + "/following")
                    .publicKey(PublicKey.of(keyId(), id, Pem.write(rsa.getPublic())))
                    .assertionMethod(new Multikey(multikeyId(), id, coop.entraide.protocol.keys.Multikey.encode(ed25519.getPublic())))
                    .build()
                    .toJson();
        } catch (KeyFormatException e) {
            throw new IllegalStateException(e);
        }
    }
}
