package coop.entraide.node.federation.policy;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.regex.Pattern;

/**
 * The common purge: delete the rows of one table whose host column names the domain or one of its
 * subdomains. The column must hold hosts normalised as {@link DomainName} does (lower case,
 * punycode, no port), which is how capabilities are expected to store an actor's domain.
 */
public final class HostColumnPurge implements DomainPurge {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String table;
    private final String sql;

    /** Table and column are identifiers from code, never from a request; they are checked anyway. */
    public HostColumnPurge(String table, String hostColumn) {
        if (!IDENTIFIER.matcher(table).matches() || !IDENTIFIER.matcher(hostColumn).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + table + "." + hostColumn);
        }
        this.table = table;
        // Identifiers cannot be bind parameters; both were checked against IDENTIFIER above.
        this.sql = "DELETE FROM " + table + " WHERE " + hostColumn + " = $1 OR ($2 AND " + hostColumn + " LIKE $3)";
    }

    @Override
    public String name() {
        return table;
    }

    @Override
    public Future<Long> purge(SqlClient tx, DomainName domain) {
        // Normalised names contain only [a-z0-9.-] (and brackets for IPv6), none of them special to LIKE.
        return tx.preparedQuery(sql)
                .execute(Tuple.of(domain.value(), !domain.isIpLiteral(), "%." + domain.value()))
                .map(rows -> (long) rows.rowCount());
    }
}
