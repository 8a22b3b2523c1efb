package coop.entraide.protocol.as;

import static coop.entraide.protocol.as.Payloads.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextTest {

    @Test
    void plainActivityNeedsOnlyActivityStreams() {
        ObjectNode follow = Activity.of("https://e.example/f/1", As.FOLLOW, "https://e.example/u/1",
                Ref.to("https://m.example/u/2"), Addressing.NONE, null).toJson();

        ObjectNode document = Context.documentOf(follow);

        assertEquals("https://www.w3.org/ns/activitystreams", document.get(Context.KEYWORD).textValue());
        assertEquals(Context.KEYWORD, document.fieldNames().next(), "@context comes first");
    }

    @Test
    void declaresTheExtensionTermsANoteUsesSortedWithFullIris() {
        AsObject note = AsObject.builder("https://e.example/notes/1", As.NOTE)
                .attributedTo("https://e.example/u/1")
                .content("<p>#miel</p>")
                .sensitive(true)
                .summary("cw")
                .tag(List.of(Tag.Hashtag.of("https://e.example/tags/miel", "#miel")))
                .attachment(List.of(new Media(List.of(As.IMAGE), List.of(Link.of("https://e.example/1.png")),
                        "image/png", "alt", "LKO2?U%2Tw=w]~RBVZRi};RPxuwH", new Media.FocalPoint(0, 0), null, null,
                        Map.of())))
                .published(Instant.parse("2025-05-01T12:00:00Z"))
                .build();

        String context = Context.documentOf(note.toJson()).get(Context.KEYWORD).toString();

        assertEquals("[\"https://www.w3.org/ns/activitystreams\",{"
                + "\"Hashtag\":\"https://www.w3.org/ns/activitystreams#Hashtag\","
                + "\"blurhash\":\"http://joinmastodon.org/ns#blurhash\","
                + "\"focalPoint\":{\"@container\":\"@list\",\"@id\":\"http://joinmastodon.org/ns#focalPoint\"},"
                + "\"sensitive\":\"https://www.w3.org/ns/activitystreams#sensitive\"}]", context);
    }

    @Test
    void addsKeyAndProofContextsInAFixedOrder() {
        ObjectNode body = json("""
                {"id": "https://e.example/u/1", "type": "Person", "proof": {"type": "DataIntegrityProof"},
                 "assertionMethod": [], "publicKey": {}, "manuallyApprovesFollowers": false}
                """).deepCopy();

        assertEquals(json("""
                ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1",
                 "https://w3id.org/security/data-integrity/v2", "https://w3id.org/security/multikey/v1",
                 {"manuallyApprovesFollowers": "https://www.w3.org/ns/activitystreams#manuallyApprovesFollowers"}]
                """), Context.forDocument(body).toJson());
    }

    @Test
    void declaresFep0837TermsForAProposal() {
        ObjectNode proposal = AsObject.builder("https://e.example/offers/1", Vf.PROPOSAL)
                .types(List.of(As.NOTE, Vf.PROPOSAL))
                .extra(Vf.PURPOSE, json("\"offer\""))
                .extra(Vf.PUBLISHES, json("""
                        {"id": "https://e.example/offers/1#primary", "type": "Intent",
                         "resourceQuantity": {"hasUnit": "one", "hasNumericalValue": "1"}}"""))
                .build().toJson();

        var terms = Context.forDocument(proposal).toJson().get(1);

        assertEquals(Vf.NS + "Proposal", terms.get("Proposal").textValue());
        assertEquals(Vf.NS + "Intent", terms.get("Intent").textValue());
        assertEquals(Vf.NS + "purpose", terms.get("purpose").textValue());
        assertEquals(Vf.OM2_NS + "hasNumericalValue", terms.get("hasNumericalValue").textValue());
        assertTrue(terms.has("resourceQuantity"));
    }

    @Test
    void isTheSameWhateverTheOrderOfDeclarations() {
        Context a = Context.activityStreams().term("b", "https://x.example#b").with(Sec.MULTIKEY_V1)
                .term("a", "https://x.example#a").with(Sec.SECURITY_V1);
        Context b = Context.activityStreams().with(Sec.SECURITY_V1).term("a", "https://x.example#a")
                .with(Sec.MULTIKEY_V1).term("b", "https://x.example#b").term("a", "https://x.example#a");

        assertEquals(a, b);
        assertEquals(a.toJson(), b.toJson());
        assertEquals("[\"https://www.w3.org/ns/activitystreams\",\"https://w3id.org/security/v1\","
                + "\"https://w3id.org/security/multikey/v1\",{\"a\":\"https://x.example#a\",\"b\":\"https://x.example#b\"}]",
                a.toString());
    }

    @Test
    void placesEntraideTermsAfterTheWellKnownDocuments() {
        Context context = Context.activityStreams().with("https://entraide.example/ns.jsonld").with(Sec.SECURITY_V1)
                .term("campaign", Entraide.NS + "campaign");

        assertEquals(json("""
                ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1",
                 "https://entraide.example/ns.jsonld", {"campaign": "https://entraide.coop/ns#campaign"}]
                """), context.toJson());
    }

    @Test
    void refusesToDeclareATermTwiceDifferently() {
        Context context = Context.activityStreams().term("a", "https://x.example#a");

        assertThrows(IllegalArgumentException.class, () -> context.term("a", "https://y.example#a"));
    }

    @Test
    void keepsTheContextOfAParsedDocument() {
        ObjectNode written = Payloads.object("misskey-note-quote.json").toJson();

        assertSame(written, Context.documentOf(written));
        assertEquals(Payloads.load("misskey-note-quote.json").get(Context.KEYWORD), written.get(Context.KEYWORD));
        assertEquals(Context.KEYWORD, written.fieldNames().next());
    }

    @Test
    void recognisesThePublicCollectionInEveryForm() {
        assertTrue(As.isPublic("https://www.w3.org/ns/activitystreams#Public"));
        assertTrue(As.isPublic("as:Public"));
        assertTrue(As.isPublic("Public"));
        assertEquals(false, As.isPublic("https://www.w3.org/ns/activitystreams"));
        assertEquals(false, As.isPublic(null));
    }
}
