package coop.entraide.node.federation.signing;

import coop.entraide.node.federation.fetch.RequestSigner;
import coop.entraide.protocol.sig.Ed25519Hosts;
import coop.entraide.protocol.sig.Ed25519Hosts.Ed25519Request;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.NegotiatingSigner;
import coop.entraide.protocol.sig.SignatureScheme;
import coop.entraide.protocol.sig.SigningProfile;
import coop.entraide.protocol.sig.cavage.CavageSigner;
import coop.entraide.protocol.sig.rfc9421.AcceptSignature;
import coop.entraide.protocol.sig.rfc9421.ComponentIdentifier;
import coop.entraide.protocol.sig.rfc9421.Rfc9421Signer;
import coop.entraide.protocol.sig.rfc9421.SignatureAlgorithm;
import coop.entraide.protocol.sig.rfc9421.SigningSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Signs requests for one local actor, with the cheapest signature the target host verifies
 * (PROTOCOL.md §3.1, §3.5, §3.6):
 * <ul>
 *   <li>RFC 9421 {@code ed25519} with the actor's Multikey, for a host known to verify it
 *       ({@link Ed25519Hosts}: its {@code Accept-Signature}, or its own Ed25519 signatures);</li>
 *   <li>else RFC 9421 {@code rsa-v1_5-sha256}, for a host known to accept RFC 9421;</li>
 *   <li>else draft-cavage {@code rsa-sha256}, what every server verifies.</li>
 * </ul>
 * RFC 9421 signatures cover {@code @method}, {@code @target-uri} and, with a body,
 * {@code content-digest}, plus whatever else the host's {@code Accept-Signature} asked for.
 *
 * <p>When a host answers 401 to an Ed25519 signature, it is not believed for a while and the
 * request is signed again with RSA and sent once more ({@link #answered}), so one wrong
 * advertisement costs one knock, not a delivery. Likewise a 401 to an RFC 9421 RSA signature makes
 * the host a draft-cavage one, and the request is sent again signed so. The memories are shared by
 * every local actor.
 */
final class ActorRequestSigner implements RequestSigner {
    private static final String ED25519_ALG = "alg=\"" + SignatureAlgorithm.ED25519.id() + "\"";

    private final LocalKey key;
    private final CavageSigner cavage;
    private final NegotiatingSigner schemes;
    private final Ed25519Hosts ed25519Hosts;
    private final SigningStats stats;
    private final Clock clock;

    ActorRequestSigner(LocalKey key, NegotiatingSigner schemes, Ed25519Hosts ed25519Hosts, SigningStats stats, Clock clock) {
        this.key = key;
        this.cavage = CavageSigner.rsaSha256(key.keyId(), key.rsa());
        this.schemes = schemes;
        this.ed25519Hosts = ed25519Hosts;
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public List<HttpMessage.Header> sign(HttpMessage request) throws Exception {
        String host = hostOf(request);
        boolean hasEd25519Key = key.ed25519() != null && key.multikeyId() != null;
        Optional<Ed25519Request> ed25519 = hasEd25519Key ? ed25519Hosts.requestFor(host) : Optional.empty();
        SigningProfile profile = SigningProfile.choose(schemes.firstChoice(host), ed25519.isPresent(), hasEd25519Key);
        Instant now = clock.instant();
        boolean hasBody = request.body().length > 0;
        HttpMessage signed = switch (profile) {
            case RFC9421_ED25519 -> Rfc9421Signer.sign(request, ed25519Spec(ed25519.get(), now, hasBody));
            case RFC9421_RSA_V1_5_SHA256 -> Rfc9421Signer.sign(request,
                    SigningSpec.activityPub(SignatureAlgorithm.RSA_V1_5_SHA256, key.rsa(), key.keyId(), now, hasBody));
            case CAVAGE_RSA_SHA256 -> cavage.sign(request, now);
        };
        stats.signed(profile);
        return added(request, signed);
    }

    /** Learns from the host's {@code Accept-Signature}; asks for an RSA retry when it refused Ed25519. */
    @Override
    public boolean answered(HttpMessage request, List<HttpMessage.Header> added, int status,
                            List<HttpMessage.Header> responseHeaders) {
        Optional<String> signatureInput = status == 401 ? signatureInput(added) : Optional.empty();
        if (signatureInput.isPresent()) {
            if (signatureInput.get().contains(ED25519_ALG)) {
                ed25519Hosts.refused(hostOf(request));
                stats.ed25519Refused();
            } else {
                // Known to accept RFC 9421 (it signed to us with it), yet it refused ours: a proxy
                // that changes the target URI, or a verifier that checks incoming signatures of one
                // scheme only. From now on it gets draft-cavage, which every server verifies.
                schemes.recordRejection(hostOf(request), SignatureScheme.RFC_9421, status);
            }
            return true;
        }
        List<String> advertised = acceptSignature(responseHeaders);
        if (!advertised.isEmpty()) {
            ed25519Hosts.learn(hostOf(request), advertised);
        }
        return false;
    }

    /** Our components, then those the host asked for that we do not cover yet, under its label. */
    private SigningSpec ed25519Spec(Ed25519Request asked, Instant now, boolean hasBody) {
        Set<ComponentIdentifier> components = new LinkedHashSet<>();
        components.add(ComponentIdentifier.METHOD);
        components.add(ComponentIdentifier.TARGET_URI);
        if (hasBody) {
            components.add(ComponentIdentifier.CONTENT_DIGEST);
        }
        components.addAll(asked.components());
        return SigningSpec.builder(SignatureAlgorithm.ED25519, key.ed25519())
                .label(asked.label())
                .components(components.toArray(ComponentIdentifier[]::new))
                .created(now)
                .keyId(key.multikeyId())
                .alg()
                .build();
    }

    /** The {@code Signature-Input} we added: present only when the request was signed with RFC 9421. */
    private static Optional<String> signatureInput(List<HttpMessage.Header> added) {
        for (HttpMessage.Header h : added) {
            if (h.name().equalsIgnoreCase("Signature-Input")) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    private static List<String> acceptSignature(List<HttpMessage.Header> headers) {
        List<String> values = null;
        for (HttpMessage.Header h : headers) {
            if (h.name().equalsIgnoreCase(AcceptSignature.HEADER)) {
                if (values == null) {
                    values = new ArrayList<>(1);
                }
                values.add(h.value());
            }
        }
        return values == null ? List.of() : values;
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
