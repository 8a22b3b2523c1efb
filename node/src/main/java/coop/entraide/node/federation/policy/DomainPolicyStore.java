package coop.entraide.node.federation.policy;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for {@code domain_policies} and the federation settings in {@code node_settings}. */
public final class DomainPolicyStore {
    static final String MODE_KEY = "federation.mode";
    static final String VERSION_KEY = "federation.policy_version";

    /** A stored policy and what it replaced, if anything. */
    public record Saved(DomainPolicy policy, Optional<Policy> previous) {
    }

    public Future<List<DomainPolicy>> all(SqlClient db) {
        return db.query("""
                SELECT domain, policy, public_comment, private_note, created_by, created_at, updated_at
                  FROM domain_policies
                 ORDER BY domain""").execute()
                .map(DomainPolicyStore::toList);
    }

    public Future<Optional<DomainPolicy>> find(SqlClient db, DomainName domain) {
        return db.preparedQuery("""
                SELECT domain, policy, public_comment, private_note, created_by, created_at, updated_at
                  FROM domain_policies
                 WHERE domain = $1""").execute(Tuple.of(domain.value()))
                .map(rows -> toList(rows).stream().findFirst());
    }

    /**
     * Creates or replaces the policy on a domain. A null comment or note keeps the stored one (or
     * leaves it empty on creation); the original author and creation time are kept.
     */
    public Future<Saved> upsert(SqlClient db, DomainName domain, Policy policy, String publicComment,
                                String privateNote, String by) {
        return db.preparedQuery("""
                WITH previous AS (SELECT policy FROM domain_policies WHERE domain = $1)
                INSERT INTO domain_policies AS d (domain, policy, public_comment, private_note, created_by)
                VALUES ($1, $2, coalesce($3, ''), coalesce($4, ''), $5)
                ON CONFLICT (domain) DO UPDATE
                   SET policy         = EXCLUDED.policy,
                       public_comment = coalesce($3, d.public_comment),
                       private_note   = coalesce($4, d.private_note),
                       updated_at     = now()
                RETURNING d.domain, d.policy, d.public_comment, d.private_note, d.created_by,
                          d.created_at, d.updated_at, (SELECT policy FROM previous) AS previous_policy""")
                .execute(Tuple.of(domain.value(), policy.wireName(), publicComment, privateNote, by))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Saved(fromRow(row), Optional.ofNullable(row.getString("previous_policy"))
                            .flatMap(Policy::fromWireName));
                });
    }

    /** Removes the policy on exactly this domain; returns what was removed. */
    public Future<Optional<DomainPolicy>> delete(SqlClient db, DomainName domain) {
        return db.preparedQuery("""
                DELETE FROM domain_policies WHERE domain = $1
                RETURNING domain, policy, public_comment, private_note, created_by, created_at, updated_at""")
                .execute(Tuple.of(domain.value()))
                .map(rows -> toList(rows).stream().findFirst());
    }

    public Future<FederationMode> mode(SqlClient db) {
        return db.preparedQuery("SELECT value #>> '{}' AS mode FROM node_settings WHERE key = $1")
                .execute(Tuple.of(MODE_KEY))
                .map(rows -> rows.size() == 0 ? FederationMode.OPEN
                        : FederationMode.fromWireName(rows.iterator().next().getString("mode")).orElse(FederationMode.OPEN));
    }

    public Future<Void> setMode(SqlClient db, FederationMode mode) {
        return db.preparedQuery("""
                INSERT INTO node_settings (key, value) VALUES ($1, to_jsonb($2::text))
                ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()""")
                .execute(Tuple.of(MODE_KEY, mode.wireName()))
                .mapEmpty();
    }

    /** The counter the triggers of V0002 bump on every change: one primary-key read. */
    public Future<Long> version(SqlClient db) {
        return db.preparedQuery("SELECT (value #>> '{}')::bigint AS version FROM node_settings WHERE key = $1")
                .execute(Tuple.of(VERSION_KEY))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("version"));
    }

    private static List<DomainPolicy> toList(RowSet<Row> rows) {
        List<DomainPolicy> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(fromRow(r)));
        return out;
    }

    static DomainPolicy fromRow(Row row) {
        return new DomainPolicy(
                new DomainName(row.getString("domain")),
                Policy.fromWireName(row.getString("policy")).orElseThrow(),
                row.getString("public_comment"),
                row.getString("private_note"),
                row.getString("created_by"),
                row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
