package coop.entraide.node.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.campaigns.CampaignDocuments.ParsedPledge;
import coop.entraide.node.ledger.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pledge a member sends to another node, as that node reads it, and the states it may then take. */
class SentPledgeTest {
    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void theOfferWeSendIsThePledgeTheCampaignsNodeReads() {
        ObjectNode offer = CampaignDocuments.pledgeOffer("https://b.example/a/1", "https://b.example/u/dalia",
                "https://a.example/c/capucins", "https://a.example/campaigns/7", new Money(new BigDecimal("25.5"), EUR),
                new Money(new BigDecimal("2.55"), EUR), "Dalia", "Courage !", Instant.parse("2030-05-01T10:00:00Z"));
        ParsedPledge.Valid valid = assertInstanceOf(ParsedPledge.Valid.class, CampaignDocuments.pledgeFromAs(offer));
        assertEquals("https://b.example/a/1", valid.pledge().activityUri());
        assertEquals("https://b.example/u/dalia", valid.pledge().actorUri());
        assertEquals("https://a.example/campaigns/7", valid.pledge().campaignUri());
        assertEquals("25.50", valid.pledge().amount(), "amounts travel as decimal strings with the currency's digits");
        assertEquals("2.55", valid.pledge().tip());
        assertEquals("EUR", valid.pledge().currency());
        assertEquals("Dalia", valid.pledge().publicName());
        assertEquals("Courage !", valid.pledge().message());
        assertEquals("https://a.example/c/capucins", offer.path("to").get(0).asText());
    }

    @Test
    void anAnonymousPledgeCarriesNoName() {
        ObjectNode offer = CampaignDocuments.pledgeOffer("https://b.example/a/2", "https://b.example/u/dalia",
                "https://a.example/c/capucins", "https://a.example/campaigns/7", new Money(BigDecimal.TEN, EUR),
                Money.zero(EUR), null, null, Instant.parse("2030-05-01T10:00:00Z"));
        ParsedPledge.Valid valid = assertInstanceOf(ParsedPledge.Valid.class, CampaignDocuments.pledgeFromAs(offer));
        assertNull(valid.pledge().publicName());
        assertEquals("0.00", valid.pledge().tip());
    }

    @Test
    void theUndoNamesTheOfferAndItsActor() {
        ObjectNode undo = CampaignDocuments.undoPledge("https://b.example/a/3", "https://b.example/u/dalia",
                "https://a.example/c/capucins", "https://b.example/a/1", Instant.parse("2030-05-02T10:00:00Z"));
        assertEquals("Undo", undo.path("type").asText());
        assertEquals("https://b.example/a/1", undo.path("object").path("id").asText());
        assertEquals("Offer", undo.path("object").path("type").asText());
        assertEquals("https://b.example/u/dalia", undo.path("object").path("actor").asText());
    }

    @Test
    void aPledgeOnlyMovesForward() {
        assertTrue(pledge(SentPledge.SENT).mayBecome("promised"));
        assertTrue(pledge(SentPledge.SENT).mayBecome("received"), "an Update may overtake the Accept");
        assertFalse(pledge(SentPledge.SENT).mayBecome("sent"));
        assertFalse(pledge(SentPledge.SENT).mayBecome("cancelled"), "not a state of a pledge");
        assertTrue(pledge("promised").mayBecome("received"));
        assertTrue(pledge("promised").mayBecome("released"));
        assertFalse(pledge("promised").mayBecome("refunded"), "only received money is refunded");
        assertTrue(pledge("received").mayBecome("refunded"));
        assertFalse(pledge("received").mayBecome("promised"), "a late Update does not go back");
        assertFalse(pledge("released").mayBecome("received"));
        assertFalse(pledge(SentPledge.REJECTED).mayBecome("promised"));
    }

    private static SentPledge pledge(String state) {
        return new SentPledge(1, UUID.randomUUID(), 2, 3, "https://a.example/c/capucins", "https://a.example/campaigns/7",
                "https://b.example/a/1", new Money(BigDecimal.TEN, EUR), Money.zero(EUR), null, null, state, null, null,
                null, null, null);
    }
}
