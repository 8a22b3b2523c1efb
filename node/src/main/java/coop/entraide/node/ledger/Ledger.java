package coop.entraide.node.ledger;

import coop.entraide.node.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The append-only ledger in PostgreSQL: accounts, entries, and balances derived from the entries.
 * Every method takes the {@link SqlClient} to run on, so that an entry is written in the same
 * transaction as the change it records. The database refuses any UPDATE or DELETE of an entry.
 */
public final class Ledger {
    /** One entry as read back, with its id. */
    public record Recorded(long id, String kind, long fromAccount, long toAccount, BigDecimal amount, String currency,
                           String subjectKind, long subjectId, String recordedBy, OffsetDateTime recordedAt,
                           String reference, String memo) {
        static Recorded fromRow(Row row) {
            return new Recorded(row.getLong("id"), row.getString("kind"), row.getLong("from_account_id"),
                    row.getLong("to_account_id"), row.getBigDecimal("amount"), row.getString("currency"),
                    row.getString("subject_kind"), row.getLong("subject_id"), row.getString("recorded_by"),
                    row.getOffsetDateTime("recorded_at"), row.getString("reference"), row.getString("memo"));
        }
    }

    /** Opens accounts (all in one statement); answers them in the order given. */
    public Future<List<Account>> open(SqlClient tx, List<Account.Spec> specs) {
        List<Tuple> batch = new ArrayList<>();
        for (Account.Spec s : specs) {
            batch.add(Tuple.of(s.ownerKind(), s.ownerId(), s.kind(), s.scopeKind(), s.scopeId(),
                    s.currency().getCurrencyCode()));
        }
        return tx.preparedQuery("""
                        INSERT INTO ledger_accounts (owner_kind, owner_id, kind, scope_kind, scope_id, currency)
                        VALUES ($1, $2, $3, $4, $5, $6)
                        RETURNING id""")
                .executeBatch(batch)
                .map(rows -> {
                    List<Account> opened = new ArrayList<>();
                    var result = rows;
                    for (Account.Spec s : specs) {
                        long id = result.iterator().next().getLong("id");
                        opened.add(new Account(id, s.ownerKind(), s.ownerId(), s.kind(), s.scopeKind(), s.scopeId(),
                                s.currency()));
                        result = result.next();
                    }
                    return opened;
                });
    }

    /** The accounts of one scope, by kind. */
    public Future<Map<String, Account>> accounts(SqlClient client, String scopeKind, long scopeId) {
        return client.preparedQuery("""
                        SELECT id, owner_kind, owner_id, kind, scope_kind, scope_id, currency
                        FROM ledger_accounts WHERE scope_kind = $1 AND scope_id = $2""")
                .execute(Tuple.of(scopeKind, scopeId))
                .map(rows -> {
                    Map<String, Account> byKind = new HashMap<>();
                    for (Row r : rows) {
                        byKind.put(r.getString("kind"), new Account(r.getLong("id"), r.getString("owner_kind"),
                                r.getLong("owner_id"), r.getString("kind"), r.getString("scope_kind"),
                                r.getLong("scope_id"), Currency.getInstance(r.getString("currency"))));
                    }
                    return byKind;
                });
    }

    /** Appends entries, in order, in one round trip. */
    public Future<Void> record(SqlClient tx, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Tuple> batch = new ArrayList<>();
        for (Entry e : entries) {
            batch.add(Tuple.from(new Object[] {e.kind(), e.fromAccount(), e.toAccount(), e.money().amount(),
                    e.money().code(), e.subjectKind(), e.subjectId(), e.recordedByActor(), e.recordedBy(),
                    e.recordedAt().atOffset(ZoneOffset.UTC), e.reference(), e.memo()}));
        }
        return tx.preparedQuery("""
                        INSERT INTO ledger_entries (kind, from_account_id, to_account_id, amount, currency,
                            subject_kind, subject_id, recorded_by_actor_id, recorded_by, recorded_at, reference, memo)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""")
                .executeBatch(batch)
                .mapEmpty();
    }

    /** The balance of every account of one scope, by account kind, summed from the entries. */
    public Future<Map<String, BigDecimal>> balances(SqlClient client, String scopeKind, long scopeId) {
        return client.preparedQuery("""
                        SELECT kind, balance FROM ledger_balances WHERE scope_kind = $1 AND scope_id = $2""")
                .execute(Tuple.of(scopeKind, scopeId))
                .map(rows -> {
                    Map<String, BigDecimal> byKind = new HashMap<>();
                    rows.forEach(r -> byKind.put(r.getString("kind"), r.getBigDecimal("balance")));
                    return byKind;
                });
    }

    /** Every entry touching one scope's accounts, oldest first. */
    public Future<List<Recorded>> entries(SqlClient client, String scopeKind, long scopeId) {
        return client.preparedQuery("""
                        SELECT e.* FROM ledger_entries e
                        WHERE e.to_account_id IN (SELECT id FROM ledger_accounts WHERE scope_kind = $1 AND scope_id = $2)
                           OR e.from_account_id IN (SELECT id FROM ledger_accounts WHERE scope_kind = $1 AND scope_id = $2)
                        ORDER BY e.id""")
                .execute(Tuple.of(scopeKind, scopeId))
                .map(rows -> SqlErrors.all(rows, Recorded::fromRow));
    }

    /** Entries about one subject (a pledge, an expense), oldest first. */
    public Future<List<Recorded>> entriesAbout(SqlClient client, String subjectKind, long subjectId) {
        return client.preparedQuery("SELECT * FROM ledger_entries WHERE subject_kind = $1 AND subject_id = $2 ORDER BY id")
                .execute(Tuple.of(subjectKind, subjectId))
                .map(rows -> SqlErrors.all(rows, Recorded::fromRow));
    }
}
