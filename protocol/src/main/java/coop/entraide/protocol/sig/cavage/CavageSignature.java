package coop.entraide.protocol.sig.cavage;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The parameters of one draft-cavage-12 signature (draft-cavage-http-signatures-12 §2.1), as
 * parsed from a {@code Signature} or {@code Authorization: Signature} header.
 *
 * <p>Defaults are already applied as Mastodon applies them: an absent {@code algorithm} is
 * {@code hs2019}; absent {@code headers} are {@code (created)} for hs2019 and {@code date} otherwise.
 *
 * @param keyId     the key's URL (or whatever the sender named), to be dereferenced by the caller
 * @param algorithm the {@code algorithm} parameter in lower case
 * @param headers   the covered header names in lower case, in signing order
 * @param signature the decoded signature bytes
 * @param created   the {@code created} parameter, if sent
 * @param expires   the {@code expires} parameter, if sent
 */
public record CavageSignature(
        String keyId,
        String algorithm,
        List<String> headers,
        byte[] signature,
        Optional<Instant> created,
        Optional<Instant> expires) {

    public CavageSignature {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        headers = List.copyOf(headers);
        signature = signature.clone();
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** Whether the signature covers this header or pseudo-header (name compared in lower case). */
    public boolean covers(String name) {
        return headers.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The signature bytes without a copy, for the verifier only. */
    byte[] signatureBytes() {
        return signature;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CavageSignature s
                && keyId.equals(s.keyId)
                && algorithm.equals(s.algorithm)
                && headers.equals(s.headers)
                && Arrays.equals(signature, s.signature)
                && created.equals(s.created)
                && expires.equals(s.expires);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyId, algorithm, headers, Arrays.hashCode(signature), created, expires);
    }

    @Override
    public String toString() {
        return "CavageSignature[keyId=" + keyId + ", algorithm=" + algorithm + ", headers=" + headers
                + ", created=" + created.orElse(null) + ", expires=" + expires.orElse(null) + "]";
    }
}
