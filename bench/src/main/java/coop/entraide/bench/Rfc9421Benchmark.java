package coop.entraide.bench;

import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.VerifyResult;
import coop.entraide.protocol.sig.rfc9421.ParseResult;
import coop.entraide.protocol.sig.rfc9421.Rfc9421Signer;
import coop.entraide.protocol.sig.rfc9421.Rfc9421Verifier;
import coop.entraide.protocol.sig.rfc9421.SignatureAlgorithm;
import coop.entraide.protocol.sig.rfc9421.SigningException;
import coop.entraide.protocol.sig.rfc9421.SigningSpec;
import coop.entraide.protocol.sig.rfc9421.VerificationPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Signing and verifying an ActivityPub delivery with RFC 9421: a POST of a ~2 KB JSON activity,
 * covering {@code @method}, {@code @target-uri} and {@code content-digest}. Signing includes the
 * sha-256 Content-Digest; verifying includes parsing the signature fields, the ActivityPub policy,
 * the digest check and the signature check.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Rfc9421Benchmark {

    private static final String KEY_ID = "https://social.example/users/bob#main-key";
    private static final Instant CREATED = Instant.parse("2026-11-20T10:15:30Z");
    private static final Instant NOW = CREATED.plusSeconds(1);

    private final VerificationPolicy policy = VerificationPolicy.activityPub();
    private KeyPair rsa;
    private KeyPair ed25519;
    private HttpMessage unsigned;
    private HttpMessage signedRsa;
    private HttpMessage signedEd25519;

    @Setup
    public void setUp() throws GeneralSecurityException, SigningException {
        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        rsa = rsaGenerator.generateKeyPair();
        ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        unsigned = HttpMessage.request("POST", URI.create("https://entraide.example/users/alice/inbox"), List.of(
                new HttpMessage.Header("Host", "entraide.example"),
                new HttpMessage.Header("Date", "Fri, 20 Nov 2026 10:15:30 GMT"),
                new HttpMessage.Header("Content-Type", "application/activity+json")), activity());
        signedRsa = signRsa();
        signedEd25519 = signEd25519();
        if (!verifyRsa().ok() || !verifyEd25519().ok()) {
            throw new IllegalStateException("the benchmark messages do not verify");
        }
    }

    @Benchmark
    public HttpMessage signRsa() throws SigningException {
        return Rfc9421Signer.sign(unsigned,
                SigningSpec.activityPub(SignatureAlgorithm.RSA_V1_5_SHA256, rsa.getPrivate(), KEY_ID, CREATED, true));
    }

    @Benchmark
    public VerifyResult verifyRsa() {
        return verify(signedRsa, rsa);
    }

    @Benchmark
    public HttpMessage signEd25519() throws SigningException {
        return Rfc9421Signer.sign(unsigned,
                SigningSpec.activityPub(SignatureAlgorithm.ED25519, ed25519.getPrivate(), KEY_ID, CREATED, true));
    }

    @Benchmark
    public VerifyResult verifyEd25519() {
        return verify(signedEd25519, ed25519);
    }

    private VerifyResult verify(HttpMessage message, KeyPair keys) {
        ParseResult parsed = Rfc9421Verifier.parse(message);
        if (parsed instanceof ParseResult.Failed failed) {
            return failed.failure();
        }
        return Rfc9421Verifier.verify(message, ((ParseResult.Parsed) parsed).first(), keys.getPublic(), NOW, policy);
    }

    /** A Create(Note) as Mastodon delivers it, padded to about 2 KB of JSON. */
    private static byte[] activity() {
        String content = "<p>I can lend the cargo bike on Saturday morning; bring a helmet. ".repeat(20) + "</p>";
        String json = "{\"@context\":[\"https://www.w3.org/ns/activitystreams\",{\"sensitive\":\"as:sensitive\"}],"
                + "\"id\":\"https://social.example/users/bob/statuses/1/activity\",\"type\":\"Create\","
                + "\"actor\":\"https://social.example/users/bob\",\"published\":\"2026-11-20T10:15:30Z\","
                + "\"to\":[\"https://www.w3.org/ns/activitystreams#Public\"],"
                + "\"cc\":[\"https://social.example/users/bob/followers\",\"https://entraide.example/users/alice\"],"
                + "\"object\":{\"id\":\"https://social.example/users/bob/statuses/1\",\"type\":\"Note\","
                + "\"attributedTo\":\"https://social.example/users/bob\",\"content\":\"" + content + "\","
                + "\"tag\":[{\"type\":\"Mention\",\"href\":\"https://entraide.example/users/alice\","
                + "\"name\":\"@alice@entraide.example\"}]}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
