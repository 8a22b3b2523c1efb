package coop.entraide.node.federation.inbox;

import coop.entraide.protocol.sig.FailureReason;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.SignatureScheme;
import coop.entraide.protocol.sig.VerifyResult;
import coop.entraide.protocol.sig.cavage.CavageParseResult;
import coop.entraide.protocol.sig.cavage.CavageSignature;
import coop.entraide.protocol.sig.cavage.CavageVerifier;
import coop.entraide.protocol.sig.rfc9421.ParseResult;
import coop.entraide.protocol.sig.rfc9421.ParsedSignature;
import coop.entraide.protocol.sig.rfc9421.Rfc9421Verifier;
import coop.entraide.protocol.sig.rfc9421.SignatureAlgorithm;
import coop.entraide.protocol.sig.rfc9421.VerificationPolicy;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;

/**
 * The signature of an inbox request, read but not yet checked: RFC 9421 when the request has
 * {@code Signature-Input}, draft-cavage otherwise (PROTOCOL.md §3.2, §3.5).
 *
 * <p>Both schemes get the same time window as Mastodon: a {@code Date} (or {@code created}) from
 * 65 minutes in the past to 60 minutes in the future. RFC 9421 signatures may use any algorithm of
 * RFC 9421 §3.3 except {@code hmac-sha256}, which needs a shared secret no actor publishes.
 */
sealed interface RequestSignature {

    /** Draft-cavage as Mastodon verifies it: ±1 hour, plus the 5 minutes a signature lives. */
    CavageVerifier.Policy CAVAGE_POLICY = CavageVerifier.Policy.MASTODON;

    /** Our RFC 9421 profile with the same window as draft-cavage. */
    VerificationPolicy RFC9421_POLICY = VerificationPolicy.activityPub()
            .withMaxAge(Duration.ofMinutes(65))
            .withClockSkew(Duration.ofHours(1))
            .withAllowedAlgorithms(EnumSet.complementOf(EnumSet.of(SignatureAlgorithm.HMAC_SHA256)));

    SignatureScheme scheme();

    String keyId();

    VerifyResult verify(PublicKey key, Instant now);

    /** What reading the headers gave: a signature to check, or why there is none. */
    sealed interface Read permits Found, Unreadable {
    }

    record Found(RequestSignature signature) implements Read {
    }

    record Unreadable(VerifyResult.Failed failure) implements Read {
    }

    static Read read(HttpMessage message) {
        if (!message.headerValues("Signature-Input").isEmpty()) {
            ParseResult parsed = Rfc9421Verifier.parse(message);
            if (parsed instanceof ParseResult.Failed failed) {
                return new Unreadable(failed.failure());
            }
            ParseResult.Parsed ok = (ParseResult.Parsed) parsed;
            if (ok.signatures().size() > 1) {
                return new Unreadable(new VerifyResult.Failed(SignatureScheme.RFC_9421, null,
                        FailureReason.MALFORMED_HEADER, "more than one signature; send exactly one"));
            }
            ParsedSignature signature = ok.first();
            if (signature.keyId() == null) {
                return new Unreadable(new VerifyResult.Failed(SignatureScheme.RFC_9421, null,
                        FailureReason.MISSING_COMPONENT, "the signature has no keyid parameter"));
            }
            return new Found(new Rfc9421(message, signature));
        }
        CavageVerifier verifier = new CavageVerifier();
        CavageParseResult parsed = verifier.parse(message);
        if (parsed instanceof CavageParseResult.Rejected rejected) {
            return new Unreadable(rejected.failure());
        }
        return new Found(new Cavage(message, ((CavageParseResult.Parsed) parsed).signature()));
    }

    record Cavage(HttpMessage message, CavageSignature signature) implements RequestSignature {
        private static final CavageVerifier VERIFIER = new CavageVerifier();

        @Override
        public SignatureScheme scheme() {
            return SignatureScheme.DRAFT_CAVAGE_12;
        }

        @Override
        public String keyId() {
            return signature.keyId();
        }

        @Override
        public VerifyResult verify(PublicKey key, Instant now) {
            return VERIFIER.verify(message, signature, key, now, CAVAGE_POLICY);
        }
    }

    record Rfc9421(HttpMessage message, ParsedSignature signature) implements RequestSignature {
        @Override
        public SignatureScheme scheme() {
            return SignatureScheme.RFC_9421;
        }

        @Override
        public String keyId() {
            return signature.keyId();
        }

        @Override
        public VerifyResult verify(PublicKey key, Instant now) {
            return Rfc9421Verifier.verify(message, signature, key, now, RFC9421_POLICY);
        }
    }
}
