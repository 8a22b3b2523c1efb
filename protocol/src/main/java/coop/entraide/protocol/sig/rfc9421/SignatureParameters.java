package coop.entraide.protocol.sig.rfc9421;

import java.time.Instant;
import java.util.Optional;

/**
 * The signature parameters of RFC 9421 §2.3 that this library understands. Any of them may be
 * absent ({@code null}); other parameters are kept in the serialised {@code @signature-params}.
 *
 * @param created {@code created}, seconds since the epoch
 * @param expires {@code expires}, seconds since the epoch
 * @param keyId {@code keyid}
 * @param alg {@code alg}, as written (it may name an algorithm we do not know)
 * @param nonce {@code nonce}
 * @param tag {@code tag}
 */
public record SignatureParameters(Long created, Long expires, String keyId, String alg, String nonce, String tag) {

    public Optional<Instant> createdAt() {
        return Optional.ofNullable(created).map(Instant::ofEpochSecond);
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expires).map(Instant::ofEpochSecond);
    }
}
