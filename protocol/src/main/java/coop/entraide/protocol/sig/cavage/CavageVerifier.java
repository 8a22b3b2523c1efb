package coop.entraide.protocol.sig.cavage;

import coop.entraide.protocol.sig.digest.DigestCheck;
import coop.entraide.protocol.sig.digest.LegacyDigest;
import coop.entraide.protocol.sig.FailureReason;
import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.SignatureScheme;
import coop.entraide.protocol.sig.VerifyResult;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies draft-cavage-12 signatures as Mastodon does (draft-cavage-http-signatures-12 §2.5;
 * PROTOCOL.md §3.2–3.3), in two steps so that the key can be fetched in between:
 * {@link #parse(HttpMessage)} reads the header and names the key, then
 * {@link #verify(HttpMessage, CavageSignature, PublicKey, Instant, Policy)} checks everything else.
 *
 * <p>What a signature must cover: {@code (request-target)}, {@code host}, {@code date} or
 * {@code (created)}, and {@code digest} on a POST or whenever there is a body. This is stricter
 * than Mastodon, which needs {@code host} only on GET and accepts {@code digest} in place of
 * {@code (request-target)}; every server we know signs all three, and without them a signature
 * can be replayed to another path or host. The caller must put the request's {@code Host} (or
 * HTTP/2 {@code :authority}) into the message as a {@code Host} header.
 *
 * <p>Cheap checks run before the RSA one, so a stale or tampered message costs no public-key
 * operation: algorithm and key type, covered components, digest, time window, then the signature.
 * Instances hold no state and may be shared between threads.
 */
public final class CavageVerifier {

    /**
     * The time window, as in Mastodon's {@code SignedRequest}.
     *
     * <p>{@code created} is the covered {@code (created)} parameter, else the {@code Date} header.
     * {@code expires} is the covered {@code (expires)} parameter, else {@code created +
     * defaultLifetime}, and never later than {@code created + maxLifetime}. A message is refused
     * when {@code created} is more than {@code clockSkewMargin} ahead of now (CLOCK_SKEW), or when
     * now is more than {@code clockSkewMargin} past {@code expires} (EXPIRED if the sender set
     * {@code expires}, CLOCK_SKEW otherwise). With {@link #MASTODON} a plain {@code Date} is
     * therefore accepted from 65 minutes in the past to 60 minutes in the future, which is what
     * Mastodon 4.x accepts; its documentation's "12 hours" dates from 2.x. Parameters that the
     * signature does not cover are ignored, since anyone could add them to widen the window.
     *
     * @param clockSkewMargin                 tolerance for clocks that disagree, both ways
     * @param defaultLifetime                 how long a signature without {@code expires} lives
     * @param maxLifetime                     cap on {@code expires - created}
     * @param acceptRequestTargetWithoutQuery also try {@code (request-target)} without the query
     *                                        string, as Mastodon does for senders from before 4.4
     */
    public record Policy(
            Duration clockSkewMargin,
            Duration defaultLifetime,
            Duration maxLifetime,
            boolean acceptRequestTargetWithoutQuery) {

        /** Mastodon 4.x: {@code CLOCK_SKEW_MARGIN = 1.hour}, 5 minutes default, {@code EXPIRATION_WINDOW_LIMIT = 12.hours}. */
        public static final Policy MASTODON =
                new Policy(Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(12), true);

        public Policy {
            requireNonNegative(clockSkewMargin, "clockSkewMargin");
            requireNonNegative(defaultLifetime, "defaultLifetime");
            requireNonNegative(maxLifetime, "maxLifetime");
        }

        private static void requireNonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
        }
    }

    private static final String HS2019 = "hs2019";
    private static final String RSA_SHA256 = "rsa-sha256";

    /**
     * Finds and reads the signature: the {@code Signature} header, else
     * {@code Authorization: Signature …}. Never throws on remote input.
     *
     * @return the parameters, or MISSING_SIGNATURE / MALFORMED_HEADER
     */
    public CavageParseResult parse(HttpMessage message) {
        List<String> signatureHeaders = message.headerValues("Signature");
        if (!message.headerValues("Signature-Input").isEmpty()) {
            return rejected(FailureReason.MALFORMED_HEADER,
                    "Signature-Input is present: this is an RFC 9421 signature, not draft-cavage");
        }
        if (signatureHeaders.size() > 1) {
            return rejected(FailureReason.MALFORMED_HEADER, "more than one Signature header");
        }
        if (signatureHeaders.size() == 1) {
            return SignatureHeaderParser.parse(signatureHeaders.get(0));
        }
        for (String authorization : message.headerValues("Authorization")) {
            String value = authorization.trim();
            if (value.regionMatches(true, 0, "Signature ", 0, 10)) {
                return SignatureHeaderParser.parse(value);
            }
        }
        return rejected(FailureReason.MISSING_SIGNATURE, "no Signature or Authorization: Signature header");
    }

    /**
     * Checks a parsed signature against the message, the key its {@code keyId} named, and the
     * clock. Never throws on remote input.
     */
    public VerifyResult verify(HttpMessage message, CavageSignature signature, PublicKey key, Instant now,
            Policy policy) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(policy, "policy");
        Result<KeyType> keyType = keyTypeFor(signature, key);
        if (keyType.rejection != null) {
            return keyType.rejection.toFailed(signature.keyId());
        }
        byte[] body = message.body();
        Optional<Rejection> rejection = coverage(message, signature, body.length > 0)
                .or(() -> digest(message, signature, body))
                .or(() -> timeWindow(message, signature, now, policy));
        if (rejection.isPresent()) {
            return rejection.get().toFailed(signature.keyId());
        }
        return checkSignature(message, signature, keyType.value, key, policy);
    }

    private static Result<KeyType> keyTypeFor(CavageSignature signature, PublicKey key) {
        Optional<KeyType> type = KeyType.of(key);
        switch (signature.algorithm()) {
            case RSA_SHA256:
                if (type.orElse(null) != KeyType.RSA) {
                    return Result.rejected(FailureReason.KEY_MISMATCH,
                            "algorithm rsa-sha256 needs an RSA key, got " + key.getAlgorithm());
                }
                return Result.of(KeyType.RSA);
            case HS2019:
                return type.map(Result::of).orElseGet(() -> Result.rejected(FailureReason.KEY_MISMATCH,
                        "hs2019 is verified with RSA or Ed25519 keys, got " + key.getAlgorithm()));
            default:
                return Result.rejected(FailureReason.UNKNOWN_ALGORITHM,
                        "algorithm " + Shorten.of(signature.algorithm()) + " is not rsa-sha256 or hs2019");
        }
    }

    private static Optional<Rejection> coverage(HttpMessage message, CavageSignature signature, boolean hasBody) {
        boolean hs2019 = signature.algorithm().equals(HS2019);
        if (!hs2019 && (signature.covers(SigningString.CREATED) || signature.covers(SigningString.EXPIRES))) {
            return Optional.of(new Rejection(FailureReason.MALFORMED_HEADER,
                    "(created) and (expires) are defined only for hs2019"));
        }
        if (!signature.covers(SigningString.REQUEST_TARGET)) {
            return missingComponent("(request-target) is not signed");
        }
        if (!signature.covers("host")) {
            return missingComponent("host is not signed");
        }
        if (!signature.covers("date") && !signature.covers(SigningString.CREATED)) {
            return missingComponent("neither date nor (created) is signed");
        }
        boolean needsDigest = hasBody || "POST".equalsIgnoreCase(message.method());
        if (needsDigest && !signature.covers("digest")) {
            return Optional.of(new Rejection(FailureReason.MISSING_DIGEST,
                    hasBody ? "the body is not covered: digest is not signed" : "a POST must sign digest"));
        }
        return Optional.empty();
    }

    private static Optional<Rejection> digest(HttpMessage message, CavageSignature signature, byte[] body) {
        if (!signature.covers("digest")) {
            return Optional.empty();
        }
        List<String> values = message.headerValues("Digest");
        if (values.isEmpty()) {
            return Optional.of(new Rejection(FailureReason.MISSING_DIGEST, "digest is signed but absent"));
        }
        if (LegacyDigest.verify(values, body) instanceof DigestCheck.Failed failed) {
            return Optional.of(new Rejection(failed.reason(), failed.detail()));
        }
        return Optional.empty();
    }

    private static Optional<Rejection> timeWindow(HttpMessage message, CavageSignature signature, Instant now,
            Policy policy) {
        Instant created;
        if (signature.covers(SigningString.CREATED)) {
            if (signature.created().isEmpty()) {
                return missingComponent("(created) is signed but the created parameter is absent");
            }
            created = signature.created().get();
        } else {
            Optional<String> date = message.header("Date");
            if (date.isEmpty()) {
                return missingComponent("date is signed but absent");
            }
            Optional<Instant> parsed = HttpDates.parse(date.get());
            if (parsed.isEmpty()) {
                return Optional.of(new Rejection(FailureReason.MALFORMED_HEADER,
                        "Date is not an HTTP date: " + Shorten.of(date.get())));
            }
            created = parsed.get();
        }
        if (created.isAfter(now.plus(policy.clockSkewMargin()))) {
            return Optional.of(new Rejection(FailureReason.CLOCK_SKEW,
                    "signed at " + created + ", more than " + policy.clockSkewMargin() + " ahead of " + now));
        }
        boolean explicitExpiry = signature.covers(SigningString.EXPIRES) && signature.expires().isPresent();
        Instant latest = created.plus(policy.maxLifetime());
        Instant expires = explicitExpiry ? signature.expires().get() : created.plus(policy.defaultLifetime());
        if (expires.isAfter(latest)) {
            expires = latest;
        }
        if (now.isAfter(expires.plus(policy.clockSkewMargin()))) {
            return Optional.of(explicitExpiry
                    ? new Rejection(FailureReason.EXPIRED, "expired at " + expires + ", now " + now)
                    : new Rejection(FailureReason.CLOCK_SKEW,
                            "signed at " + created + ", too long before " + now));
        }
        return Optional.empty();
    }

    private static VerifyResult checkSignature(HttpMessage message, CavageSignature signature, KeyType keyType,
            PublicKey key, Policy policy) {
        boolean hasQuery = message.target().getRawQuery() != null;
        Result<Boolean> withQuery = verifyOnce(message, signature, keyType, key, true);
        if (withQuery.rejection == null && !withQuery.value
                && hasQuery && policy.acceptRequestTargetWithoutQuery()
                && signature.covers(SigningString.REQUEST_TARGET)) {
            withQuery = verifyOnce(message, signature, keyType, key, false);
        }
        if (withQuery.rejection != null) {
            return withQuery.rejection.toFailed(signature.keyId());
        }
        if (!withQuery.value) {
            return new Rejection(FailureReason.BAD_SIGNATURE, "the signature does not match the signing string")
                    .toFailed(signature.keyId());
        }
        return VerifyResult.verified(SignatureScheme.DRAFT_CAVAGE_12, signature.keyId());
    }

    private static Result<Boolean> verifyOnce(HttpMessage message, CavageSignature signature, KeyType keyType,
            PublicKey key, boolean includeQuery) {
        SigningString.Outcome outcome = SigningString.build(message, signature.headers(), signature.created(),
                signature.expires(), includeQuery);
        if (outcome instanceof SigningString.Missing missing) {
            return new Result<>(null, missing.rejection());
        }
        byte[] bytes = ((SigningString.Built) outcome).bytes();
        Signature engine;
        try {
            engine = keyType.verifierFor(key);
        } catch (InvalidKeyException e) {
            return Result.rejected(FailureReason.KEY_MISMATCH, "the key cannot verify " + keyType + ": " + e.getMessage());
        }
        try {
            engine.update(bytes);
            return Result.of(engine.verify(signature.signatureBytes()));
        } catch (GeneralSecurityException e) {
            // Wrong length or encoding for this key: as bad as a wrong signature.
            return Result.of(false);
        }
    }

    private static Optional<Rejection> missingComponent(String detail) {
        return Optional.of(new Rejection(FailureReason.MISSING_COMPONENT, detail));
    }

    private static CavageParseResult rejected(FailureReason reason, String detail) {
        return new CavageParseResult.Rejected(new Rejection(reason, detail).toFailed(null));
    }

    /** A value or the reason there is none. */
    private record Result<T>(T value, Rejection rejection) {
        static <T> Result<T> of(T value) {
            return new Result<>(value, null);
        }

        static <T> Result<T> rejected(FailureReason reason, String detail) {
            return new Result<>(null, new Rejection(reason, detail));
        }
    }
}
