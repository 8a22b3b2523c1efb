package coop.entraide.node.federation.policy;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records in the log that a domain's data was purged; holds nothing itself. */
public final class LoggingPurge implements DomainPurge {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingPurge.class);

    @Override
    public String name() {
        return "log";
    }

    @Override
    public Future<Long> purge(SqlClient tx, DomainName domain) {
        LOG.info("blocking {}: purging what this node holds from it and its subdomains", domain);
        return Future.succeededFuture(0L);
    }
}
