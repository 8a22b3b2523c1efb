package coop.entraide.node.federation.signing;

import coop.entraide.protocol.sig.SigningProfile;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the signatures this process made, by profile, and of what it learnt from other
 * servers: how much of its signing is the cheap Ed25519 kind, and whether a server took it back.
 */
public final class SigningStats {
    private final Map<SigningProfile, LongAdder> signed = new EnumMap<>(SigningProfile.class);
    private final LongAdder ed25519Refused = new LongAdder();
    private final LongAdder ed25519Received = new LongAdder();

    SigningStats() {
        for (SigningProfile p : SigningProfile.values()) {
            signed.put(p, new LongAdder());
        }
    }

    void signed(SigningProfile profile) {
        signed.get(profile).increment();
    }

    void ed25519Refused() {
        ed25519Refused.increment();
    }

    void ed25519Received() {
        ed25519Received.increment();
    }

    /** Requests signed with this profile since start. */
    public long signedWith(SigningProfile profile) {
        return signed.get(profile).sum();
    }

    /** Ed25519-signed requests a server refused (401), each then signed again with RSA. */
    public long ed25519Refusals() {
        return ed25519Refused.sum();
    }

    /** Requests to our inboxes verified with an RFC 9421 ed25519 signature. */
    public long ed25519Verified() {
        return ed25519Received.sum();
    }
}
