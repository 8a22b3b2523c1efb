package coop.entraide.protocol.sig.rfc9421;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a verifier demands of an RFC 9421 signature beyond a correct cryptographic check
 * (RFC 9421 §3.2.1 leaves this to the application).
 *
 * <p>{@link #activityPub()} is our profile for inboxes and signed fetches:
 * <ul>
 *   <li>covered: {@code @method} and {@code @target-uri}, or {@code @method}, {@code @authority}
 *       and {@code @path};</li>
 *   <li>{@code content-digest} covered whenever the message has a body (and checked against it);</li>
 *   <li>{@code created} and {@code keyid} present;</li>
 *   <li>{@code created} at most 1 hour old and at most 5 minutes in the future;</li>
 *   <li>{@code expires}, when present, not more than 5 minutes (the same skew) in the past;</li>
 *   <li>all five algorithms of {@link SignatureAlgorithm} allowed.</li>
 * </ul>
 *
 * @param requiredComponents alternatives: the covered components must include every name of at
 *     least one set; an empty list demands nothing
 * @param requireDigestForBody a non-empty body must be covered by {@code content-digest}
 * @param requireCreated the {@code created} parameter must be present
 * @param requireKeyId the {@code keyid} parameter must be present
 * @param maxAge how old {@code created} may be; {@code null} for no limit
 * @param clockSkew how far in the future {@code created} may be, and how long after {@code expires}
 *     a signature is still accepted
 * @param enforceExpires whether {@code expires} is checked
 * @param allowedAlgorithms algorithms accepted
 */
public record VerificationPolicy(
        List<Set<String>> requiredComponents,
        boolean requireDigestForBody,
        boolean requireCreated,
        boolean requireKeyId,
        Duration maxAge,
        Duration clockSkew,
        boolean enforceExpires,
        Set<SignatureAlgorithm> allowedAlgorithms) {

    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);

    public VerificationPolicy {
        requiredComponents = requiredComponents.stream().map(Set::copyOf).toList();
        Objects.requireNonNull(clockSkew, "clockSkew");
        allowedAlgorithms = allowedAlgorithms.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowedAlgorithms));
    }

    /** The profile for ActivityPub servers, as described above. */
    public static VerificationPolicy activityPub() {
        return new VerificationPolicy(
                List.of(Set.of("@method", "@target-uri"), Set.of("@method", "@authority", "@path")),
                true, true, true, DEFAULT_MAX_AGE, DEFAULT_CLOCK_SKEW, true, EnumSet.allOf(SignatureAlgorithm.class));
    }

    /**
     * Only the cryptographic check, the content digest when covered, and {@code expires}:
     * for tests and for callers that apply their own rules.
     */
    public static VerificationPolicy minimal() {
        return new VerificationPolicy(List.of(), false, false, false, null, DEFAULT_CLOCK_SKEW, true,
                EnumSet.allOf(SignatureAlgorithm.class));
    }

    public VerificationPolicy withRequiredComponents(List<Set<String>> alternatives) {
        return new VerificationPolicy(alternatives, requireDigestForBody, requireCreated, requireKeyId, maxAge,
                clockSkew, enforceExpires, allowedAlgorithms);
    }

    public VerificationPolicy withRequireDigestForBody(boolean required) {
        return new VerificationPolicy(requiredComponents, required, requireCreated, requireKeyId, maxAge, clockSkew,
                enforceExpires, allowedAlgorithms);
    }

    public VerificationPolicy withMaxAge(Duration age) {
        return new VerificationPolicy(requiredComponents, requireDigestForBody, requireCreated, requireKeyId, age,
                clockSkew, enforceExpires, allowedAlgorithms);
    }

    public VerificationPolicy withClockSkew(Duration skew) {
        return new VerificationPolicy(requiredComponents, requireDigestForBody, requireCreated, requireKeyId, maxAge,
                skew, enforceExpires, allowedAlgorithms);
    }

    public VerificationPolicy withEnforceExpires(boolean enforce) {
        return new VerificationPolicy(requiredComponents, requireDigestForBody, requireCreated, requireKeyId, maxAge,
                clockSkew, enforce, allowedAlgorithms);
    }

    public VerificationPolicy withAllowedAlgorithms(Set<SignatureAlgorithm> algorithms) {
        return new VerificationPolicy(requiredComponents, requireDigestForBody, requireCreated, requireKeyId, maxAge,
                clockSkew, enforceExpires, algorithms);
    }
}
