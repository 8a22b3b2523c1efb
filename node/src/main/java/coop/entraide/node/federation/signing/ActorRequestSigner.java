package coop.entraide.node.federation.signing;

import coop.entraide.node.federation.fetch.RequestSigner;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.NegotiatingSigner;
import coop.entraide.protocol.sig.SignatureScheme;
import coop.entraide.protocol.sig.cavage.CavageSigner;
import coop.entraide.protocol.sig.rfc9421.Rfc9421Signer;
import coop.entraide.protocol.sig.rfc9421.SignatureAlgorithm;
import coop.entraide.protocol.sig.rfc9421.SigningSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Signs requests for one local actor with its RSA key: draft-cavage {@code rsa-sha256} (what every
 * server verifies) unless the shared {@link NegotiatingSigner} knows that the target host accepts
 * RFC 9421, in which case {@code rsa-v1_5-sha256} over {@code @method}, {@code @target-uri} and,
 * with a body, {@code content-digest} (PROTOCOL.md §3.1, §3.5, §3.6).
 *
 * <p>The negotiator is used for its memory of hosts only; it is shared by every local actor, so
 * what one request teaches about a host serves all of them.
 */
final class ActorRequestSigner implements RequestSigner {
    private final LocalKey key;
    private final CavageSigner cavage;
    private final NegotiatingSigner schemes;
    private final Clock clock;

    ActorRequestSigner(LocalKey key, NegotiatingSigner schemes, Clock clock) {
        this.key = key;
        this.cavage = CavageSigner.rsaSha256(key.keyId(), key.rsa());
        this.schemes = schemes;
        this.clock = clock;
    }

    @Override
    public List<HttpMessage.Header> sign(HttpMessage request) throws Exception {
        SignatureScheme scheme = schemes.firstChoice(hostOf(request));
        HttpMessage signed = scheme == SignatureScheme.RFC_9421
                ? Rfc9421Signer.sign(request, SigningSpec.activityPub(SignatureAlgorithm.RSA_V1_5_SHA256, key.rsa(),
                        key.keyId(), clock.instant(), request.body().length > 0))
                : cavage.sign(request, clock.instant());
        return added(request, signed);
    }

    /** {@code host[:port]} of the target, as the negotiator and the inbox both name hosts. */
    static String hostOf(HttpMessage request) {
        String authority = request.target().getRawAuthority();
        return authority == null ? "" : authority.toLowerCase(Locale.ROOT);
    }

    /** The headers the signer added (Date, Digest, Signature…); the fetcher sends them with its own. */
    private static List<HttpMessage.Header> added(HttpMessage unsigned, HttpMessage signed) {
        Set<HttpMessage.Header> before = new HashSet<>(unsigned.headers());
        List<HttpMessage.Header> out = new ArrayList<>();
        for (HttpMessage.Header h : signed.headers()) {
            if (!before.contains(h)) {
                out.add(h);
            }
        }
        return out;
    }
}
