package coop.entraide.node.federation.policy;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every registered {@link DomainPurge}, run one after the other on the same transaction. */
public final class DomainPurges {
    private final List<DomainPurge> purges;

    /** Rows removed per purge, in the order they ran. */
    public record Report(Map<String, Long> removed) {
        public static Report none() {
            return new Report(Map.of());
        }

        public long total() {
            return removed.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public DomainPurges(List<DomainPurge> purges) {
        this.purges = List.copyOf(purges);
    }

    /**
     * The purges of this build. A capability that stores data from remote servers adds its own
     * here, typically {@code new HostColumnPurge("remote_actors", "host")}.
     */
    public static DomainPurges standard() {
        return new DomainPurges(List.of(new LoggingPurge()));
    }

    public List<DomainPurge> all() {
        return purges;
    }

    public Future<Report> run(SqlClient tx, DomainName domain) {
        Map<String, Long> removed = new LinkedHashMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (DomainPurge purge : purges) {
            chain = chain.compose(v -> purge.purge(tx, domain)).map(count -> {
                removed.merge(purge.name(), count, Long::sum);
                return null;
            });
        }
        return chain.map(v -> new Report(java.util.Collections.unmodifiableMap(removed)));
    }
}
