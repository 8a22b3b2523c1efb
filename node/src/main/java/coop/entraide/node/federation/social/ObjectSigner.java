package coop.entraide.node.federation.social;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.protocol.as.Context;
import coop.entraide.protocol.as.Sec;
import coop.entraide.protocol.keys.Ed25519SigningKey;
import coop.entraide.protocol.keys.KeyFormatException;
import coop.entraide.protocol.proof.ObjectIntegrityProofs;
import java.security.interfaces.EdECPrivateKey;
import java.time.Instant;
import java.util.Objects;

/**
 * Signs the documents a local actor publishes with an FEP-8b32 {@code eddsa-jcs-2022} proof made
 * by its Ed25519 key ({@code assertionMethod}, FEP-521a). The document gets its full
 * {@code @context} first, data-integrity included, because the proof copies it. Kept per actor:
 * the key is prepared once for all the signatures it makes.
 */
public final class ObjectSigner {
    private final String verificationMethod;
    private final Ed25519SigningKey key;

    /**
     * @param verificationMethod the key's id, {@code {actor}#ed25519-key}
     * @throws IllegalArgumentException if the key is not a usable Ed25519 key
     */
    public ObjectSigner(String verificationMethod, EdECPrivateKey key) {
        this.verificationMethod = Objects.requireNonNull(verificationMethod, "verificationMethod");
        try {
            this.key = Ed25519SigningKey.of(Objects.requireNonNull(key, "key"));
        } catch (KeyFormatException e) {
            throw new IllegalArgumentException("not a usable Ed25519 key: " + e.getMessage(), e);
        }
    }

    public String verificationMethod() {
        return verificationMethod;
    }

    /** {@code document} with its context and a proof; an existing proof is an error of the caller. */
    public ObjectNode sign(ObjectNode document, Instant created) {
        return signAsIs(Context.forDocument(document).with(Sec.DATA_INTEGRITY_V2).wrap(document), created);
    }

    /**
     * {@code document} with a proof, its {@code @context} left as it is: for documents that
     * declare terms of their own (campaigns), whose context already names data-integrity.
     */
    public ObjectNode signAsIs(ObjectNode document, Instant created) {
        return ObjectIntegrityProofs.create(document, key, verificationMethod, created);
    }

    @Override
    public String toString() {
        return "ObjectSigner[" + verificationMethod + ", key redacted]";
    }
}
