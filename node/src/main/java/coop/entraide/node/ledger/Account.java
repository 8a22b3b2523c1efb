package coop.entraide.node.ledger;

import java.util.Currency;

/**
 * A ledger account: who owns it, what it holds and what it serves (its scope).
 *
 * @param ownerKind {@code collective}, {@code member}, {@code cooperative} or {@code external}
 * @param ownerId   the collective's or member's actor id; null for the cooperative and the outside world
 * @param kind      what it holds, e.g. {@code pledges_promised}
 * @param scopeKind what it serves, e.g. {@code campaign}
 */
public record Account(long id, String ownerKind, Long ownerId, String kind, String scopeKind, long scopeId,
                      Currency currency) {

    /** An account still to be opened. */
    public record Spec(String ownerKind, Long ownerId, String kind, String scopeKind, long scopeId, Currency currency) {
    }
}
