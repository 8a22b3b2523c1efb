package coop.entraide.node.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.federation.social.ObjectSigner;
import coop.entraide.node.ledger.Money;
import coop.entraide.protocol.as.Entraide;
import coop.entraide.protocol.proof.ObjectIntegrityProofs;
import coop.entraide.protocol.proof.ProofResult;
import coop.entraide.protocol.proof.VerificationMethod;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The federated form of campaigns and pledges, without a node. */
class CampaignDocumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Instant T0 = Instant.parse("2030-03-01T10:00:00Z");
    private static final CampaignDocuments.Addresses AT = new CampaignDocuments.Addresses(
            "https://a.example/campaigns/7", "https://a.example/c/capucins", "https://a.example/c/capucins/followers");

    static Campaign campaign(CampaignState state, String image) {
        return new Campaign(7, 1, "capucins", "Les Capucins", "Un four à pain <partagé>", "<p>Pour le quartier.</p>",
                image, new Money(new BigDecimal("5000.00"), EUR), T0, Instant.parse("2030-05-01T18:00:00Z"),
                CampaignRule.ALL_OR_NOTHING, true, state, T0, T0.plusSeconds(60), T0, null, List.of());
    }

    static Progress progress() {
        Money zero = Money.zero(EUR);
        return new Progress(new Money(new BigDecimal("5000.00"), EUR), new Money(new BigDecimal("1000.00"), EUR),
                new Money(new BigDecimal("250.50"), EUR), zero, new Money(new BigDecimal("100.00"), EUR), zero, 12);
    }

    @Test
    void campaignIsANoteThatMastodonCanShow() {
        ObjectNode o = CampaignDocuments.toAs(campaign(CampaignState.OPEN, "https://a.example/four.jpg"), progress(), AT);
        assertEquals("Note", o.get("type").get(0).asText());
        assertEquals("Campaign", o.get("type").get(1).asText());
        assertEquals("https://a.example/campaigns/7", o.get("id").asText());
        assertEquals("https://a.example/c/capucins", o.get("attributedTo").asText());
        assertEquals("2030-05-01T18:00:00Z", o.get("endTime").asText());
        assertEquals("https://www.w3.org/ns/activitystreams#Public", o.get("to").get(0).asText());
        String content = o.get("content").asText();
        assertTrue(content.contains("Un four à pain &lt;partagé&gt;"), content);
        assertTrue(content.contains("5000.00 EUR"), content);
        assertTrue(content.contains("1250.50 EUR"), content);
        assertTrue(content.contains("(25 %)"), content);
        assertTrue(content.contains("12 contributors"), content);
        assertTrue(content.contains("1 May 2030"), content);
        assertTrue(content.contains("href=\"https://a.example/campaigns/7\""), content);
        assertFalse(o.has("summary"), "Mastodon shows summary as a content warning");
        JsonNode image = o.get("attachment").get(0);
        assertEquals("Image", image.get("type").asText());
        assertEquals("image/jpeg", image.get("mediaType").asText());
        assertEquals("https://a.example/four.jpg", image.get("url").asText());
    }

    @Test
    void totalsAreExactDecimalsDeclaredInline() {
        ObjectNode o = CampaignDocuments.toAs(campaign(CampaignState.OPEN, null), progress(), AT);
        assertEquals("5000.00", o.get("goal").asText());
        assertTrue(o.get("goal").isTextual());
        assertEquals("1250.50", o.get("raised").asText());
        assertEquals("1000.00", o.get("received").asText());
        assertEquals("250.50", o.get("promised").asText());
        assertEquals(12, o.get("contributors").asInt());
        assertEquals("EUR", o.get("currency").asText());
        assertEquals("open", o.get("campaignState").asText());
        assertEquals("all_or_nothing", o.get("campaignRule").asText());
        JsonNode context = o.get("@context");
        assertEquals("https://www.w3.org/ns/activitystreams", context.get(0).asText());
        assertEquals("https://w3id.org/security/data-integrity/v2", context.get(1).asText());
        JsonNode terms = context.get(2);
        assertEquals(Entraide.NS + "goal", terms.get("goal").get("@id").asText());
        assertEquals("http://www.w3.org/2001/XMLSchema#decimal", terms.get("goal").get("@type").asText());
        assertEquals(Entraide.NS + "raised", terms.get("raised").get("@id").asText());
        assertEquals(Entraide.NS + "contributors", terms.get("contributors").get("@id").asText());
        assertEquals(Entraide.NS + "Campaign", terms.get("Campaign").asText());
        assertFalse(o.has("attachment"));
    }

    @Test
    void closedCampaignsSaySo() {
        String failed = CampaignDocuments.toAs(campaign(CampaignState.FAILED, null), progress(), AT).get("content").asText();
        assertTrue(failed.contains("without reaching its goal"), failed);
        assertFalse(failed.contains("Pledge or read more"));
        String cancelled = CampaignDocuments.toAs(campaign(CampaignState.CANCELLED, null), progress(), AT).get("content").asText();
        assertTrue(cancelled.contains("Cancelled"), cancelled);
    }

    @Test
    void signedCampaignVerifiesAndAnyChangeBreaksIt() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        KeyPair pair = g.generateKeyPair();
        String keyId = "https://a.example/c/capucins#ed25519-key";
        ObjectNode object = CampaignDocuments.toAs(campaign(CampaignState.OPEN, null), progress(), AT);
        ObjectNode signed = new ObjectSigner(keyId, (EdECPrivateKey) pair.getPrivate()).signAsIs(object, T0);
        assertEquals(object.get("@context"), signed.get("@context"), "the campaign's own context is kept");
        VerificationMethod method = new VerificationMethod(keyId, "https://a.example/c/capucins",
                (EdECPublicKey) pair.getPublic());
        assertInstanceOf(ProofResult.Verified.class, ObjectIntegrityProofs.verify(signed, method, T0));
        ObjectNode tampered = signed.deepCopy();
        tampered.put("raised", "999999.00");
        assertFalse(ObjectIntegrityProofs.verify(tampered, method, T0) instanceof ProofResult.Verified);

        ObjectNode update = CampaignDocuments.activity("Update", "https://a.example/campaigns/7/activities/1", signed, AT, T0);
        assertEquals("Update", update.get("type").asText());
        assertEquals("https://a.example/c/capucins", update.get("actor").asText());
        assertInstanceOf(ProofResult.Verified.class, ObjectIntegrityProofs.verify(update.get("object"), method, T0));
    }

    private static JsonNode read(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static final String OFFER = """
            {"@context": "https://www.w3.org/ns/activitystreams",
             "id": "https://b.example/activities/1", "type": "Offer", "actor": "https://b.example/u/dalia",
             "object": {"type": "Pledge", "amount": "20.00", "tip": "2.00", "currency": "EUR",
                        "name": "Dalia", "content": "Courage !"},
             "target": "https://a.example/campaigns/7"}""";

    @Test
    void readsAPledgeFromAnotherNode() throws Exception {
        CampaignDocuments.ParsedPledge parsed = CampaignDocuments.pledgeFromAs(read(OFFER));
        CampaignDocuments.RemotePledge p = assertInstanceOf(CampaignDocuments.ParsedPledge.Valid.class, parsed).pledge();
        assertEquals("https://b.example/activities/1", p.activityUri());
        assertEquals("https://b.example/u/dalia", p.actorUri());
        assertEquals("https://a.example/campaigns/7", p.campaignUri());
        assertEquals("20.00", p.amount());
        assertEquals("2.00", p.tip());
        assertEquals("EUR", p.currency());
        assertEquals("Dalia", p.publicName());
        assertEquals("Courage !", p.message());
    }

    @Test
    void malformedPledgesAreValuesNotExceptions() throws Exception {
        String[] bad = {
                "[]", "{}", OFFER.replace("\"Offer\"", "\"Create\""), OFFER.replace("\"Pledge\"", "\"Note\""),
                OFFER.replace("\"target\": \"https://a.example/campaigns/7\"", "\"target\": null"),
                OFFER.replace("\"actor\": \"https://b.example/u/dalia\",", ""),
                OFFER.replace("\"amount\": \"20.00\"", "\"amount\": {\"x\": 1}"),
                OFFER.replace("\"id\": \"https://b.example/activities/1\",", "\"id\": 5,"),
                OFFER.replace("\"object\": {", "\"object\": [1], \"x\": {")};
        for (String json : bad) {
            assertInstanceOf(CampaignDocuments.ParsedPledge.Invalid.class, CampaignDocuments.pledgeFromAs(read(json)), json);
        }
        assertInstanceOf(CampaignDocuments.ParsedPledge.Invalid.class, CampaignDocuments.pledgeFromAs(null));
    }

    @Test
    void numbersInAPledgeStayExact() throws Exception {
        JsonNode exact = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree(OFFER.replace("\"20.00\"", "20.10"));
        CampaignDocuments.RemotePledge p = ((CampaignDocuments.ParsedPledge.Valid) CampaignDocuments.pledgeFromAs(exact)).pledge();
        assertEquals(0, new BigDecimal("20.10").compareTo((BigDecimal) p.amount()), String.valueOf(p.amount()));
    }

    @Test
    void acknowledgementAndStateChangeGoToTheDonorOnly() {
        Money eur20 = new Money(new BigDecimal("20.00"), EUR);
        Pledge p = new Pledge(3, 7, Pledge.DonorKind.REMOTE, null, null, "https://b.example/u/dalia", null, null, null,
                "Dalia", null, eur20, new Money(new BigDecimal("2.00"), EUR), PledgeState.PROMISED, null,
                "RF71C7P3", "https://b.example/activities/1", T0, T0);
        ObjectNode accept = CampaignDocuments.acceptPledge("https://a.example/campaigns/7/activities/2", AT.collectiveUri(),
                p, "https://a.example/pledges/3", AT.campaignUri(), T0);
        assertEquals("Accept", accept.get("type").asText());
        assertEquals("https://b.example/activities/1", accept.get("object").asText());
        assertEquals(List.of("https://b.example/u/dalia"), List.of(accept.get("to").get(0).asText()));
        assertEquals(1, accept.get("to").size());
        assertFalse(accept.has("cc"));
        assertEquals("promised", accept.get("result").get("pledgeState").asText());
        assertEquals("RF71C7P3", accept.get("result").get("paymentReference").asText());
        assertEquals("20.00", accept.get("result").get("amount").asText());

        ObjectNode update = CampaignDocuments.pledgeStateChanged("https://a.example/campaigns/7/activities/3",
                AT.collectiveUri(), Closing.withState(p, PledgeState.RECEIVED, T0), "https://a.example/pledges/3",
                AT.campaignUri(), T0);
        assertEquals("Update", update.get("type").asText());
        assertEquals("received", update.get("object").get("pledgeState").asText());
        assertEquals(1, update.get("to").size());

        ObjectNode reject = CampaignDocuments.rejectPledge("https://a.example/x", AT.collectiveUri(),
                "https://b.example/activities/1", "https://b.example/u/dalia", "This campaign has ended.", T0);
        assertEquals("Reject", reject.get("type").asText());
        assertEquals("This campaign has ended.", reject.get("summary").asText());
    }
}
