package coop.entraide.node.campaigns;

import coop.entraide.node.ledger.Account;
import coop.entraide.node.ledger.Entry;
import coop.entraide.node.ledger.Money;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

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

    /** The accounts a campaign opens, in this order. */
    private static final List<String> KINDS =
            List.of(DONORS, PLEDGES_PROMISED, FUNDS_RECEIVED, EXPENSES, TIPS_PROMISED, TIPS_RECEIVED);

    /** What a campaign of {@code collectiveId} in {@code currency} opens, in this order. */
    static List<Account.Spec> specs(long campaignId, long collectiveId, Currency currency) {
        return KINDS.stream().map(kind -> {
            String owner = ownerKind(kind);
            return new Account.Spec(owner, owner.equals("collective") ? collectiveId : null, kind, SCOPE, campaignId,
                    currency);
        }).toList();
    }

    /** Donors are the outside world, tips go to the cooperative that runs the node, the rest is the collective's. */
    private static String ownerKind(String kind) {
        return switch (kind) {
            case DONORS -> "external";
            case TIPS_PROMISED, TIPS_RECEIVED -> "cooperative";
            default -> "collective";
        };
    }

    static CampaignAccounts of(Map<String, Account> byKind) {
        ToLongFunction<String> id = kind -> byKind.get(kind).id();
        return new CampaignAccounts(id.applyAsLong(DONORS), id.applyAsLong(PLEDGES_PROMISED),
                id.applyAsLong(FUNDS_RECEIVED), id.applyAsLong(EXPENSES), id.applyAsLong(TIPS_PROMISED),
                id.applyAsLong(TIPS_RECEIVED));
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

    /**
     * One pledge event as the ledger sees it: the state the pledge must be in first (null: any), and
     * the accounts its amount and its tip move between.
     */
    private record Move(String kind, PledgeState from, long pledgeFrom, long pledgeTo, long tipFrom, long tipTo) {
    }

    private Move move(PledgeState to) {
        return switch (to) {
            case PROMISED -> new Move("promised", null, donors, pledgesPromised, donors, tipsPromised);
            case RECEIVED -> new Move("received", PledgeState.PROMISED, pledgesPromised, fundsReceived, tipsPromised,
                    tipsReceived);
            case RELEASED -> new Move("released", PledgeState.PROMISED, pledgesPromised, donors, tipsPromised, donors);
            case REFUNDED -> new Move("refunded", PledgeState.RECEIVED, fundsReceived, donors, tipsReceived, donors);
        };
    }

    /** The entries that move a pledge (and its tip, if any) from its state to {@code to}. */
    List<Entry> pledgeEvent(PledgeState to, Pledge p, Recorder by, Instant at, String reference, String memo) {
        Move m = move(to);
        if (m.from() != null) {
            requireFrom(p.state(), m.from(), to);
        }
        Entry pledge = new Entry("pledge_" + m.kind(), m.pledgeFrom(), m.pledgeTo(), p.amount(), "pledge", p.id(),
                by.actorId(), by.label(), at, reference, memo);
        if (!p.tip().isPositive()) {
            return List.of(pledge);
        }
        return List.of(pledge, new Entry("tip_" + m.kind(), m.tipFrom(), m.tipTo(), p.tip(), "pledge", p.id(),
                by.actorId(), by.label(), at, reference, memo));
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
