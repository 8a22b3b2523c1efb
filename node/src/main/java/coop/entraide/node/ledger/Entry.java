package coop.entraide.node.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * One movement to record: {@code money} leaves {@code fromAccount} and enters {@code toAccount}.
 *
 * @param subjectKind      what it is about ({@code pledge}, {@code expense}, later {@code loan}…)
 * @param recordedByActor  the member who recorded it, or null for the node itself
 * @param recordedBy       who recorded it, in words, for the public record
 */
public record Entry(String kind, long fromAccount, long toAccount, Money money, String subjectKind, long subjectId,
                    Long recordedByActor, String recordedBy, Instant recordedAt, String reference, String memo) {
    public Entry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(money, "money");
        Objects.requireNonNull(recordedBy, "recordedBy");
        Objects.requireNonNull(recordedAt, "recordedAt");
        if (!money.isPositive()) {
            throw new IllegalArgumentException("a ledger entry moves a positive amount");
        }
    }
}
