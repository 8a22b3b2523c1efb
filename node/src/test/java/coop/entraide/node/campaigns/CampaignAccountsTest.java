package coop.entraide.node.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import coop.entraide.node.campaigns.CampaignAccounts.Recorder;
import coop.entraide.node.ledger.Account;
import coop.entraide.node.ledger.Entry;
import coop.entraide.node.ledger.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The accounts a campaign opens and the entries each pledge event records between them (docs/ledger.md). */
class CampaignAccountsTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final Recorder TREASURER = Recorder.member(7, "alice");
    // donors 1, pledges_promised 2, funds_received 3, expenses 4, tips_promised 5, tips_received 6
    private static final CampaignAccounts ACCOUNTS = new CampaignAccounts(1, 2, 3, 4, 5, 6);

    private static Money eur(String amount) {
        return new Money(new BigDecimal(amount), EUR);
    }

    private static Pledge pledge(PledgeState state, String amount, String tip) {
        return new Pledge(42, 9, Pledge.DonorKind.MEMBER, 11L, "bruno", null, null, null, null, "Bruno", null,
                eur(amount), eur(tip), state, "transfer", "ENT-42", null, AT, AT);
    }

    /** kind from→to amount, one an entry. */
    private static List<String> moves(List<Entry> entries) {
        return entries.stream().map(e -> e.kind() + " " + e.fromAccount() + "→" + e.toAccount() + " "
                + e.money().amount().toPlainString()).toList();
    }

    @Test
    void aCampaignOpensSixAccountsOwnedByTheOutsideTheCollectiveAndTheCooperative() {
        List<Account.Spec> specs = CampaignAccounts.specs(9, 3, EUR);
        assertEquals(List.of(
                new Account.Spec("external", null, "donors", "campaign", 9, EUR),
                new Account.Spec("collective", 3L, "pledges_promised", "campaign", 9, EUR),
                new Account.Spec("collective", 3L, "funds_received", "campaign", 9, EUR),
                new Account.Spec("collective", 3L, "expenses", "campaign", 9, EUR),
                new Account.Spec("cooperative", null, "tips_promised", "campaign", 9, EUR),
                new Account.Spec("cooperative", null, "tips_received", "campaign", 9, EUR)), specs);
    }

    @Test
    void eachPledgeEventMovesThePledgeAndItsTipBetweenTheirAccounts() {
        assertEquals(List.of("pledge_promised 1→2 20.00", "tip_promised 1→5 1.50"),
                moves(ACCOUNTS.pledgeEvent(PledgeState.PROMISED, pledge(PledgeState.PROMISED, "20.00", "1.50"),
                        TREASURER, AT, null, null)));
        assertEquals(List.of("pledge_received 2→3 20.00", "tip_received 5→6 1.50"),
                moves(ACCOUNTS.pledgeEvent(PledgeState.RECEIVED, pledge(PledgeState.PROMISED, "20.00", "1.50"),
                        TREASURER, AT, "ENT-42", null)));
        assertEquals(List.of("pledge_released 2→1 20.00", "tip_released 5→1 1.50"),
                moves(ACCOUNTS.pledgeEvent(PledgeState.RELEASED, pledge(PledgeState.PROMISED, "20.00", "1.50"),
                        TREASURER, AT, null, null)));
        assertEquals(List.of("pledge_refunded 3→1 20.00", "tip_refunded 6→1 1.50"),
                moves(ACCOUNTS.pledgeEvent(PledgeState.REFUNDED, pledge(PledgeState.RECEIVED, "20.00", "1.50"),
                        TREASURER, AT, null, "virement retourné")));
    }

    @Test
    void anEntryCarriesWhoRecordedItAndWhatItIsAbout() {
        Entry received = ACCOUNTS.pledgeEvent(PledgeState.RECEIVED, pledge(PledgeState.PROMISED, "20.00", "0.00"),
                TREASURER, AT, "ENT-42", "reçu le 1er mars").get(0);
        assertEquals(new Entry("pledge_received", 2, 3, eur("20.00"), "pledge", 42, 7L, "member:alice", AT, "ENT-42",
                "reçu le 1er mars"), received);
        assertEquals(new Entry("expense_recorded", 3, 4, eur("80.00"), "expense", 5, null, "node:import", AT, null, "farine"),
                ACCOUNTS.expense(5, eur("80.00"), Recorder.node("import"), AT, "farine"));
    }

    @Test
    void aPledgeWithoutATipMovesOnlyThePledge() {
        assertEquals(List.of("pledge_promised 1→2 20.00"),
                moves(ACCOUNTS.pledgeEvent(PledgeState.PROMISED, pledge(PledgeState.PROMISED, "20.00", "0.00"),
                        TREASURER, AT, null, null)));
    }

    @Test
    void aPledgeOnlyMovesFromTheStateEachEventStartsFrom() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ACCOUNTS.pledgeEvent(
                PledgeState.RECEIVED, pledge(PledgeState.RELEASED, "20.00", "0.00"), TREASURER, AT, null, null));
        assertEquals("a released pledge cannot become received", e.getMessage());
        assertThrows(IllegalStateException.class, () -> ACCOUNTS.pledgeEvent(
                PledgeState.RELEASED, pledge(PledgeState.RECEIVED, "20.00", "0.00"), TREASURER, AT, null, null));
        assertThrows(IllegalStateException.class, () -> ACCOUNTS.pledgeEvent(
                PledgeState.REFUNDED, pledge(PledgeState.PROMISED, "20.00", "0.00"), TREASURER, AT, null, null));
    }
}
