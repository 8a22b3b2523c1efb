package coop.entraide.node.federation.policy;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * How a capability forgets what it holds from a domain when that domain is blocked: cached
 * actors, their offers, follows, queued deliveries… Each capability that stores remote data
 * registers one in {@link DomainPurges#standard()}.
 *
 * <p>Purges run inside the transaction that stores the block: either the domain is blocked and
 * purged, or neither.
 */
public interface DomainPurge {
    /** A short name for logs and reports, such as {@code "remote actors"}. */
    String name();

    /** Removes what belongs to {@code domain} or any of its subdomains; returns the rows removed. */
    Future<Long> purge(SqlClient tx, DomainName domain);
}
