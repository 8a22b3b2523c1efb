package coop.entraide.node.campaigns;

import coop.entraide.node.ledger.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * A campaign's totals, all derived from the ledger: what was received (net of refunds), what is
 * still only promised, what the collective reports spending, and the tips to the cooperative,
 * reported apart because they do not go to the collective.
 */
public record Progress(Money goal, Money received, Money promised, Money spent, Money tipsReceived,
                       Money tipsPromised, long contributors) {

    /** Received and promised together: what the goal is measured against. */
    public Money raised() {
        return received.plus(promised);
    }

    /** Whole percent of the goal raised, rounded down (it may exceed 100). */
    public int percent() {
        return raised().amount().multiply(BigDecimal.valueOf(100)).divide(goal.amount(), 0, RoundingMode.DOWN).intValue();
    }

    public boolean goalReached() {
        return raised().amount().compareTo(goal.amount()) >= 0;
    }

    /** Whole days left before {@code end}, counting a started day as one; 0 once ended. */
    public static long daysLeft(Instant now, Instant end) {
        if (!now.isBefore(end)) {
            return 0;
        }
        Duration left = Duration.between(now, end);
        long days = left.toDays();
        return left.equals(Duration.ofDays(days)) ? days : days + 1;
    }
}
