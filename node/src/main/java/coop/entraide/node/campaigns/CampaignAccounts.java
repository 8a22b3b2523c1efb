package coop.entraide.node.campaigns;

import coop.entraide.node.ledger.Account;
import coop.entraide.node.ledger.Entry;
import coop.entraide.node.ledger.Money;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * The six ledger accounts every campaign opens when it is created (scope {@code campaign}), and
 * the entries each pledge event records between them. See docs/ledger.md.
 *
 * <pre>
 *   promise:  donors           → pledges_promised   (and donors → tips_promised)
 *   receive:  pledges_promised → funds_received     (and tips_promised → tips_received)
 *   release:  pledges_promised → donors             (and tips_promised → donors)
 *   refund:   funds_received   → donors             (and tips_received → donors)
 *   expense:  funds_received   → expenses
 * </pre>
 */
public record CampaignAccounts(long donors, long pledgesPromised, long fundsReceived, long expenses,
                               long tipsPromised, long tipsReceived) {
    public static final String SCOPE = "campaign";
    public static final String DONORS = "donors";
    public static final String PLEDGES_PROMISED = "pledges_promised";
    public static final String FUNDS_RECEIVED = "funds_received";
    public static final String EXPENSES = "expenses";
    public static final String TIPS_PROMISED = "tips_promised";
    public static final String TIPS_RECEIVED = "tips_received";

    /** What a campaign of {@code collectiveId} in {@code currency} opens, in this order. */
    static List<Account.Spec> specs(long campaignId, long collectiveId, Currency currency) {
        return List.of(
                new Account.Spec("external", null, DONORS, SCOPE, campaignId, currency),
                new Account.Spec("collective", collectiveId, PLEDGES_PROMISED, SCOPE, campaignId, currency),
                new Account.Spec("collective", collectiveId, FUNDS_RECEIVED, SCOPE, campaignId, currency),
                new Account.Spec("collective", collectiveId, EXPENSES, SCOPE, campaignId, currency),
                new Account.Spec("cooperative", null, TIPS_PROMISED, SCOPE, campaignId, currency),
                new Account.Spec("cooperative", null, TIPS_RECEIVED, SCOPE, campaignId, currency));
    }

    static CampaignAccounts of(Map<String, Account> byKind) {
        return new CampaignAccounts(byKind.get(DONORS).id(), byKind.get(PLEDGES_PROMISED).id(),
                byKind.get(FUNDS_RECEIVED).id(), byKind.get(EXPENSES).id(), byKind.get(TIPS_PROMISED).id(),
                byKind.get(TIPS_RECEIVED).id());
    }

    /** Who recorded an entry, for the ledger: a member, or the node itself with a reason. */
    record Recorder(Long actorId, String label) {
        static Recorder member(long actorId, String username) {
            return new Recorder(actorId, "member:" + username);
        }

        static Recorder node(String why) {
            return new Recorder(null, "node:" + why);
        }
    }

    /** The entries that move a pledge (and its tip, if any) from {@code from} to {@code to}. */
    List<Entry> pledgeEvent(PledgeState to, Pledge p, Recorder by, Instant at, String reference, String memo) {
        PledgeState from = p.state();
        long pledgeFrom;
        long pledgeTo;
        long tipFrom;
        long tipTo;
        String kind;
        switch (to) {
            case PROMISED -> {
                kind = "promised";
                pledgeFrom = donors;
                pledgeTo = pledgesPromised;
                tipFrom = donors;
                tipTo = tipsPromised;
            }
            case RECEIVED -> {
                requireFrom(from, PledgeState.PROMISED, to);
                kind = "received";
                pledgeFrom = pledgesPromised;
                pledgeTo = fundsReceived;
                tipFrom = tipsPromised;
                tipTo = tipsReceived;
            }
            case RELEASED -> {
                requireFrom(from, PledgeState.PROMISED, to);
                kind = "released";
                pledgeFrom = pledgesPromised;
                pledgeTo = donors;
                tipFrom = tipsPromised;
                tipTo = donors;
            }
            case REFUNDED -> {
                requireFrom(from, PledgeState.RECEIVED, to);
                kind = "refunded";
                pledgeFrom = fundsReceived;
                pledgeTo = donors;
                tipFrom = tipsReceived;
                tipTo = donors;
            }
            default -> throw new IllegalArgumentException(String.valueOf(to));
        }
        Entry pledge = new Entry("pledge_" + kind, pledgeFrom, pledgeTo, p.amount(), "pledge", p.id(), by.actorId(),
                by.label(), at, reference, memo);
        if (!p.tip().isPositive()) {
            return List.of(pledge);
        }
        return List.of(pledge, new Entry("tip_" + kind, tipFrom, tipTo, p.tip(), "pledge", p.id(), by.actorId(),
                by.label(), at, reference, memo));
    }

    Entry expense(long expenseId, Money money, Recorder by, Instant at, String memo) {
        return new Entry("expense_recorded", fundsReceived, expenses, money, "expense", expenseId, by.actorId(),
                by.label(), at, null, memo);
    }

    private static void requireFrom(PledgeState actual, PledgeState expected, PledgeState to) {
        if (actual != expected) {
            throw new IllegalStateException("a " + actual.value() + " pledge cannot become " + to.value());
        }
    }

    /** The campaign's totals from its account balances. */
    static Progress progress(Money goal, Map<String, java.math.BigDecimal> balances, long contributors) {
        Currency c = goal.currency();
        java.util.function.Function<String, Money> bal = kind ->
                new Money(balances.getOrDefault(kind, java.math.BigDecimal.ZERO), c);
        return new Progress(goal, bal.apply(FUNDS_RECEIVED).plus(bal.apply(EXPENSES)), bal.apply(PLEDGES_PROMISED),
                bal.apply(EXPENSES), bal.apply(TIPS_RECEIVED), bal.apply(TIPS_PROMISED), contributors);
    }
}
