package coop.entraide.protocol.sig.cavage;

import coop.entraide.protocol.sig.digest.LegacyDigest;
import coop.entraide.protocol.sig.HttpMessage;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs requests with draft-cavage-12 the way Mastodon does (draft-cavage-http-signatures-12 §2;
 * PROTOCOL.md §3.1, §3.4).
 *
 * <p>By default a GET covers {@code (request-target) host date}; a POST, or any request with a
 * body, adds {@code digest} and, when present, {@code content-type}. Missing {@code Host},
 * {@code Date} (IMF-fixdate of the instant given) and {@code Digest: SHA-256=…} headers are
 * added first. The signer never reads a clock, so the same input always gives the same output.
 * Instances are immutable and may be shared between threads.
 */
public final class CavageSigner {

    private final String keyId;
    private final PrivateKey key;
    private final KeyType keyType;
    private final String algorithm;

    private CavageSigner(String keyId, PrivateKey key, KeyType keyType, String algorithm) {
        this.keyId = keyId;
        this.key = key;
        this.keyType = keyType;
        this.algorithm = algorithm;
    }

    /** RSA with {@code algorithm="rsa-sha256"}, what Mastodon sends and every server accepts. */
    public static CavageSigner rsaSha256(String keyId, PrivateKey rsaKey) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(rsaKey, "rsaKey");
        if (KeyType.of(rsaKey).orElse(null) != KeyType.RSA) {
            throw new IllegalArgumentException("rsa-sha256 needs an RSA key, got " + rsaKey.getAlgorithm());
        }
        return new CavageSigner(keyId, rsaKey, KeyType.RSA, "rsa-sha256");
    }

    /**
     * {@code algorithm="hs2019"}, where the verifier derives the algorithm from the key: RSA
     * (RSASSA-PKCS1-v1_5 with SHA-256) or Ed25519.
     */
    public static CavageSigner hs2019(String keyId, PrivateKey key) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(key, "key");
        KeyType type = KeyType.of(key).orElseThrow(
                () -> new IllegalArgumentException("hs2019 signs with RSA or Ed25519 keys, got " + key.getAlgorithm()));
        return new CavageSigner(keyId, key, type, "hs2019");
    }

    /** The key URL that verifiers will fetch, usually {@code actor + "#main-key"}. */
    public String keyId() {
        return keyId;
    }

    /** The {@code algorithm} parameter this signer writes. */
    public String algorithm() {
        return algorithm;
    }

    /** Signs with the default headers for the method (see the class comment). */
    public HttpMessage sign(HttpMessage request, Instant now) {
        HttpMessage prepared = prepare(request, now);
        return signPrepared(prepared, defaultHeaders(prepared));
    }

    /**
     * Signs exactly the given headers, in this order; each must be present once the missing
     * {@code Host}, {@code Date} and {@code Digest} are added.
     *
     * @throws IllegalArgumentException if a header to cover is absent
     */
    public HttpMessage sign(HttpMessage request, Instant now, List<String> headers) {
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("at least one header must be signed");
        }
        List<String> names = new ArrayList<>(headers.size());
        for (String header : headers) {
            names.add(header.toLowerCase(Locale.ROOT));
        }
        return signPrepared(prepare(request, now), names);
    }

    private static HttpMessage prepare(HttpMessage request, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(now, "now");
        if (!request.isRequest()) {
            throw new IllegalArgumentException("draft-cavage signs requests only");
        }
        HttpMessage prepared = request;
        if (prepared.header("Host").isEmpty()) {
            prepared = prepared.withHeader("Host", hostHeader(request.target()));
        }
        if (prepared.header("Date").isEmpty()) {
            prepared = prepared.withHeader("Date", HttpDates.format(now));
        }
        if (needsDigest(prepared) && prepared.header("Digest").isEmpty()) {
            prepared = prepared.withHeader("Digest", LegacyDigest.headerValue(prepared.body()));
        }
        return prepared;
    }

    private static List<String> defaultHeaders(HttpMessage prepared) {
        List<String> names = new ArrayList<>(List.of(SigningString.REQUEST_TARGET, "host", "date"));
        if (needsDigest(prepared)) {
            names.add("digest");
            if (prepared.header("Content-Type").isPresent()) {
                names.add("content-type");
            }
        }
        return names;
    }

    private HttpMessage signPrepared(HttpMessage prepared, List<String> headers) {
        SigningString.Outcome outcome = SigningString.build(prepared, headers,
                Optional.empty(), Optional.empty(), true);
        if (outcome instanceof SigningString.Missing missing) {
            throw new IllegalArgumentException("cannot sign: " + missing.rejection().detail());
        }
        byte[] signature;
        try {
            Signature engine = keyType.signerFor(key);
            engine.update(((SigningString.Built) outcome).bytes());
            signature = engine.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + keyType + " failed", e);
        }
        String value = "keyId=" + SignatureHeaderParser.quote(keyId)
                + ",algorithm=\"" + algorithm + "\""
                + ",headers=\"" + String.join(" ", headers) + "\""
                + ",signature=\"" + Base64.getEncoder().encodeToString(signature) + "\"";
        return prepared.withReplacedHeader("Signature", value);
    }

    private static boolean needsDigest(HttpMessage request) {
        return request.body().length > 0 || "POST".equalsIgnoreCase(request.method());
    }

    private static String hostHeader(URI target) {
        String host = target.getHost();
        if (host == null) {
            throw new IllegalArgumentException("target has no host and the request no Host header: " + target);
        }
        int port = target.getPort();
        boolean defaultPort = port == -1
                || port == 443 && "https".equalsIgnoreCase(target.getScheme())
                || port == 80 && "http".equalsIgnoreCase(target.getScheme());
        return defaultPort ? host : host + ":" + port;
    }
}
