package coop.entraide.protocol.sig;

import java.util.Objects;

/**
 * How one outgoing request is signed: the scheme and the algorithm together (PROTOCOL.md §3.5,
 * §3.6; RFC 9421 §3.3.2 and §3.3.6).
 *
 * <p>Ed25519 costs a small fraction of an RSA-2048 signature, but only servers that say they verify
 * it get it; every other server gets RSA, in the scheme it is known to accept.
 */
public enum SigningProfile {
    /** draft-cavage-12 {@code rsa-sha256}: what every fediverse server verifies. */
    CAVAGE_RSA_SHA256(SignatureScheme.DRAFT_CAVAGE_12),
    /** RFC 9421 {@code rsa-v1_5-sha256}, with the same RSA key. */
    RFC9421_RSA_V1_5_SHA256(SignatureScheme.RFC_9421),
    /** RFC 9421 {@code ed25519}, with the actor's FEP-521a Multikey. */
    RFC9421_ED25519(SignatureScheme.RFC_9421);

    private final SignatureScheme scheme;

    SigningProfile(SignatureScheme scheme) {
        this.scheme = scheme;
    }

    public SignatureScheme scheme() {
        return scheme;
    }

    /**
     * The profile for a request to a host.
     *
     * @param rsaScheme        the scheme the host takes RSA signatures in ({@link NegotiatingSigner#firstChoice})
     * @param verifiesEd25519  whether the host is known to verify RFC 9421 ed25519 signatures
     * @param hasEd25519Key    whether the signing actor has an Ed25519 key
     */
    public static SigningProfile choose(SignatureScheme rsaScheme, boolean verifiesEd25519, boolean hasEd25519Key) {
        Objects.requireNonNull(rsaScheme, "rsaScheme");
        if (verifiesEd25519 && hasEd25519Key) {
            return RFC9421_ED25519;
        }
        return rsaScheme == SignatureScheme.RFC_9421 ? RFC9421_RSA_V1_5_SHA256 : CAVAGE_RSA_SHA256;
    }
}
