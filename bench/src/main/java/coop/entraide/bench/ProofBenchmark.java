package coop.entraide.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.protocol.json.JsonReadResult;
import coop.entraide.protocol.json.Jcs;
import coop.entraide.protocol.json.StrictJsonReader;
import coop.entraide.protocol.keys.KeyAlgorithm;
import coop.entraide.protocol.keys.Keys;
import coop.entraide.protocol.proof.ObjectIntegrityProofs;
import coop.entraide.protocol.proof.ParsedProof;
import coop.entraide.protocol.proof.ProofResult;
import coop.entraide.protocol.proof.VerificationMethod;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.EdECPrivateKey;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of FEP-8b32 proofs on a typical offer: JCS alone, signing, and verifying (both steps).
 * Run: java -jar bench/target/benchmarks.jar Proof
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProofBenchmark {

    private static final String KEY_ID = "https://entraide.example/actors/atelier-velo#ed25519-key";
    private static final String ACTOR = "https://entraide.example/actors/atelier-velo";
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    /** An offer as a node publishes it: a Note with FEP-0837 extras, attachments, tags and a place. */
    static final String OFFER = """
            {
              "@context": [
                "https://www.w3.org/ns/activitystreams",
                "https://w3id.org/security/data-integrity/v2",
                {"vf": "https://w3id.org/valueflows/ont/vf#", "om2": "http://www.ontology-of-units-of-measure.org/resource/om-2/",
                 "Proposal": "vf:Proposal", "purpose": "vf:purpose", "publishes": {"@id": "vf:publishes", "@type": "@id"},
                 "sensitive": "as:sensitive", "Hashtag": "as:Hashtag"}
              ],
              "id": "https://entraide.example/offers/0193a6f2-7c1e-7d4b-9a51-2f0c3e8b6d41",
              "type": ["Note", "Proposal"],
              "attributedTo": "https://entraide.example/actors/atelier-velo",
              "name": "Prêt d'un vélo cargo pour un déménagement",
              "content": "<p>L'atelier vélo de la Croix-Rousse prête son <strong>vélo cargo électrique</strong> aux adhérents et aux voisins qui déménagent ou font de gros achats.</p><p>Caution solidaire : 20 €, rendue au retour.</p><p><a href=\\"https://entraide.example/tags/mobilite\\" class=\\"mention hashtag\\" rel=\\"tag\\">#<span>mobilite</span></a></p>",
              "published": "2025-05-28T09:14:03Z",
              "startTime": "2025-06-07T08:00:00Z",
              "endTime": "2025-06-08T19:00:00Z",
              "to": ["https://www.w3.org/ns/activitystreams#Public"],
              "cc": ["https://entraide.example/actors/atelier-velo/followers", "https://voisins.example/groups/croix-rousse"],
              "url": "https://entraide.example/@atelier-velo/offers/42",
              "sensitive": false,
              "purpose": "offer",
              "publishes": {
                "id": "https://entraide.example/offers/0193a6f2-7c1e-7d4b-9a51-2f0c3e8b6d41#primary",
                "type": "Intent",
                "action": "deliverService",
                "resourceConformsTo": "https://www.wikidata.org/wiki/Q1094986",
                "resourceQuantity": {"hasUnit": "one", "hasNumericalValue": "1"}
              },
              "attachment": [
                {"type": "Image", "mediaType": "image/webp", "url": "https://entraide.example/media/3f/velo-cargo-1.webp",
                 "name": "Le vélo cargo, caisse ouverte", "width": 1600, "height": 1200, "blurhash": "LKO2?U%2Tw=w]~RBVZRi};RPxuwH"},
                {"type": "Image", "mediaType": "image/webp", "url": "https://entraide.example/media/3f/velo-cargo-2.webp",
                 "name": "Détail de la batterie amovible", "width": 1200, "height": 1600, "blurhash": "L6PZfSi_.AyE_3t7t7R**0o#DgR4"}
              ],
              "tag": [
                {"type": "Hashtag", "href": "https://entraide.example/tags/mobilite", "name": "#mobilite"},
                {"type": "Mention", "href": "https://voisins.example/groups/croix-rousse", "name": "@croix-rousse@voisins.example"}
              ],
              "location": {"type": "Place", "name": "Atelier vélo, 12 rue d'Austerlitz, Lyon", "latitude": 45.774021, "longitude": 4.831476, "radius": 1500, "units": "m"}
            }""";

    private ObjectNode offer;
    private ObjectNode signedOffer;
    private EdECPrivateKey privateKey;
    private VerificationMethod method;

    @Setup
    public void setUp() {
        JsonReadResult read = StrictJsonReader.withDefaults().readObject(OFFER);
        if (!(read instanceof JsonReadResult.Parsed parsed)) {
            throw new IllegalStateException("benchmark offer rejected: " + read);
        }
        offer = (ObjectNode) parsed.value();
        KeyPair pair = Keys.generate(KeyAlgorithm.ED25519);
        privateKey = (EdECPrivateKey) pair.getPrivate();
        method = new VerificationMethod(KEY_ID, ACTOR, pair.getPublic());
        signedOffer = ObjectIntegrityProofs.create(offer, privateKey, KEY_ID, NOW);
        if (!verify().ok()) {
            throw new IllegalStateException("benchmark offer does not verify");
        }
        System.out.println("offer: " + OFFER.getBytes(StandardCharsets.UTF_8).length + " bytes, canonical: "
                + Jcs.canonicalize(offer).length + " bytes");
    }

    @Benchmark
    public byte[] jcsCanonicalize() {
        return Jcs.canonicalize(offer);
    }

    @Benchmark
    public ObjectNode createProof() {
        return ObjectIntegrityProofs.create(offer, privateKey, KEY_ID, NOW);
    }

    @Benchmark
    public ProofResult verifyProof() {
        return verify();
    }

    private ProofResult verify() {
        ParsedProof parsed = (ParsedProof) ObjectIntegrityProofs.parse(signedOffer);
        return ObjectIntegrityProofs.verify(parsed, method, NOW);
    }
}
