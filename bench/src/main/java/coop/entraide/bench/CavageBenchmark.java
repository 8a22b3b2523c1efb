package coop.entraide.bench;

import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.VerifyResult;
import coop.entraide.protocol.sig.cavage.CavageParseResult;
import coop.entraide.protocol.sig.cavage.CavageSigner;
import coop.entraide.protocol.sig.cavage.CavageVerifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
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
 * draft-cavage-12 on an inbox delivery: RSA-2048, rsa-sha256, a body of about 2 KB, the headers
 * Mastodon sends. Verification is what an inbox pays for every incoming activity.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CavageBenchmark {

    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");

    private CavageSigner signer;
    private CavageVerifier verifier;
    private KeyPair keys;
    private HttpMessage unsigned;
    private HttpMessage signed;
    private byte[] signingString;
    private byte[] signature;
    private final ThreadLocal<Signature> jdkVerifier = ThreadLocal.withInitial(CavageBenchmark::sha256WithRsa);

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        signer = CavageSigner.rsaSha256("https://entraide.example/actors/coop#main-key", keys.getPrivate());
        verifier = new CavageVerifier();
        unsigned = HttpMessage.request("POST", URI.create("https://remote.example/users/alice/inbox"), List.of(
                new HttpMessage.Header("User-Agent", "Entraide/0.1"),
                new HttpMessage.Header("Content-Type", "application/activity+json")), body());
        signed = signer.sign(unsigned, NOW);
        if (!verify().ok()) {
            throw new IllegalStateException("the benchmark message does not verify");
        }
        signingString = ("(request-target): post /users/alice/inbox\nhost: remote.example\n"
                + "date: Tue, 04 Mar 2025 05:06:07 GMT\ndigest: " + signed.header("Digest").orElseThrow()
                + "\ncontent-type: application/activity+json").getBytes(StandardCharsets.UTF_8);
        try {
            Signature engine = sha256WithRsa();
            engine.initSign(keys.getPrivate());
            engine.update(signingString);
            signature = engine.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public HttpMessage sign() {
        return signer.sign(unsigned, NOW);
    }

    @Benchmark
    public VerifyResult verify() {
        CavageParseResult parsed = verifier.parse(signed);
        if (parsed instanceof CavageParseResult.Parsed p) {
            return verifier.verify(signed, p.signature(), keys.getPublic(), NOW, CavageVerifier.Policy.MASTODON);
        }
        return ((CavageParseResult.Rejected) parsed).failure();
    }

    /** The RSA check alone on a signing string of the same size: the floor for {@link #verify}. */
    @Benchmark
    public boolean rsaVerifyAlone() throws GeneralSecurityException {
        Signature engine = jdkVerifier.get();
        engine.initVerify(keys.getPublic());
        engine.update(signingString);
        return engine.verify(signature);
    }

    @Benchmark
    public CavageParseResult parse() {
        return verifier.parse(signed);
    }

    private static Signature sha256WithRsa() {
        try {
            return Signature.getInstance("SHA256withRSA");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] body() {
        StringBuilder json = new StringBuilder("{\"@context\":\"https://www.w3.org/ns/activitystreams\","
                + "\"type\":\"Create\",\"actor\":\"https://entraide.example/actors/coop\",\"object\":{"
                + "\"type\":\"Note\",\"content\":\"");
        while (json.length() < 2000) {
            json.append("Repair café this Saturday, bring your bikes and toasters. ");
        }
        return json.append("\"}}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
